// What organisers do with registrations by hand; same rules and same outbox as the public flow.
import { and, asc, count, desc, eq, or, sql, type SQL } from "drizzle-orm";
import { registrations } from "#db/schema.ts";
import { findRegistration } from "./queries.server.ts";
import { immediate, type Db } from "#app/lib/db.server.ts";
import { foldText } from "#app/lib/fold.ts";
import { recordAudit } from "#app/domain/shared/audit.server.ts";
import type { RegistrationStatus, StructureType } from "#app/domain/shared/vocabulary.ts";
import { sendConfirmation } from "./messages.server.ts";
import { loadEdition } from "#app/domain/editions/editions.server.ts";
import { confirmedCount, promote } from "./registrations.server.ts";
import {
  assertOrganiserMay,
  editionPhase,
  organiserMay,
  registrationState,
  STARTED,
} from "#app/domain/editions/lifecycle.ts";
import type { MailingAct } from "#app/domain/shared/actor.ts";

export const REGISTRATION_SORTS = ["nom", "date", "structure", "statut"] as const;
export type RegistrationSort = (typeof REGISTRATION_SORTS)[number];

export type RegistrationQuery = {
  q?: string;
  status?: RegistrationStatus;
  structureType?: StructureType;
  sort?: RegistrationSort;
  direction?: "asc" | "desc";
  page?: number;
  pageSize?: number;
};

export class RegistrationActionError extends Error {}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** One page of an edition's registrations, searched, filtered and sorted on the server. */
export function listRegistrations(db: Db, editionId: number, query: RegistrationQuery) {
  const pageSize = query.pageSize ?? 50;
  const page = Math.max(1, query.page ?? 1);
  const conditions: SQL[] = [eq(registrations.editionId, editionId)];
  if (query.status) conditions.push(eq(registrations.status, query.status));
  if (query.structureType) conditions.push(eq(registrations.structureType, query.structureType));
  const q = query.q?.trim();
  if (q) {
    const pattern = `%${escapeLike(foldText(q))}%`;
    // Accents and case ignored; the escape clause makes a typed % or _ match itself.
    const match = (column: SQL) => sql`fold(${column}) like ${pattern} escape '\\'`;
    conditions.push(
      or(
        match(sql`${registrations.firstName}`),
        match(sql`${registrations.lastName}`),
        match(sql`${registrations.email}`),
        match(sql`${registrations.organisation}`),
        match(sql`${registrations.firstName} || ' ' || ${registrations.lastName}`),
      )!,
    );
  }
  const where = and(...conditions);
  const dir = query.direction === "desc" ? desc : asc;
  const order = {
    nom: [dir(sql`${registrations.lastName} collate nocase`), dir(sql`${registrations.firstName} collate nocase`)],
    date: [dir(registrations.id)],
    structure: [dir(sql`${registrations.organisation} collate nocase`), asc(registrations.lastName)],
    statut: [dir(registrations.status), asc(registrations.id)],
  }[query.sort ?? "date"];
  const rows = db
    .select({
      id: registrations.id,
      firstName: registrations.firstName,
      lastName: registrations.lastName,
      email: registrations.email,
      organisation: registrations.organisation,
      role: registrations.role,
      structureType: registrations.structureType,
      status: registrations.status,
      meal: registrations.meal,
      accessNeeds: registrations.accessNeeds,
      checkedInAt: registrations.checkedInAt,
      createdAt: registrations.createdAt,
    })
    .from(registrations)
    .where(where)
    .orderBy(...order)
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
  const total = db.select({ n: count() }).from(registrations).where(where).get()!.n;
  return { rows, total, page, pageSize, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

function registrationOf(db: Db, editionId: number, registrationId: number) {
  const registration = findRegistration(db, registrationId);
  // An id from another edition is treated as unknown: the URL decides which edition is worked on.
  if (!registration || registration.editionId !== editionId)
    throw new RegistrationActionError("Inscription introuvable.");
  return registration;
}

/** The status each organiser's action on one registration starts from, and the refusal otherwise. */
const STARTS_FROM = {
  confirm: { status: "waitlisted", refusal: "Cette personne n’est pas en liste d’attente." },
  resend: { status: "confirmed", refusal: "Seule une inscription confirmée a une confirmation à renvoyer." },
  presence: { status: "confirmed", refusal: "Seule une personne confirmée peut être marquée présente." },
} as const satisfies Record<string, { status: RegistrationStatus; refusal: string }>;

/** The registration of the URL, when it is in the status the organiser's action starts from. */
export function registrationFor(db: Db, editionId: number, registrationId: number, action: keyof typeof STARTS_FROM) {
  const registration = registrationOf(db, editionId, registrationId);
  const { status, refusal } = STARTS_FROM[action];
  if (registration.status !== status) throw new RegistrationActionError(refusal);
  return registration;
}

/** Confirms one waiting person out of turn, when a seat is free. */
export function confirmFromWaitlist(act: MailingAct, editionId: number, registrationId: number): void {
  const { db, mail, actor, now } = act;
  immediate(db, () => {
    const registration = registrationFor(db, editionId, registrationId, "confirm");
    const loaded = loadEdition(db, editionId);
    assertOrganiserMay("confirm_from_waitlist", editionPhase(loaded.edition, now), "waitlisted");
    if (confirmedCount(db, editionId) >= loaded.edition.capacity) {
      throw new RegistrationActionError("Plus aucune place\u00a0: augmentez d’abord la jauge de l’édition.");
    }
    promote(db, mail, loaded, registration, now);
    recordAudit(db, actor, { action: "registration.confirm", entityType: "registration", entityId: registrationId });
  });
}

/** Sends the confirmation (with the current invite) once more, e.g. when it went to spam. */
export function resendConfirmation(act: MailingAct, editionId: number, registrationId: number): void {
  const { db, mail, actor, now } = act;
  immediate(db, () => {
    const registration = registrationFor(db, editionId, registrationId, "resend");
    const loaded = loadEdition(db, editionId);
    // After the day, « see you soon » with an invite for a past date would only confuse.
    const phase = editionPhase(loaded.edition, now);
    assertOrganiserMay("resend_confirmation", phase, registrationState(registration, phase));
    sendConfirmation(db, mail, loaded, registration, { promoted: false }, now);
    recordAudit(db, actor, { action: "registration.resend", entityType: "registration", entityId: registrationId });
  });
}

/** Checks that a registration belongs to the edition of the URL before anything is done to it. */
export function assertRegistrationOfEdition(db: Db, editionId: number, registrationId: number): void {
  registrationOf(db, editionId, registrationId);
}

/** Which of the list's row actions the edition's phase allows now, so the page offers only those. */
export function registrationActionsNow(db: Db, editionId: number, now: Date = new Date()) {
  const phase = editionPhase(loadEdition(db, editionId).edition, now);
  return {
    cancel: organiserMay("cancel_registration", phase, "confirmed"),
    confirm: organiserMay("confirm_from_waitlist", phase, "waitlisted"),
    resend: organiserMay("resend_confirmation", phase, STARTED.includes(phase) ? "present" : "confirmed"),
  };
}
