import { z } from "zod";
import { Form, Link } from "react-router";
import type { Route } from "./+types/search";
import { search } from "#app/domain/site/search.server.ts";
import { MAX_QUERY_LENGTH, SEARCH_KIND_LABELS, SEARCH_KINDS, type SearchKind } from "#app/domain/shared/vocabulary.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";

export const meta: Route.MetaFunction = ({ loaderData }) =>
  pageMeta(
    loaderData?.q ? `Recherche : ${loaderData.q}`.replace(" :", "\u00a0:") : "Recherche",
    "Rechercher dans les synthèses, les éditions, les programmes et les dispositifs.",
  );

const querySchema = z.object({
  q: z.string().optional().catch(undefined),
  type: z.enum(SEARCH_KINDS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).optional().catch(undefined),
});

const PAGE_SIZE = 10;

export function loader({ request }: Route.LoaderArgs) {
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const q = (query.q ?? "").slice(0, MAX_QUERY_LENGTH + 1);
  if (!q.trim()) return { q: "", type: query.type ?? null, page: 1, result: null };
  const result = search(db(), q, { kind: query.type, page: query.page, pageSize: PAGE_SIZE });
  return { q, type: query.type ?? null, page: query.page ?? 1, result };
}

const PROBLEMS = {
  empty: "Indiquez au moins un mot à rechercher.",
  too_long: `Votre recherche est trop longue\u00a0: ${MAX_QUERY_LENGTH}\u00a0caractères au maximum.`,
  only_stop_words:
    "Précisez votre recherche\u00a0: des mots comme «\u00a0le\u00a0» ou «\u00a0de\u00a0» ne suffisent pas.",
};

export default function SearchPage({ loaderData }: Route.ComponentProps) {
  const { q, type, page, result } = loaderData;
  const link = (kind: SearchKind | null, toPage?: number) => {
    const params = new URLSearchParams({ q });
    if (kind) params.set("type", kind);
    if (toPage && toPage > 1) params.set("page", String(toPage));
    return `/recherche?${params.toString()}`;
  };
  const total = result?.groups.reduce((sum, group) => sum + group.total, 0) ?? 0;
  return (
    <div className="page">
      <h1>Recherche</h1>
      <Form method="get" role="search" className="search-form">
        <label htmlFor="q">Rechercher dans les synthèses, les éditions, les programmes et les dispositifs</label>
        <div className="search-form__row">
          <input type="search" id="q" name="q" defaultValue={q} maxLength={MAX_QUERY_LENGTH} />
          {type ? <input type="hidden" name="type" value={type} /> : null}
          <button type="submit" className="button">
            Rechercher
          </button>
        </div>
        <p className="field__hint">
          Les accents et les majuscules sont ignorés&nbsp;; le début d’un mot suffit («&nbsp;marau&nbsp;» trouve
          «&nbsp;maraudes&nbsp;»).
        </p>
      </Form>

      {result && !result.parsed.ok ? (
        <p className="notice" role="status">
          {PROBLEMS[result.parsed.reason]}
        </p>
      ) : null}
      {result && result.parsed.ok ? (
        <p role="status">
          {total === 0
            ? `Aucun résultat pour «\u00a0${q}\u00a0». Essayez un autre mot, ou moins de mots.`
            : `${total} résultat${total > 1 ? "s" : ""} pour «\u00a0${q}\u00a0».`}
          {type ? (
            <>
              {" "}
              <Link to={link(null)}>Voir tous les types de résultats</Link>
            </>
          ) : null}
        </p>
      ) : null}

      {result?.groups.map((group) => (
        <section key={group.kind} aria-labelledby={`r-${group.kind}`} className="search-group">
          <h2 id={`r-${group.kind}`}>
            {SEARCH_KIND_LABELS[group.kind]} ({group.total})
          </h2>
          <ol className="search-results">
            {group.hits.map((hit) => (
              <li key={`${hit.kind}-${hit.refId}`}>
                <h3>
                  <Link to={hit.url} dangerouslySetInnerHTML={{ __html: hit.title }} />
                </h3>
                {hit.context ? (
                  <p className="search-results__context">Programme de «&nbsp;{hit.context}&nbsp;»</p>
                ) : null}
                <p dangerouslySetInnerHTML={{ __html: hit.snippet }} />
              </li>
            ))}
          </ol>
          {!type && group.total > group.hits.length ? (
            <p>
              <Link to={link(group.kind)}>
                Voir les {group.total} résultats dans «&nbsp;{SEARCH_KIND_LABELS[group.kind]}&nbsp;»
              </Link>
            </p>
          ) : null}
          {type && group.total > PAGE_SIZE ? (
            <nav aria-label="Pagination" className="pagination">
              {page > 1 ? <Link to={link(group.kind, page - 1)}>Page précédente</Link> : null}
              <span>
                Page {page} sur {Math.ceil(group.total / PAGE_SIZE)}
              </span>
              {page * PAGE_SIZE < group.total ? <Link to={link(group.kind, page + 1)}>Page suivante</Link> : null}
            </nav>
          ) : null}
        </section>
      ))}
    </div>
  );
}
