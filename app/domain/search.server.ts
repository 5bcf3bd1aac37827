import type Database from "better-sqlite3";
import type { Db } from "../lib/db.server";
import { foldText } from "../lib/fold";

import { MAX_QUERY_LENGTH, SEARCH_KINDS, type SearchKind } from "./vocabulary";

// Words that carry no meaning on their own: a query does not require them to be present.
const STOP_WORDS = new Set(
  (
    "a à au aux avec ce ces cet cette d dans de des du elle en est et eux il ils j je l la le les leur leurs lui " +
    "m ma mais me mes moi mon n ne nos notre nous on ou où par pas pour qu que qui s sa se ses si son sur t ta te " +
    "tes toi ton tu un une vos votre vous y"
  ).split(" "),
);

export type ParsedQuery = { ok: true; match: string; terms: string[] } | { ok: false; reason: "empty" | "too_long" | "only_stop_words" };

/**
 * Turns what a reader typed into an FTS5 expression: every meaningful word must appear, as a
 * prefix (« marau » finds « maraudes »), accents and case ignored. Each word is quoted, so no
 * FTS5 operator can be injected.
 */
export function parseQuery(input: string): ParsedQuery {
  const trimmed = input.trim();
  if (trimmed.length > MAX_QUERY_LENGTH) return { ok: false, reason: "too_long" };
  const words = foldText(trimmed)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (words.length === 0) return { ok: false, reason: "empty" };
  const terms = [...new Set(words.filter((word) => !STOP_WORDS.has(word)))].slice(0, 12);
  if (terms.length === 0) return { ok: false, reason: "only_stop_words" };
  return { ok: true, terms, match: terms.map((term) => `"${term}"*`).join(" ") };
}

export type SearchHit = { kind: SearchKind; refId: number; title: string; snippet: string; url: string; context: string | null };

const OPEN = "\u0002";
const CLOSE = "\u0003";

/** Escapes the indexed text, then turns the highlight markers into <mark>: no markup from content survives. */
export function highlightToHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replaceAll(OPEN, "<mark>")
    .replaceAll(CLOSE, "</mark>");
}

type Row = { refId: number; title: string; snippet: string; url: string | null; context: string | null };

/** Where each kind of hit leads; null when it is not public (a synthesis scheduled for later). */
const URL_OF: Record<SearchKind, string> = {
  article: "(select '/syntheses/' || a.slug from articles a where a.id = search_index.ref_id and a.status = 'published' and a.published_at <= @now)",
  edition: "(select '/editions/' || e.slug from editions e where e.id = search_index.ref_id and e.status <> 'draft')",
  session:
    "(select '/editions/' || e.slug || '#seance-' || s.id from sessions s join editions e on e.id = s.edition_id where s.id = search_index.ref_id and e.status <> 'draft')",
  dispositif: "(select '/dispositifs/' || d.slug from dispositifs d where d.id = search_index.ref_id and d.retired_at is null)",
};

const CONTEXT_OF: Partial<Record<SearchKind, string>> = {
  session: "(select e.title from sessions s join editions e on e.id = s.edition_id where s.id = search_index.ref_id)",
};

/**
 * Only syntheses can be in the index while not yet public (scheduled for later); they are left
 * out by rowid (kind code 1 × 1e9 + id), which FTS5 checks without reading the rows.
 */
const VISIBLE: Partial<Record<SearchKind, string>> = {
  article: "and rowid not in (select 1000000000 + id from articles where status = 'published' and published_at > @now)",
};

type Statements = { count: Database.Statement; page: Database.Statement };
const prepared = new WeakMap<Db, Map<SearchKind, Statements>>();

/**
 * Two statements per kind: how many hits, and one page of them. The page is chosen by rank
 * first (FTS5 sorts by rank without computing anything else), and only its rows get their
 * highlighted title and snippet, which are the expensive part.
 */
function statements(db: Db, kind: SearchKind): Statements {
  let byKind = prepared.get(db);
  if (!byKind) prepared.set(db, (byKind = new Map()));
  let found = byKind.get(kind);
  if (!found) {
    // The kind is a column filter inside the MATCH: FTS5 intersects posting lists instead of
    // reading every hit's row. User words are always quoted, so they cannot add filters.
    const filter = `search_index match 'kind:${kind} AND (' || @match || ')' ${VISIBLE[kind] ?? ""}`;
    found = {
      count: db.$client.prepare(`select count(*) as n from search_index where ${filter}`),
      page: db.$client.prepare(`
        select ref_id as refId,
          highlight(search_index, 2, char(2), char(3)) as title,
          snippet(search_index, 3, char(2), char(3), '…', 24) as snippet,
          ${URL_OF[kind]} as url,
          ${CONTEXT_OF[kind] ?? "null"} as context
        from search_index
        where search_index match 'kind:${kind} AND (' || @match || ')' and rowid in (
          select rowid from search_index where ${filter} order by rank limit @limit offset @offset
        )
        order by rank`),
    };
    byKind.set(kind, found);
  }
  return found;
}

/**
 * Full-text search, best first: bm25 with the title weighted ten times the body. `kind` limits
 * to one kind of result and pages through it; without it, the first `perKind` of each kind come
 * back, grouped.
 */
export function search(
  db: Db,
  query: string,
  options: { kind?: SearchKind; page?: number; pageSize?: number; perKind?: number; now?: Date } = {},
) {
  const parsed = parseQuery(query);
  if (!parsed.ok) return { parsed, groups: [] as Array<{ kind: SearchKind; total: number; hits: SearchHit[] }> };
  const now = (options.now ?? new Date()).getTime();
  const pageSize = options.kind ? (options.pageSize ?? 10) : (options.perKind ?? 5);
  const page = options.kind ? Math.max(1, options.page ?? 1) : 1;
  const groups = (options.kind ? [options.kind] : SEARCH_KINDS)
    .map((kind) => {
      const { count, page: pageStatement } = statements(db, kind);
      const params = { match: parsed.match, now };
      const total = (count.get(params) as { n: number }).n;
      const rows = total === 0 ? [] : (pageStatement.all({ ...params, limit: pageSize, offset: (page - 1) * pageSize }) as Row[]);
      return {
        kind,
        total,
        hits: rows
          .filter((row) => row.url !== null)
          .map((row) => ({
            kind,
            refId: row.refId,
            title: highlightToHtml(row.title),
            snippet: highlightToHtml(row.snippet),
            url: row.url!,
            context: row.context,
          })),
      };
    })
    .filter((group) => group.total > 0);
  return { parsed, groups };
}
