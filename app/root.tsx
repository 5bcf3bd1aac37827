import { data, useMatches, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "react-router";
import type { Route } from "./+types/root";
import { getUser } from "#app/lib/session.server.ts";
import { readFlash } from "#app/lib/flash.server.ts";
import { Flash } from "#app/components/flash.tsx";
import { ErrorPage } from "#app/components/error-page.tsx";
import { SiteFooter } from "#app/components/site-footer.tsx";
import { SiteHeader } from "#app/components/site-header.tsx";
import styles from "./styles/app.css?inline";
import { requestInfo } from "#app/server/load-context.ts";

export const links: Route.LinksFunction = () => [{ rel: "icon", href: "/favicon.svg", type: "image/svg+xml" }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await getUser(request);
  const { flash, headers } = await readFlash(request);
  return data(
    { nonce: context.get(requestInfo).cspNonce, user: user ? { name: user.name, role: user.role } : null, flash },
    { headers },
  );
}

const ADMIN_LAYOUT_ID = "routes/admin/layout";

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = data?.nonce || undefined;
  // A page whose route says it reads fine as plain HTML is sent without any script at all.
  const matches = useMatches();
  const withoutScripts = matches.some(
    (match) => (match.handle as { scripts?: boolean } | undefined)?.scripts === false,
  );
  // The back-office shows it in its own main column, beside the menu (routes/admin/layout.tsx).
  const inAdminShell = matches.some((match) => match.id === ADMIN_LAYOUT_ID);
  return (
    <html lang="fr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <Meta />
        {/* Inline, so the first paint waits for no other request (about 5 kB gzipped); the
            policy allows exactly this text by its hash (app/server/security-headers.ts). */}
        <style dangerouslySetInnerHTML={{ __html: styles }} />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#contenu">
          Aller au contenu
        </a>
        <SiteHeader user={data?.user ?? null} />
        <main id="contenu" tabIndex={-1}>
          {data?.flash && !inAdminShell ? (
            <div className="page flash-area">
              <Flash flash={data.flash} />
            </div>
          ) : null}
          {children}
        </main>
        <SiteFooter />
        {withoutScripts ? null : (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        )}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage error={error} back={{ to: "/", label: "Revenir à l’accueil" }} />;
}
