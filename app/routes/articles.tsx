import { z } from "zod";
import { Link, useSearchParams } from "react-router";
import type { Route } from "./+types/articles";
import { archiveFilters, listPublishedArticles } from "#app/domain/articles/articles.server.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { formatDate } from "#app/lib/time.ts";
import { FilterForm } from "#app/components/filters.tsx";
import { ThemeTags } from "#app/components/theme-tags.tsx";

/** Served from the page cache to everyone: plain HTML, no script (docs/decisions/010-page-cache.md). */
export const handle = { scripts: false };

export const meta: Route.MetaFunction = () =>
  pageMeta("Les synthèses", "Les synthèses des coordinations territoriales du SIAO 95, par thème et par année.");

const querySchema = z.object({
  theme: z
    .string()
    .max(100)
    .regex(/^[a-z0-9-]*$/)
    .optional()
    .catch(undefined),
  annee: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export function loader({ request }: Route.LoaderArgs) {
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return {
    list: listPublishedArticles(db(), { theme: query.theme || undefined, year: query.annee, page: query.page }),
    filters: archiveFilters(db()),
    query,
  };
}

export default function Articles({ loaderData }: Route.ComponentProps) {
  const { list, filters, query } = loaderData;
  const [params] = useSearchParams();
  const pageLink = (page: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(page));
    return `?${next.toString()}`;
  };
  return (
    <div className="page">
      <h1>Les synthèses</h1>
      <p className="lead">
        Après chaque coordination, le SIAO&nbsp;95 publie ce qui s’y est dit&nbsp;: les repères, les témoignages, les
        pistes de travail.
      </p>
      <p>
        <Link to="/themes">Parcourir par thème</Link>
      </p>
      <FilterForm
        label="Filtrer les synthèses"
        filters={[
          {
            name: "theme",
            label: "Thème",
            all: "Tous les thèmes",
            options: filters.themes.map((theme) => ({ key: theme.slug, label: `${theme.name} (${theme.n})` })),
          },
          {
            name: "annee",
            label: "Année",
            all: "Toutes les années",
            options: filters.years.map((year) => ({ key: String(year), label: String(year) })),
          },
        ]}
        values={query}
      />
      <p role="status">
        {list.total === 0 ? "Aucune synthèse ne correspond." : `${list.total} synthèse${list.total > 1 ? "s" : ""}.`}
      </p>
      <ul className="article-list">
        {list.articles.map((article) => (
          <li key={article.id}>
            <article>
              <h2>
                <Link to={`/syntheses/${article.slug}`}>{article.title}</Link>
              </h2>
              {article.publishedAt ? (
                <p className="eyebrow">
                  Publiée le <time dateTime={article.publishedAt.toISOString()}>{formatDate(article.publishedAt)}</time>
                </p>
              ) : null}
              {article.standfirst ? <p>{article.standfirst}</p> : null}
              <ThemeTags themes={article.themes} />
            </article>
          </li>
        ))}
      </ul>
      {list.pages > 1 ? (
        <nav aria-label="Pagination" className="pagination">
          {list.page > 1 ? <Link to={pageLink(list.page - 1)}>Page précédente</Link> : null}
          <span>
            Page {list.page} sur {list.pages}
          </span>
          {list.page < list.pages ? <Link to={pageLink(list.page + 1)}>Page suivante</Link> : null}
        </nav>
      ) : null}
      <p>
        <a href="/syntheses/flux.xml">S’abonner au flux des synthèses (Atom)</a>
      </p>
    </div>
  );
}
