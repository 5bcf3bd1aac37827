import { and, asc, desc, eq, gte, inArray, lt, ne, sql } from "drizzle-orm";
import { editions, editionThemes, persons, sessionPersons, sessions, themes, venues } from "#db/schema.ts";
import type { Db } from "#app/lib/db.server.ts";
import { prepared } from "#app/lib/prepared.server.ts";
import type { SessionKind, SessionPersonRole } from "#app/domain/shared/vocabulary.ts";

export type Edition = typeof editions.$inferSelect;
export type Venue = typeof venues.$inferSelect;
export type ThemeRef = { slug: string; name: string };

export type ProgrammePerson = {
  id: number;
  name: string;
  role: string | null;
  organisation: string | null;
  sessionRole: SessionPersonRole;
};

export type ProgrammeSession = {
  id: number;
  kind: SessionKind;
  title: string;
  description: string | null;
  startsAt: Date;
  endsAt: Date;
  room: string | null;
  persons: ProgrammePerson[];
};

export type EditionSummary = Pick<
  Edition,
  "id" | "slug" | "title" | "subtitle" | "summary" | "startsAt" | "endsAt" | "status" | "dateIsIllustrative"
> & { venueName: string | null; venueCity: string | null; themes: ThemeRef[] };

export type PublicEdition = Edition & { venue: Venue | null; themes: ThemeRef[]; programme: ProgrammeSession[] };

export type LoadedEdition = { edition: Edition; venue: Venue | null; themes: ThemeRef[] };

/** Editions the public may see: everything but drafts. */
const visible = ne(editions.status, "draft");

const publicEditionBySlug = (db: Db) =>
  db
    .select()
    .from(editions)
    .where(and(eq(editions.slug, sql.placeholder("slug")), visible))
    .prepare();
const editionById = (db: Db) =>
  db
    .select()
    .from(editions)
    .where(eq(editions.id, sql.placeholder("id")))
    .prepare();
const venueById = (db: Db) =>
  db
    .select()
    .from(venues)
    .where(eq(venues.id, sql.placeholder("id")))
    .prepare();
const themesOfEdition = (db: Db) =>
  db
    .select({ slug: themes.slug, name: themes.name })
    .from(editionThemes)
    .innerJoin(themes, eq(themes.id, editionThemes.themeId))
    .where(eq(editionThemes.editionId, sql.placeholder("editionId")))
    .orderBy(asc(themes.name))
    .prepare();

/** Any edition by id, whatever its status, with its venue and themes: the one way to load one. */
export function findEdition(db: Db, editionId: number): LoadedEdition | null {
  const edition = prepared(db, editionById).get({ id: editionId });
  if (!edition) return null;
  const venue = edition.venueId ? (prepared(db, venueById).get({ id: edition.venueId }) ?? null) : null;
  return { edition, venue, themes: prepared(db, themesOfEdition).all({ editionId }) };
}

/** The same, for an id that must exist (it came from a row that points to it). */
export function loadEdition(db: Db, editionId: number): LoadedEdition {
  const found = findEdition(db, editionId);
  if (!found) throw new Error(`edition ${editionId} not found`);
  return found;
}

export function getPublicEdition(db: Db, slug: string): PublicEdition | null {
  const edition = prepared(db, publicEditionBySlug).get({ slug });
  if (!edition) return null;
  const venue = edition.venueId ? (prepared(db, venueById).get({ id: edition.venueId }) ?? null) : null;
  return {
    ...edition,
    venue,
    themes: prepared(db, themesOfEdition).all({ editionId: edition.id }),
    programme: programmeOf(db, edition.id),
  };
}

/** A public edition and its venue, without the programme: for pages and rules that need only that. */
export function findPublicEdition(db: Db, slug: string): { edition: Edition; venue: Venue | null } | null {
  const row = db
    .select()
    .from(editions)
    .leftJoin(venues, eq(venues.id, editions.venueId))
    .where(and(eq(editions.slug, slug), visible))
    .get();
  return row ? { edition: row.editions, venue: row.venues } : null;
}

/**
 * The one order of a programme, wherever it is shown or printed: by the clock (start, then end),
 * then by room, and only then by the position organisers gave, so an item added last still
 * lands where its time puts it.
 */
export const programmeOrder = [
  asc(sessions.startsAt),
  asc(sessions.endsAt),
  sql`coalesce(${sessions.room}, '') collate nocase`,
  asc(sessions.position),
  asc(sessions.id),
] as const;

const sessionsOfEdition = (db: Db) =>
  db
    .select()
    .from(sessions)
    .where(eq(sessions.editionId, sql.placeholder("editionId")))
    .orderBy(...programmeOrder)
    .prepare();
const speakersOfEdition = (db: Db) =>
  db
    .select({
      sessionId: sessionPersons.sessionId,
      sessionRole: sessionPersons.role,
      id: persons.id,
      name: persons.name,
      role: persons.role,
      organisation: persons.organisation,
    })
    .from(sessionPersons)
    .innerJoin(sessions, eq(sessions.id, sessionPersons.sessionId))
    .innerJoin(persons, eq(persons.id, sessionPersons.personId))
    .where(eq(sessions.editionId, sql.placeholder("editionId")))
    .orderBy(asc(sessionPersons.position))
    .prepare();

export function programmeOf(db: Db, editionId: number): ProgrammeSession[] {
  const rows = prepared(db, sessionsOfEdition).all({ editionId });
  if (rows.length === 0) return [];
  const people = prepared(db, speakersOfEdition).all({ editionId });
  return rows.map((s) => ({
    id: s.id,
    kind: s.kind,
    title: s.title,
    description: s.description,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    room: s.room,
    persons: people.filter((p) => p.sessionId === s.id).map(({ sessionId: _sessionId, ...person }) => person),
  }));
}

function themesOf(db: Db, editionIds: number[]): Map<number, ThemeRef[]> {
  const map = new Map<number, ThemeRef[]>();
  if (editionIds.length === 0) return map;
  const rows = db
    .select({ editionId: editionThemes.editionId, slug: themes.slug, name: themes.name })
    .from(editionThemes)
    .innerJoin(themes, eq(themes.id, editionThemes.themeId))
    .where(inArray(editionThemes.editionId, editionIds))
    .orderBy(asc(themes.name))
    .all();
  for (const { editionId, ...theme } of rows) {
    map.set(editionId, [...(map.get(editionId) ?? []), theme]);
  }
  return map;
}

function summaries(db: Db, where: ReturnType<typeof and>, order: "asc" | "desc"): EditionSummary[] {
  const rows = db
    .select({
      id: editions.id,
      slug: editions.slug,
      title: editions.title,
      subtitle: editions.subtitle,
      summary: editions.summary,
      startsAt: editions.startsAt,
      endsAt: editions.endsAt,
      status: editions.status,
      dateIsIllustrative: editions.dateIsIllustrative,
      venueName: venues.name,
      venueCity: venues.city,
    })
    .from(editions)
    .leftJoin(venues, eq(venues.id, editions.venueId))
    .where(where)
    .orderBy(order === "asc" ? asc(editions.startsAt) : desc(editions.startsAt))
    .all();
  const themeMap = themesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, themes: themeMap.get(r.id) ?? [] }));
}

/** Public editions split around `now`: the coming ones soonest first, the past ones latest first. */
export function listPublicEditions(db: Db, now: Date = new Date()) {
  return {
    upcoming: summaries(db, and(visible, gte(editions.endsAt, now)), "asc"),
    past: summaries(db, and(visible, lt(editions.endsAt, now)), "desc"),
  };
}

/** The next edition that is going ahead (published, not over). */
export function nextEdition(db: Db, now: Date = new Date()): EditionSummary | null {
  return summaries(db, and(eq(editions.status, "published"), gte(editions.endsAt, now)), "asc")[0] ?? null;
}

export type RegistrationWindow =
  | { state: "open"; closesAt: Date | null }
  | { state: "not_yet_open"; opensAt: Date }
  | { state: "closed"; reason: "window_over" | "edition_over" | "cancelled" | "not_planned" };

/** Whether the registration form takes input right now, and if not, why. */
export function registrationWindow(edition: Edition, now: Date = new Date()): RegistrationWindow {
  if (edition.status === "cancelled") return { state: "closed", reason: "cancelled" };
  if (edition.status !== "published") return { state: "closed", reason: "edition_over" };
  // Registrations close when the day begins; at the door it is a walk-in (docs/lifecycle.md).
  if (edition.startsAt <= now) return { state: "closed", reason: "edition_over" };
  if (!edition.registrationOpensAt && !edition.registrationClosesAt) return { state: "closed", reason: "not_planned" };
  if (edition.registrationOpensAt && now < edition.registrationOpensAt) {
    return { state: "not_yet_open", opensAt: edition.registrationOpensAt };
  }
  if (edition.registrationClosesAt && now >= edition.registrationClosesAt) {
    return { state: "closed", reason: "window_over" };
  }
  return { state: "open", closesAt: edition.registrationClosesAt };
}

/** Whether the day is behind us: marked held or archived, or published and past its end. */
export function editionIsOver(edition: Pick<Edition, "status" | "endsAt">, now: Date = new Date()): boolean {
  if (edition.status === "held" || edition.status === "archived") return true;
  return edition.status === "published" && now >= edition.endsAt;
}

/** Every edition, drafts included, newest first: the back-office list. */
export function listAllEditions(db: Db): EditionSummary[] {
  return summaries(db, undefined, "desc");
}
