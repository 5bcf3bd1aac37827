import type Database from "better-sqlite3";
import type { Db } from "#app/lib/db.server.ts";
import { prepared } from "#app/lib/prepared.server.ts";
import { foldText } from "#app/lib/fold.ts";
import { stemWord } from "#app/lib/stems.server.ts";

import { MAX_QUERY_LENGTH, SEARCH_KINDS, type SearchKind } from "#app/domain/shared/vocabulary.ts";

// Words that carry no meaning on their own: a query does not require them to be present.
const STOP_WORDS = new Set(
  (
    "a à au aux avec ce ces cet cette d dans de des du elle en est et eux il ils j je l la le les leur leurs lui " +
    "m ma mais me mes moi mon n ne nos notre nous on ou où par pas pour qu que qui s sa se ses si son sur t ta te " +
    "tes toi ton tu un une vos votre vous y"
  ).split(" "),
);

export type ParsedQuery =
  { ok: true; match: string; terms: string[] } | { ok: false; reason: "empty" | "too_long" | "only_stop_words" };

/**
 * Turns what a reader typed into an FTS5 expression: every meaningful word must appear, accents
 * and case ignored, either as written, as a prefix (« marau » finds « maraudes »), or through
 * its French stem (« maraudes » finds « maraude », « sociales » finds « social »). A word found
 * as written also matches its stem, so bm25 adds both and exact words rank above stem-only ones.
 * Each word and stem is quoted, so no FTS5 operator can be injected.
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
  return {
    ok: true,
    terms,
    match: terms
      .map((term) => `({title body} : "${term}"* OR {title_stems body_stems} : "${stemWord(term)}")`)
      .join(" AND "),
  };
}

export type SearchHit = {
  kind: SearchKind;
  refId: number;
  title: string;
  snippet: string;
  url: string;
  context: string | null;
};

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
  article:
    "(select '/syntheses/' || a.slug from articles a where a.id = search_index.ref_id and a.status = 'published' and a.published_at <= @now)",
  edition: "(select '/editions/' || e.slug from editions e where e.id = search_index.ref_id and e.status <> 'draft')",
  session:
    "(select '/editions/' || e.slug || '#seance-' || s.id from sessions s join editions e on e.id = s.edition_id where s.id = search_index.ref_id and e.status <> 'draft')",
  dispositif:
    "(select '/dispositifs/' || d.slug from dispositifs d where d.id = search_index.ref_id and d.retired_at is null)",
};

const CONTEXT_OF: Partial<Record<SearchKind, string>> = {
  session: "(select e.title from sessions s join editions e on e.id = s.edition_id where s.id = search_index.ref_id)",
};

/**
 * The rowid encodes the kind (code × 1e9 + id, see migrations 0004 and 0006), so one kind is a
 * rowid range, which FTS5 applies itself while walking the posting lists. A `kind:` phrase in
 * the MATCH instead made FTS5 read the kind posting list (every document of that kind) and gave
 * bm25 one more phrase to walk for every hit. The ranking is the same: the kind column weighs 0.
 */
const KIND_CODE: Record<SearchKind, number> = { article: 1, edition: 2, session: 3, dispositif: 4 };
const KIND_OF_CODE = new Map(SEARCH_KINDS.map((kind) => [KIND_CODE[kind], kind]));
const CODE = 1_000_000_000;

/**
 * Only syntheses can be in the index while not yet public (scheduled for later); they are left
 * out by rowid, which FTS5 checks without reading the rows. The list only holds synthesis
 * rowids, so it can filter every kind at once.
 */
const HIDDEN = `rowid not in (select ${CODE} + id from articles where status = 'published' and published_at > @now)`;

/** The reader's words, in titles and texts only (the kind column holds words like « session »). */
const MATCHES = "search_index match @match";

type Statements = { counts: Database.Statement; pages: Map<SearchKind, Database.Statement> };

/**
 * One statement counts the hits of every kind in a single pass over the posting lists, so kinds
 * without hits cost nothing more. Then one statement per kind that has hits returns a page.
 * FTS5 sorts by rank itself (no temporary b-tree), so highlight and snippet, the expensive part,
 * only run on the rows of the page: SQLite skips the offset rows before computing the columns.
 * A `rowid in (… order by rank limit …)` subquery would be slower: the outer MATCH is then run
 * again once per rowid, recomputing the bm25 statistics each time.
 */
function buildStatements(db: Db): Statements {
  return {
    counts: db.$client.prepare(
      `select rowid / ${CODE} as code, count(*) as n from search_index where ${MATCHES} and ${HIDDEN} group by code`,
    ),
    pages: new Map(
      SEARCH_KINDS.map((kind) => [
        kind,
        db.$client.prepare(`
          select ref_id as refId,
            highlight(search_index, 2, char(2), char(3)) as title,
            snippet(search_index, 3, char(2), char(3), '…', 24) as snippet,
            ${URL_OF[kind]} as url,
            ${CONTEXT_OF[kind] ?? "null"} as context
          from search_index
          where ${MATCHES}
            and rowid between ${KIND_CODE[kind] * CODE} and ${(KIND_CODE[kind] + 1) * CODE - 1}
            ${kind === "article" ? `and ${HIDDEN}` : ""}
          order by rank
          limit @limit offset @offset`),
      ]),
    ),
  };
}

/**
 * Full-text search, best first: bm25 with the title weighted ten times the body, and an exact
 * word twice its stem (migration 0011). `kind` limits
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
  const { counts, pages } = prepared(db, buildStatements);
  const totals = new Map<SearchKind, number>();
  for (const { code, n } of counts.all({ match: parsed.match, now }) as Array<{ code: number; n: number }>) {
    const kind = KIND_OF_CODE.get(code);
    if (kind) totals.set(kind, n);
  }
  const groups = (options.kind ? [options.kind] : SEARCH_KINDS)
    .filter((kind) => totals.has(kind))
    .map((kind) => {
      const rows = pages
        .get(kind)!
        .all({ match: parsed.match, now, limit: pageSize, offset: (page - 1) * pageSize }) as Row[];
      return {
        kind,
        total: totals.get(kind)!,
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
    });
  return { parsed, groups };
}
