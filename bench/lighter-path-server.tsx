// The lighter path of decision 023 (item 1), for measuring only: the edition page's own loader
// and component rendered with renderToString inside the site's header and footer, without React
// Router's document pipeline (no route matching, middleware, meta/links merging, streaming,
// hydration data). `npm run bench` serves it beside the app with its page cache off.
import fs from "node:fs";
import http from "node:http";
import { renderToString } from "react-dom/server";
import { StaticRouter } from "react-router";

const [, , port] = process.argv;
const { loader, default: EditionPage, meta } = await import("#app/routes/edition.tsx");
const { SiteHeader } = await import("#app/components/site-header.tsx");
const { SiteFooter } = await import("#app/components/site-footer.tsx");
const styles = fs.readFileSync("app/styles/app.css", "utf8");

type PageProps = Parameters<typeof EditionPage>[0];

function page(slug: string): string {
  const loaderData = loader({ params: { slug } } as Parameters<typeof loader>[0]);
  const title = (meta({ loaderData } as Parameters<typeof meta>[0]) ?? []).find(
    (tag): tag is { title: string } => "title" in tag,
  );
  const body = renderToString(
    <StaticRouter location={`/editions/${slug}`}>
      <SiteHeader user={null} />
      <main id="contenu" tabIndex={-1}>
        <EditionPage {...({ loaderData } as PageProps)} />
      </main>
      <SiteFooter />
    </StaticRouter>,
  );
  return (
    `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>${title?.title ?? ""}</title>` +
    `<style>${styles}</style></head><body>${body}</body></html>`
  );
}

http
  .createServer((req, res) => {
    const slug = /^\/editions\/([^/?]+)$/.exec(req.url ?? "")?.[1];
    if (!slug) {
      res.writeHead(req.url === "/healthz" ? 200 : 404).end();
      return;
    }
    const html = Buffer.from(page(slug));
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": html.length });
    res.end(html);
  })
  .listen(Number(port), "127.0.0.1");
