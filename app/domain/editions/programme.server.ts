import { findEdition } from "./editions.server.ts";
import { and, asc, count, eq, gt, max, sql } from "drizzle-orm";
import { type editions, persons, sessionPersons, sessions } from "#db/schema.ts";
import { immediate, type Db } from "#app/lib/db.server.ts";
import { formatTime, parisDateString, parisWallTimeToUtc } from "#app/lib/time.ts";
import { frenchTypography } from "#app/lib/typography.ts";
import { recordAudit } from "#app/domain/shared/audit.server.ts";
import type { ProgrammeSession } from "./editions.server.ts";
import type { Act } from "#app/domain/shared/actor.ts";
import type { SessionKind, SessionPersonRole } from "#app/domain/shared/vocabulary.ts";
import { FieldError } from "#app/domain/shared/field-error.ts";

export type Session = typeof sessions.$inferSelect;

export class ProgrammeError extends FieldError {}

export type SessionInput = {
  kind: SessionKind;
  title: string;
  description: string | null;
  startTime: string;
  endTime: string;
  room: string | null;
};

export type PersonInput = { name: string; role: string | null; organisation: string | null; email: string | null };

function editionOf(db: Db, editionId: number) {
  const edition = findEdition(db, editionId)?.edition;
  if (!edition) throw new ProgrammeError("Édition introuvable.");
  return edition;
}

/** A programme item of this edition, or an error: ids from another edition are refused. */
function sessionOf(db: Db, editionId: number, sessionId: number) {
  const session = db.select().from(sessions).where(eq(sessions.id, sessionId)).get();
  if (!session || session.editionId !== editionId) throw new ProgrammeError("Séquence introuvable.");
  return session;
}

function times(edition: typeof editions.$inferSelect, input: SessionInput) {
  const day = parisDateString(edition.startsAt);
  const startsAt = parisWallTimeToUtc(day, input.startTime);
  const endsAt = parisWallTimeToUtc(day, input.endTime);
  if (!startsAt) throw new ProgrammeError("Heure invalide.", "startTime");
  if (!endsAt) throw new ProgrammeError("Heure invalide.", "endTime");
  if (endsAt <= startsAt) throw new ProgrammeError("L’heure de fin doit suivre l’heure de début.", "endTime");
  return { startsAt, endsAt };
}

function fields(input: SessionInput) {
  return {
    kind: input.kind,
    title: frenchTypography(input.title),
    description: input.description ? frenchTypography(input.description) : null,
    room: input.room,
  };
}

/** Adds a programme item; its position only breaks ties between items at the same times in different rooms. */
export function addSession(act: Act, editionId: number, input: SessionInput): number {
  const { db, actor } = act;
  return immediate(db, () => {
    const edition = editionOf(db, editionId);
    const last = db
      .select({ position: max(sessions.position) })
      .from(sessions)
      .where(eq(sessions.editionId, editionId))
      .get();
    const created = db
      .insert(sessions)
      .values({ editionId, ...fields(input), ...times(edition, input), position: (last?.position ?? 0) + 1 })
      .returning({ id: sessions.id })
      .get();
    recordAudit(db, actor, { action: "session.create", entityType: "session", entityId: created.id });
    return created.id;
  });
}

/** Edits a programme item; returns it before and after, for whoever must tell its speakers. */
export function updateSession(
  act: Act,
  editionId: number,
  sessionId: number,
  input: SessionInput,
): { before: Session; after: Session } {
  const { db, actor, now } = act;
  return immediate(db, () => {
    const edition = editionOf(db, editionId);
    const before = sessionOf(db, editionId, sessionId);
    db.update(sessions)
      .set({ ...fields(input), ...times(edition, input), updatedAt: now })
      .where(eq(sessions.id, sessionId))
      .run();
    recordAudit(db, actor, { action: "session.update", entityType: "session", entityId: sessionId });
    return { before, after: sessionOf(db, editionId, sessionId) };
  });
}

/** Returns the title of the item deleted, so the notice can say which one went. */
export function deleteSession(act: Act, editionId: number, sessionId: number): string {
  const { db, actor } = act;
  return immediate(db, () => {
    const session = sessionOf(db, editionId, sessionId);
    db.delete(sessions).where(eq(sessions.id, sessionId)).run();
    db.update(sessions)
      .set({ position: sql`${sessions.position} - 1` })
      .where(and(eq(sessions.editionId, editionId), gt(sessions.position, session.position)))
      .run();
    recordAudit(db, actor, {
      action: "session.delete",
      entityType: "session",
      entityId: sessionId,
      details: { title: session.title },
    });
    return session.title;
  });
}

/**
 * Puts a person on a programme item with a role, after those already there. The person is an
 * existing one (reused across editions) or created here.
 */
export function attachPerson(
  act: Act,
  editionId: number,
  sessionId: number,
  person: { personId: number } | { create: PersonInput },
  role: SessionPersonRole,
): number {
  const { db, actor } = act;
  return immediate(db, () => {
    sessionOf(db, editionId, sessionId);
    const personId = "personId" in person ? existingPerson(db, person.personId) : createPerson(act, person.create);
    const already = db
      .select()
      .from(sessionPersons)
      .where(and(eq(sessionPersons.sessionId, sessionId), eq(sessionPersons.personId, personId)))
      .get();
    if (already) throw new ProgrammeError("Cette personne figure déjà sur cette séquence.", "personId");
    const last = db
      .select({ position: max(sessionPersons.position) })
      .from(sessionPersons)
      .where(eq(sessionPersons.sessionId, sessionId))
      .get();
    db.insert(sessionPersons)
      .values({ sessionId, personId, role, position: (last?.position ?? 0) + 1 })
      .run();
    recordAudit(db, actor, {
      action: "session.person_add",
      entityType: "session",
      entityId: sessionId,
      details: { personId, role },
    });
    return personId;
  });
}

function existingPerson(db: Db, personId: number): number {
  const found = db.select({ id: persons.id }).from(persons).where(eq(persons.id, personId)).get();
  if (!found) throw new ProgrammeError("Personne introuvable.", "personId");
  return found.id;
}

export function detachPerson(act: Act, editionId: number, sessionId: number, personId: number): void {
  const { db, actor } = act;
  immediate(db, () => {
    sessionOf(db, editionId, sessionId);
    db.delete(sessionPersons)
      .where(and(eq(sessionPersons.sessionId, sessionId), eq(sessionPersons.personId, personId)))
      .run();
    recordAudit(db, actor, {
      action: "session.person_remove",
      entityType: "session",
      entityId: sessionId,
      details: { personId },
    });
  });
}

export function movePerson(
  act: Act,
  editionId: number,
  sessionId: number,
  personId: number,
  direction: "up" | "down",
): void {
  const { db, actor } = act;
  immediate(db, () => {
    sessionOf(db, editionId, sessionId);
    const list = db
      .select()
      .from(sessionPersons)
      .where(eq(sessionPersons.sessionId, sessionId))
      .orderBy(asc(sessionPersons.position))
      .all();
    const index = list.findIndex((row) => row.personId === personId);
    const other = list[direction === "up" ? index - 1 : index + 1];
    const current = list[index];
    if (!current || !other) return;
    db.update(sessionPersons)
      .set({ position: other.position })
      .where(and(eq(sessionPersons.sessionId, sessionId), eq(sessionPersons.personId, current.personId)))
      .run();
    db.update(sessionPersons)
      .set({ position: current.position })
      .where(and(eq(sessionPersons.sessionId, sessionId), eq(sessionPersons.personId, other.personId)))
      .run();
    recordAudit(db, actor, { action: "session.person_move", entityType: "session", entityId: sessionId });
  });
}

/** A programme error: it names the items concerned, and blocks publishing until fixed. */
export type ProgrammeProblem = { sessionIds: number[]; message: string };

type CheckedItem = Pick<ProgrammeSession, "id" | "title" | "startsAt" | "endsAt" | "room">;

const NBSP = "\u00a0";
const quoted = (title: string) => `«${NBSP}${title}${NBSP}»`;
const span = (item: { startsAt: Date; endsAt: Date }) => `${formatTime(item.startsAt)} – ${formatTime(item.endsAt)}`;
/**
 * Items without a room are the plenary ones (welcome, keynote, breaks, closing), held in the
 * main hall: they share one room with each other, and do not clash with items in named rooms
 * (parallel workshops during a plenary break are the organisers' call).
 */
const roomKey = (room: string | null) => room?.trim().toLocaleLowerCase("fr") || null;

/** The items that start before the edition starts or end after it ends. */
export function itemsOutsideHours<Item extends Pick<CheckedItem, "startsAt" | "endsAt">>(
  edition: { startsAt: Date; endsAt: Date },
  programme: Item[],
): Item[] {
  return programme.filter((item) => item.startsAt < edition.startsAt || item.endsAt > edition.endsAt);
}

/**
 * What stops an edition from being published: an item that starts before the edition starts or
 * ends after it ends, and two items of the same room whose times overlap. `programme` is in
 * programme order, so each overlap is named once, earlier item first.
 */
export function programmeProblems(
  edition: { startsAt: Date; endsAt: Date },
  programme: CheckedItem[],
): ProgrammeProblem[] {
  const problems: ProgrammeProblem[] = [];
  for (const item of programme) {
    if (item.startsAt < edition.startsAt) {
      problems.push({
        sessionIds: [item.id],
        message: `${quoted(item.title)} (${span(item)}) commence avant le début de l’édition (${formatTime(edition.startsAt)}).`,
      });
    }
    if (item.endsAt > edition.endsAt) {
      problems.push({
        sessionIds: [item.id],
        message: `${quoted(item.title)} (${span(item)}) finit après la fin de l’édition (${formatTime(edition.endsAt)}).`,
      });
    }
  }
  programme.forEach((item, index) => {
    for (const other of programme.slice(index + 1)) {
      if (roomKey(item.room) !== roomKey(other.room)) continue;
      if (!(item.startsAt < other.endsAt && other.startsAt < item.endsAt)) continue;
      const where = item.room ? `dans la salle ${quoted(item.room)}` : "(séquences en plénière, sans salle indiquée)";
      problems.push({
        sessionIds: [item.id, other.id],
        message: `${quoted(item.title)} (${span(item)}) chevauche ${quoted(other.title)} (${span(other)}) ${where}.`,
      });
    }
  });
  return problems;
}

/** The same problems, by item, for the admin programme page. */
export function programmeWarnings(
  edition: { startsAt: Date; endsAt: Date },
  programme: CheckedItem[],
): Map<number, string[]> {
  const warnings = new Map<number, string[]>();
  for (const problem of programmeProblems(edition, programme)) {
    for (const id of problem.sessionIds) warnings.set(id, [...(warnings.get(id) ?? []), problem.message]);
  }
  return warnings;
}

// ------------------------------------------------------------ persons

export function listPersons(db: Db) {
  return db
    .select({
      id: persons.id,
      name: persons.name,
      role: persons.role,
      organisation: persons.organisation,
      email: persons.email,
      sessions: count(sessionPersons.sessionId),
    })
    .from(persons)
    .leftJoin(sessionPersons, eq(sessionPersons.personId, persons.id))
    .groupBy(persons.id)
    .orderBy(asc(sql`${persons.name} collate nocase`))
    .all();
}

export function createPerson(act: Act, input: PersonInput): number {
  const { db, actor } = act;
  const created = db
    .insert(persons)
    .values({
      name: input.name,
      role: input.role ? frenchTypography(input.role) : null,
      organisation: input.organisation,
      email: input.email,
    })
    .returning({ id: persons.id })
    .get();
  recordAudit(db, actor, { action: "person.create", entityType: "person", entityId: created.id });
  return created.id;
}

export function updatePerson(act: Act, personId: number, input: PersonInput): void {
  const { db, actor, now } = act;
  existingPerson(db, personId);
  db.update(persons)
    .set({
      name: input.name,
      role: input.role ? frenchTypography(input.role) : null,
      organisation: input.organisation,
      email: input.email,
      updatedAt: now,
    })
    .where(eq(persons.id, personId))
    .run();
  recordAudit(db, actor, { action: "person.update", entityType: "person", entityId: personId });
}

/** Only a person on no programme can be deleted; the others are part of the archive. */
export function deletePerson(act: Act, personId: number): void {
  const { db, actor } = act;
  immediate(db, () => {
    existingPerson(db, personId);
    const used = db.select({ n: count() }).from(sessionPersons).where(eq(sessionPersons.personId, personId)).get()!.n;
    if (used > 0)
      throw new ProgrammeError("Cette personne figure dans un programme\u00a0: retirez-la d’abord des séquences.");
    db.delete(persons).where(eq(persons.id, personId)).run();
    recordAudit(db, actor, { action: "person.delete", entityType: "person", entityId: personId });
  });
}
