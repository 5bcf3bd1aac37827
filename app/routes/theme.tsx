import { Link } from "react-router";
import type { Route } from "./+types/theme";
import { DocumentsSection } from "#app/components/document-list.tsx";
import { themeOverview } from "#app/domain/articles/articles.server.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { formatDate } from "#app/lib/time.ts";
import { invariantResponse } from "#app/routes/_shared/invariant.ts";

/** Served from the page cache to everyone: plain HTML, no script (docs/decisions/010-page-cache.md). */
export const handle = { scripts: false };

export const meta: Route.MetaFunction = ({ loaderData }) =>
  loaderData
    ? pageMeta(
        `Thème : ${loaderData.theme.name}`.replace(" :", "\u00a0:"),
        loaderData.theme.description ?? `Éditions et synthèses sur le thème ${loaderData.theme.name}.`,
      )
    : pageMeta("Thème introuvable", "Ce thème n’existe pas.");

export function loader({ params }: Route.LoaderArgs) {
  const overview = themeOverview(db(), params.slug);
  invariantResponse(overview, 404, { title: "Thème introuvable", message: "Ce thème n’existe pas." });
  return overview;
}

export default function Theme({ loaderData }: Route.ComponentProps) {
  const { theme, editions, articles, documents } = loaderData;
  return (
    <div className="page">
      <p className="eyebrow">Thème</p>
      <h1>{theme.name}</h1>
      {theme.description ? <p className="lead">{theme.description}</p> : null}
      <section aria-labelledby="t-editions">
        <h2 id="t-editions">Éditions</h2>
        {editions.length ? (
          <ul>
            {editions.map((edition) => (
              <li key={edition.id}>
                <Link to={`/editions/${edition.slug}`}>{edition.title}</Link> — {formatDate(edition.startsAt)}
              </li>
            ))}
          </ul>
        ) : (
          <p>Aucune édition sur ce thème pour l’instant.</p>
        )}
      </section>
      <section aria-labelledby="t-syntheses">
        <h2 id="t-syntheses">Synthèses</h2>
        {articles.length ? (
          <ul>
            {articles.map((article) => (
              <li key={article.id}>
                <Link to={`/syntheses/${article.slug}`}>{article.title}</Link>
                {article.publishedAt ? ` — ${formatDate(article.publishedAt)}` : ""}
              </li>
            ))}
          </ul>
        ) : (
          <p>Aucune synthèse sur ce thème pour l’instant.</p>
        )}
      </section>
      <DocumentsSection documents={documents} id="t-documents" />
    </div>
  );
}
