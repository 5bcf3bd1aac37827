import { Link } from "react-router";
import type { Route } from "./+types/themes";
import { themesIndex } from "#app/domain/articles/articles.server.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { formatDate } from "#app/lib/time.ts";

/** Served from the page cache to everyone: plain HTML, no script (docs/decisions/010-page-cache.md). */
export const handle = { scripts: false };

export const meta: Route.MetaFunction = () =>
  pageMeta("Thèmes", "Les thèmes des éditions et des synthèses, avec ce qui a été dit sur chacun.");

export function loader() {
  return { themes: themesIndex(db()) };
}

export default function Themes({ loaderData }: Route.ComponentProps) {
  const { themes } = loaderData;
  return (
    <div className="page">
      <h1>Thèmes</h1>
      {themes.length === 0 ? <p>Aucun thème pour l’instant.</p> : null}
      <ul className="themes-index">
        {themes.map((theme) => (
          <li key={theme.id} className="themes-index__item">
            <h2 className="themes-index__name">
              <Link to={`/themes/${theme.slug}`}>{theme.name}</Link>
            </h2>
            {theme.description ? <p>{theme.description}</p> : null}
            {theme.editions.length > 0 ? (
              <>
                <h3 className="themes-index__kind">Éditions</h3>
                <ul>
                  {theme.editions.map((edition) => (
                    <li key={edition.slug}>
                      <Link to={`/editions/${edition.slug}`}>{edition.title}</Link> — {formatDate(edition.startsAt)}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {theme.articles.length > 0 ? (
              <>
                <h3 className="themes-index__kind">Synthèses</h3>
                <ul>
                  {theme.articles.map((article) => (
                    <li key={article.slug}>
                      <Link to={`/syntheses/${article.slug}`}>{article.title}</Link>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {theme.editions.length === 0 && theme.articles.length === 0 ? (
              <p>Rien de publié sur ce thème pour l’instant.</p>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
