import { findEdition, programmeOf } from "./editions.server.ts";
import { programmeProblems } from "./programme.server.ts";
import { asc, eq, inArray, like, ne, or, sql } from "drizzle-orm";
import { editions, editionThemes, sessionPersons, sessions, themes, venues } from "#db/schema.ts";
import { immediate, type Db } from "#app/lib/db.server.ts";
import { slugify } from "#app/lib/slug.ts";
import { parisDateString, parisTimeString, parisWallTimeToUtc } from "#app/lib/time.ts";
import { frenchTypography } from "#app/lib/typography.ts";
import type { EditionFormValues } from "#app/forms/edition.ts";
import { recordAudit } from "#app/domain/shared/audit.server.ts";
import type { EditionStatus } from "#app/domain/shared/vocabulary.ts";
import { FieldError } from "#app/domain/shared/field-error.ts";
import type { Act } from "#app/domain/shared/actor.ts";

export type Edition = typeof editions.$inferSelect;

/** A rule the form cannot check alone; `field` names the form field the message belongs to. */
export class EditionFormError extends FieldError<keyof EditionFormValues> {}

function instant(date: string, time: string, field: keyof EditionFormValues): Date {
  const value = parisWallTimeToUtc(date, time);
  if (!value) throw new EditionFormError("Cette date ou cette heure n’existe pas à Paris (changement d’heure).", field);
  return value;
}

function optionalInstant(value: string | undefined, field: keyof EditionFormValues): Date | null {
  if (!value) return null;
  const [date, time] = value.split("T");
  return instant(date!, time!, field);
}

function text(value: string | null): string | null {
  return value ? frenchTypography(value) : null;
}

function resolveVenue(db: Db, input: EditionFormValues): number {
  if (input.venueId !== "new") {
    const venue = db.select({ id: venues.id }).from(venues).where(eq(venues.id, input.venueId)).get();
    if (!venue) throw new EditionFormError("Ce lieu n’existe pas.", "venueId");
    return venue.id;
  }
  return db
    .insert(venues)
    .values({
      name: frenchTypography(input.newVenueName!),
      address: input.newVenueAddress,
      postcode: input.newVenuePostcode,
      city: input.newVenueCity!,
      access: text(input.newVenueAccess),
      accessibility: text(input.newVenueAccessibility),
    })
    .returning({ id: venues.id })
    .get().id;
}

function resolveThemes(db: Db, input: EditionFormValues): number[] {
  const ids = new Set<number>();
  if (input.themeIds.length) {
    for (const row of db.select({ id: themes.id }).from(themes).where(inArray(themes.id, input.themeIds)).all())
      ids.add(row.id);
  }
  if (input.newTheme) {
    const slug = slugify(input.newTheme);
    if (slug) {
      db.insert(themes)
        .values({ slug, name: frenchTypography(input.newTheme) })
        .onConflictDoNothing()
        .run();
      ids.add(db.select({ id: themes.id }).from(themes).where(eq(themes.slug, slug)).get()!.id);
    }
  }
  return [...ids];
}

function setThemes(db: Db, editionId: number, themeIds: number[]): void {
  db.delete(editionThemes).where(eq(editionThemes.editionId, editionId)).run();
  for (const themeId of themeIds) db.insert(editionThemes).values({ editionId, themeId }).run();
}

/** A slug from the title and the year, made unique with -2, -3… */
export function uniqueSlug(db: Db, title: string, startsAt: Date, exceptId?: number): string {
  const base = `cts-${slugify(title, 60) || "edition"}-${parisDateString(startsAt).slice(0, 4)}`;
  const taken = new Set(
    db
      .select({ slug: editions.slug, id: editions.id })
      .from(editions)
      .where(or(eq(editions.slug, base), like(editions.slug, `${base}-%`)))
      .all()
      .filter((row) => row.id !== exceptId)
      .map((row) => row.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

function scalarFields(input: EditionFormValues) {
  return {
    subtitle: text(input.subtitle),
    summary: text(input.summary),
    objectives: text(input.objectives),
    waitlistEnabled: input.waitlistEnabled,
    registrationOpensAt: optionalInstant(input.registrationOpensAt, "registrationOpensAt"),
    registrationClosesAt: optionalInstant(input.registrationClosesAt, "registrationClosesAt"),
    contributionsOpensAt: optionalInstant(input.contributionsOpensAt, "contributionsOpensAt"),
    contributionsClosesAt: optionalInstant(input.contributionsClosesAt, "contributionsClosesAt"),
    signatoryName: text(input.signatoryName),
    signatoryRole: text(input.signatoryRole),
  };
}

/** Creates a draft edition: nobody outside the back-office sees it until it is published. */
export function createEdition(act: Act, input: EditionFormValues): Edition {
  const { db, actor, now } = act;
  return immediate(db, () => {
    const startsAt = instant(input.date, input.startTime, "startTime");
    const endsAt = instant(input.date, input.endTime, "endTime");
    const title = frenchTypography(input.title);
    const edition = db
      .insert(editions)
      .values({
        slug: uniqueSlug(db, title, startsAt),
        title,
        startsAt,
        endsAt,
        venueId: resolveVenue(db, input),
        capacity: input.capacity,
        status: "draft",
        ...scalarFields(input),
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    setThemes(db, edition.id, resolveThemes(db, input));
    recordAudit(db, actor, { action: "edition.create", entityType: "edition", entityId: edition.id });
    return edition;
  });
}

/**
 * Writes what the edition form holds that reaches nobody (texts, windows, themes, the venue row
 * itself), and returns what an invite shows, for the caller to apply with its consequences
 * (edition-changes/). Part of the caller's transaction.
 */
export function applyEditionForm(
  db: Db,
  current: Edition,
  input: EditionFormValues,
  now: Date,
): { title: string; startsAt: Date; endsAt: Date; venueId: number } {
  if (current.status === "cancelled") throw new EditionFormError("Une édition annulée ne se modifie plus.");
  if (current.status === "archived") throw new EditionFormError("Une édition archivée ne se modifie plus.");
  const startsAt = instant(input.date, input.startTime, "startTime");
  const endsAt = instant(input.date, input.endTime, "endTime");
  db.update(editions)
    .set({ ...scalarFields(input), updatedAt: now })
    .where(eq(editions.id, current.id))
    .run();
  setThemes(db, current.id, resolveThemes(db, input));
  return { title: frenchTypography(input.title), startsAt, endsAt, venueId: resolveVenue(db, input) };
}

const DAY = 86_400_000;

/**
 * A new draft from a past edition: same venue, themes, texts, capacity and programme (with the
 * same wall-clock times) on a date about six months later; no registrations, no windows.
 */
export function duplicateEdition(act: Act, sourceId: number): Edition {
  const { db, actor, now } = act;
  return immediate(db, () => {
    const source = findEdition(db, sourceId)?.edition;
    if (!source) throw new EditionFormError("Édition introuvable.");
    const targetDay = parisDateString(new Date(Math.max(source.startsAt.getTime(), now.getTime()) + 182 * DAY));
    const move = (value: Date) =>
      parisWallTimeToUtc(targetDay, parisTimeString(value)) ?? new Date(value.getTime() + 182 * DAY);
    const startsAt = move(source.startsAt);
    const title = `${source.title} (copie)`;
    const copy = db
      .insert(editions)
      .values({
        slug: uniqueSlug(db, title, startsAt),
        title,
        subtitle: source.subtitle,
        summary: source.summary,
        objectives: source.objectives,
        startsAt,
        endsAt: move(source.endsAt),
        venueId: source.venueId,
        capacity: source.capacity,
        waitlistEnabled: source.waitlistEnabled,
        signatoryName: source.signatoryName,
        signatoryRole: source.signatoryRole,
        status: "draft",
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    const themeIds = db
      .select({ id: editionThemes.themeId })
      .from(editionThemes)
      .where(eq(editionThemes.editionId, sourceId))
      .all();
    setThemes(
      db,
      copy.id,
      themeIds.map((row) => row.id),
    );
    const sourceSessions = db
      .select()
      .from(sessions)
      .where(eq(sessions.editionId, sourceId))
      .orderBy(asc(sessions.position))
      .all();
    for (const session of sourceSessions) {
      const created = db
        .insert(sessions)
        .values({
          editionId: copy.id,
          kind: session.kind,
          title: session.title,
          description: session.description,
          startsAt: move(session.startsAt),
          endsAt: move(session.endsAt),
          position: session.position,
          room: session.room,
        })
        .returning({ id: sessions.id })
        .get();
      const people = db.select().from(sessionPersons).where(eq(sessionPersons.sessionId, session.id)).all();
      for (const person of people)
        db.insert(sessionPersons)
          .values({ ...person, sessionId: created.id })
          .run();
    }
    recordAudit(db, actor, {
      action: "edition.duplicate",
      entityType: "edition",
      entityId: copy.id,
      details: { from: sourceId },
    });
    return copy;
  });
}

const TRANSITIONS: Record<EditionStatus, readonly EditionStatus[]> = {
  draft: ["published"],
  published: ["draft", "held"],
  // Held is not undone: certificates and the survey follow from it (docs/lifecycle.md).
  held: ["archived"],
  archived: ["held"],
  cancelled: [],
};

export function allowedTransitions(status: EditionStatus): readonly EditionStatus[] {
  return TRANSITIONS[status];
}

/** Moves an edition along draft → published → held → archived (cancelling has its own function). */
export function setEditionStatus(act: Act, editionId: number, status: Exclude<EditionStatus, "cancelled">): Edition {
  const { db, actor, now } = act;
  return immediate(db, () => {
    const edition = findEdition(db, editionId)?.edition;
    if (!edition) throw new EditionFormError("Édition introuvable.");
    if (!TRANSITIONS[edition.status].includes(status)) {
      throw new EditionFormError("Ce changement de statut n’est pas possible depuis le statut actuel.");
    }
    if (status === "draft") {
      const registered = db.get<{ n: number }>(
        sql`select count(*) as n from registrations where edition_id = ${editionId} and status <> 'cancelled'`,
      );
      if (registered && registered.n > 0) {
        throw new EditionFormError(
          "Des personnes sont inscrites\u00a0: l’édition ne peut plus redevenir un brouillon.",
        );
      }
    }
    if (status === "published" && edition.status === "draft") {
      const problems = programmeProblems(edition, programmeOf(db, editionId));
      if (problems.length > 0) {
        throw new EditionFormError(
          `Publication impossible tant que le programme n’est pas corrigé\u00a0: ${problems.map((p) => p.message).join(" ")}`,
        );
      }
    }
    if (status === "held" && edition.startsAt > now) {
      throw new EditionFormError("Une édition ne peut être marquée comme tenue qu’à partir de son début.");
    }
    const updated = db
      .update(editions)
      .set({ status, updatedAt: now })
      .where(eq(editions.id, editionId))
      .returning()
      .get();
    recordAudit(db, actor, {
      action: "edition.status",
      entityType: "edition",
      entityId: editionId,
      details: { from: edition.status, to: status },
    });
    return updated;
  });
}

/** The values of the edit form for an existing edition. */
export function editionFormDefaults(db: Db, edition: Edition): Record<string, string | string[]> {
  const themeIds = db
    .select({ id: editionThemes.themeId })
    .from(editionThemes)
    .where(eq(editionThemes.editionId, edition.id))
    .all()
    .map((row) => String(row.id));
  const local = (value: Date | null) => (value ? `${parisDateString(value)}T${parisTimeString(value)}` : "");
  return {
    title: edition.title,
    subtitle: edition.subtitle ?? "",
    themeIds,
    date: parisDateString(edition.startsAt),
    startTime: parisTimeString(edition.startsAt),
    endTime: parisTimeString(edition.endsAt),
    venueId: edition.venueId ? String(edition.venueId) : "",
    summary: edition.summary ?? "",
    objectives: edition.objectives ?? "",
    capacity: String(edition.capacity),
    waitlistEnabled: edition.waitlistEnabled ? "on" : "",
    registrationOpensAt: local(edition.registrationOpensAt),
    registrationClosesAt: local(edition.registrationClosesAt),
    contributionsOpensAt: local(edition.contributionsOpensAt),
    contributionsClosesAt: local(edition.contributionsClosesAt),
    signatoryName: edition.signatoryName ?? "",
    signatoryRole: edition.signatoryRole ?? "",
  };
}

export function venueOptions(db: Db) {
  return db
    .select({ id: venues.id, name: venues.name, city: venues.city })
    .from(venues)
    .orderBy(asc(venues.name))
    .all();
}

export function themeOptions(db: Db) {
  return db.select({ id: themes.id, name: themes.name }).from(themes).orderBy(asc(themes.name)).all();
}

/** Editions an organiser may copy from: every edition but cancelled drafts. */
export function duplicableEditions(db: Db) {
  return db
    .select({ id: editions.id, title: editions.title, startsAt: editions.startsAt })
    .from(editions)
    .where(ne(editions.status, "cancelled"))
    .orderBy(sql`${editions.startsAt} desc`)
    .all();
}
