import { asc, count, eq, inArray, ne } from "drizzle-orm";
import { programmeOrder } from "#app/domain/editions/editions.server.ts";
import {
  editions,
  sessions,
  surveyResponses,
  surveySessionScores,
  surveyThemeSuggestions,
  themes,
} from "#db/schema.ts";
import type { Db } from "#app/lib/db.server.ts";
import { csvCell } from "#app/domain/registrations/exports.server.ts";
import { invitationSummary, surveySessions, type InvitationSummary } from "./survey.server.ts";
import { labelKey, SURVEY_LIMITS } from "./values.ts";

// What organisers read from the survey. Nothing here returns a registration id, a name, an
// address or a time of answer, and free texts come sorted by their own content: the results
// page and the CSV cannot tell who wrote what, nor in which order people answered.

const collator = new Intl.Collator("fr", { sensitivity: "base", numeric: true });
const byText = (a: string, b: string) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

/** Answers per score, 1 to 5 in that order. */
export type Distribution = [number, number, number, number, number];

export type ScoreSummary = { count: number; mean: number | null; distribution: Distribution };

export type SessionResult = ScoreSummary & { sessionId: number; title: string };

export type ThemeGroup = { key: string; label: string; count: number };

export type SurveyResults = {
  responses: number;
  invitation: InvitationSummary;
  overall: ScoreSummary;
  sessions: SessionResult[];
  themes: ThemeGroup[];
  keep: string[];
  change: string[];
  comments: string[];
};

function summarise(scores: number[]): ScoreSummary {
  const distribution: Distribution = [0, 0, 0, 0, 0];
  for (const score of scores) distribution[score - 1]! += 1;
  const total = scores.reduce((sum, score) => sum + score, 0);
  return { count: scores.length, mean: scores.length ? total / scores.length : null, distribution };
}

/**
 * How carefully a spelling is typed, to name a group when two spellings are as frequent:
 * accents and typographic apostrophes first, then a capital to start with and no shouting.
 */
function spellingQuality(label: string): number[] {
  const nonAscii = [...label].filter((char) => char > "\u007f").length;
  const capitals = [...label].filter((char) => char !== char.toLowerCase()).length;
  return [nonAscii, /^\p{Lu}/u.test(label) ? 1 : 0, -capitals];
}

function byQuality(a: string, b: string): number {
  const qa = spellingQuality(a);
  const qb = spellingQuality(b);
  for (let i = 0; i < qa.length; i++) if (qa[i] !== qb[i]) return qb[i]! - qa[i]!;
  return byText(a, b);
}

/**
 * Folds theme rows into groups by `labelKey`. A group is named by the spelling most people
 * used (the most carefully typed one on a tie), and groups come most suggested first.
 */
export function groupThemes(rows: Array<{ label: string; labelKey: string }>): ThemeGroup[] {
  const groups = new Map<string, Map<string, number>>();
  for (const { label, labelKey } of rows) {
    const spellings = groups.get(labelKey) ?? new Map<string, number>();
    spellings.set(label, (spellings.get(label) ?? 0) + 1);
    groups.set(labelKey, spellings);
  }
  return [...groups.entries()]
    .map(([key, spellings]) => {
      const ranked = [...spellings.entries()].sort(([a, na], [b, nb]) => nb - na || byQuality(a, b));
      return { key, label: ranked[0]![0], count: [...spellings.values()].reduce((sum, n) => sum + n, 0) };
    })
    .sort((a, b) => b.count - a.count || byText(a.label, b.label));
}

function texts(values: Array<string | null>): string[] {
  return values.filter((value): value is string => Boolean(value?.trim())).sort(byText);
}

function editionResponses(db: Db, editionId: number) {
  return db
    .select({
      id: surveyResponses.id,
      overall: surveyResponses.overall,
      keep: surveyResponses.keep,
      change: surveyResponses.change,
      comment: surveyResponses.comment,
    })
    .from(surveyResponses)
    .where(eq(surveyResponses.editionId, editionId))
    .all();
}

/** Every session people may score, and any other that was scored before the programme changed. */
function resultSessions(db: Db, editionId: number, scored: (sessionId: number) => boolean) {
  const scorable = new Set(surveySessions(db, editionId).map((session) => session.id));
  return db
    .select({ id: sessions.id, title: sessions.title })
    .from(sessions)
    .where(eq(sessions.editionId, editionId))
    .orderBy(...programmeOrder)
    .all()
    .filter((session) => scorable.has(session.id) || scored(session.id));
}

/** The survey of one edition, aggregated for the back-office. */
export function surveyResults(db: Db, editionId: number): SurveyResults {
  const responses = editionResponses(db, editionId);
  const responseIds = responses.map((row) => row.id);

  const scores = responseIds.length
    ? db
        .select({ sessionId: surveySessionScores.sessionId, score: surveySessionScores.score })
        .from(surveySessionScores)
        .where(inArray(surveySessionScores.responseId, responseIds))
        .all()
    : [];
  const bySession = new Map<number, number[]>();
  for (const { sessionId, score } of scores) bySession.set(sessionId, [...(bySession.get(sessionId) ?? []), score]);
  const programme = resultSessions(db, editionId, (sessionId) => bySession.has(sessionId));

  const themeRows = responseIds.length
    ? db
        .select({ label: surveyThemeSuggestions.label, labelKey: surveyThemeSuggestions.labelKey })
        .from(surveyThemeSuggestions)
        .where(inArray(surveyThemeSuggestions.responseId, responseIds))
        .all()
    : [];

  return {
    responses: responses.length,
    invitation: invitationSummary(db, editionId),
    overall: summarise(responses.map((row) => row.overall)),
    sessions: programme.map((session) => ({
      sessionId: session.id,
      title: session.title,
      ...summarise(bySession.get(session.id) ?? []),
    })),
    themes: groupThemes(themeRows),
    keep: texts(responses.map((row) => row.keep)),
    change: texts(responses.map((row) => row.change)),
    comments: texts(responses.map((row) => row.comment)),
  };
}

/**
 * The answers as a spreadsheet, one row per answer and nothing that points to a person: no
 * name, no address, no registration id, no date. Rows are sorted by their content, so their
 * order says nothing about who answered first. Same format as the other exports (UTF-8 with
 * BOM, `;`, CRLF), for French Excel.
 */
export function surveyCsv(db: Db, editionId: number): string {
  const responses = editionResponses(db, editionId);
  const ids = responses.map((row) => row.id);
  const scores = ids.length
    ? db.select().from(surveySessionScores).where(inArray(surveySessionScores.responseId, ids)).all()
    : [];
  const suggestions = ids.length
    ? db
        .select()
        .from(surveyThemeSuggestions)
        .where(inArray(surveyThemeSuggestions.responseId, ids))
        .orderBy(asc(surveyThemeSuggestions.id))
        .all()
    : [];
  const columns = resultSessions(db, editionId, (sessionId) => scores.some((row) => row.sessionId === sessionId));

  const header = [
    "Satisfaction générale (1 à 5)",
    ...columns.map((session) => `Utilité (1 à 5) — ${session.title}`),
    "À garder",
    "À changer",
    "Thèmes souhaités",
    "Commentaire",
  ];
  const rows = responses.map((response) => [
    String(response.overall),
    ...columns.map((session) => {
      const score = scores.find((row) => row.responseId === response.id && row.sessionId === session.id);
      return score ? String(score.score) : "";
    }),
    response.keep ?? "",
    response.change ?? "",
    suggestions
      .filter((row) => row.responseId === response.id)
      .map((row) => row.label)
      .join(", "),
    response.comment ?? "",
  ]);
  rows.sort((a, b) => {
    const ka = a.join("\u0000");
    const kb = b.join("\u0000");
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  return `\uFEFF${[header, ...rows].map((cells) => cells.map(csvCell).join(";")).join("\r\n")}\r\n`;
}

export type ThemeSuggestion = ThemeGroup & { editions: number };

/**
 * The themes participants of past editions asked for most, for the organiser who creates the
 * next one. Cancelled editions do not count; each group says in how many editions it came up.
 */
export function suggestedThemes(db: Db, limit = 10): ThemeSuggestion[] {
  const rows = db
    .select({
      label: surveyThemeSuggestions.label,
      labelKey: surveyThemeSuggestions.labelKey,
      editionId: surveyResponses.editionId,
    })
    .from(surveyThemeSuggestions)
    .innerJoin(surveyResponses, eq(surveyResponses.id, surveyThemeSuggestions.responseId))
    .innerJoin(editions, eq(editions.id, surveyResponses.editionId))
    .where(ne(editions.status, "cancelled"))
    .all();
  const editionsByKey = new Map<string, Set<number>>();
  for (const row of rows)
    editionsByKey.set(row.labelKey, (editionsByKey.get(row.labelKey) ?? new Set()).add(row.editionId));
  return groupThemes(rows)
    .slice(0, limit)
    .map((group) => ({ ...group, editions: editionsByKey.get(group.key)?.size ?? 0 }));
}

/**
 * The new-edition form filled from a suggested theme: its title, and the theme itself, ticked
 * when the list already holds it (accents and case aside), typed as a new one otherwise.
 */
export function formFromSuggestion(db: Db, label: string): Record<string, string | string[]> {
  const clean = label
    .replace(/[\u0000-\u001f\u007f<>]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, SURVEY_LIMITS.themeLength);
  if (!labelKey(clean)) return {};
  const existing = db
    .select({ id: themes.id, name: themes.name })
    .from(themes)
    .all()
    .find((theme) => labelKey(theme.name) === labelKey(clean));
  return existing ? { title: clean, themeIds: [String(existing.id)] } : { title: clean, newTheme: clean };
}

/** Answers already given for an edition. */
export function responseCount(db: Db, editionId: number): number {
  return db.select({ n: count() }).from(surveyResponses).where(eq(surveyResponses.editionId, editionId)).get()!.n;
}
