import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { certificates, registrations } from "#db/schema.ts";
import type { Db } from "#app/lib/db.server.ts";
import { foldText } from "#app/lib/fold.ts";
import { recordAudit } from "#app/domain/shared/audit.server.ts";
import type { MailContext } from "#app/domain/shared/mail-context.ts";
import { RegistrationActionError, registrationFor } from "./admin.server.ts";
import { confirmedIn } from "./queries.server.ts";
import { CHECK_IN_CODE_LENGTH, checkInCode, normaliseCheckInCode } from "./check-in-code.server.ts";
import { loadEdition } from "#app/domain/editions/editions.server.ts";
import {
  checkInWindow,
  editionPhase,
  LifecycleError,
  organiserMay,
  organiserRefusal,
  registrationState,
} from "#app/domain/editions/lifecycle.ts";
import type { Act } from "#app/domain/shared/actor.ts";

/** What the door's list shows of a person. */
const checkInColumns = {
  id: registrations.id,
  firstName: registrations.firstName,
  lastName: registrations.lastName,
  organisation: registrations.organisation,
  checkedInAt: registrations.checkedInAt,
};

/**
 * Confirmed people whose name or organisation contains what was typed, ignoring case and
 * accents (« lefe » finds « Lefèvre »), in alphabetical order for a phone screen.
 */
export function checkInSearch(db: Db, editionId: number, q: string, limit = 30) {
  const typed = q.trim();
  const where = typed
    ? and(
        confirmedIn(editionId),
        sql`fold(${registrations.firstName} || ' ' || ${registrations.lastName} || ' ' || ${registrations.organisation}) like ${`%${foldText(typed).replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`,
      )
    : confirmedIn(editionId);
  return db
    .select(checkInColumns)
    .from(registrations)
    .where(where)
    .orderBy(asc(sql`${registrations.lastName} collate nocase`), asc(sql`${registrations.firstName} collate nocase`))
    .limit(limit)
    .all();
}

export function checkInCounts(db: Db, editionId: number): { present: number; expected: number } {
  const row = db
    .select({
      present: sql<number>`coalesce(sum(${registrations.checkedInAt} is not null), 0)`,
      expected: sql<number>`count(*)`,
    })
    .from(registrations)
    .where(confirmedIn(editionId))
    .get()!;
  return row;
}

/**
 * Marks a confirmed person present, or absent. At check-in time that is the check-in itself;
 * once the edition has started and while it is held, it is a correction, which the journal
 * records with the organiser who made it. Doing it twice changes nothing.
 */
export function setPresence(act: Act, editionId: number, registrationId: number, present: boolean): void {
  const { db, actor, now } = act;
  const registration = registrationFor(db, editionId, registrationId, "presence");
  // Erased at the person's request: the anonymous trace keeps the day's counts as they were.
  if (registration.anonymisedAt)
    throw new RegistrationActionError("Cette inscription a été effacée à la demande de la personne.");
  const { edition } = loadEdition(db, editionId);
  const phase = editionPhase(edition, now);
  const state = registrationState(registration, phase);
  const allowed =
    organiserMay("check_in", phase, state, { edition, now }) || organiserMay("mark_presence", phase, state);
  if (!allowed) {
    throw new LifecycleError(
      organiserRefusal(phase === "under_way" || phase === "held" ? "mark_presence" : "check_in", phase),
    );
  }
  if (present === (registration.checkedInAt !== null)) return;
  // A certificate says the person was there: it is revoked on purpose first, never silently.
  if (!present && hasValidCertificate(db, registrationId))
    throw new RegistrationActionError(
      "Cette personne a reçu une attestation de présence\u00a0: révoquez-la d’abord (onglet «\u00a0Attestations\u00a0»), puis marquez-la absente.",
    );
  db.update(registrations)
    .set({ checkedInAt: present ? now : null, updatedAt: now })
    .where(eq(registrations.id, registrationId))
    .run();
  recordAudit(db, actor, {
    action: present ? "registration.check_in" : "registration.check_in_undo",
    entityType: "registration",
    entityId: registrationId,
    details: { phase },
  });
}

/** When the check-in page takes check-ins, for its heading and its refusals. */
export function checkInPeriod(db: Db, editionId: number, now: Date = new Date()) {
  const { edition } = loadEdition(db, editionId);
  const phase = editionPhase(edition, now);
  return {
    ...checkInWindow(edition),
    checkIn:
      organiserMay("check_in", phase, "confirmed", { edition, now }) || organiserMay("mark_presence", phase, "absent"),
    walkIn: organiserMay("walk_in", phase, "none", { edition, now }),
  };
}

export type CodeCheckIn = {
  registrationId: number;
  firstName: string;
  lastName: string;
  organisation: string;
  alreadyPresent: boolean;
};

/**
 * Checks in the person whose code was typed or scanned, under the same rules as the list
 * (`setPresence`: the check-in window, confirmed people only, the journal entry).
 */
export function checkInByCode(
  act: Act,
  mail: Pick<MailContext, "secret">,
  editionId: number,
  typed: string,
): CodeCheckIn {
  const { db } = act;
  const code = normaliseCheckInCode(typed);
  if (!code)
    throw new RegistrationActionError(
      `Code d’accueil invalide\u00a0: il compte ${CHECK_IN_CODE_LENGTH} lettres et chiffres, par exemple «\u00a0K7QM-4XR2\u00a0».`,
    );
  // An edition has a few hundred registrations: computing each code is cheaper than storing them.
  const candidates = db
    .select(checkInColumns)
    .from(registrations)
    .where(and(eq(registrations.editionId, editionId), isNull(registrations.anonymisedAt)))
    .all();
  const found = candidates.find((candidate) => checkInCode(mail, candidate.id) === code);
  if (!found)
    throw new RegistrationActionError(
      "Aucune inscription de cette édition ne porte ce code\u00a0: vérifiez-le, ou cherchez la personne par son nom.",
    );
  setPresence(act, editionId, found.id, true);
  return {
    registrationId: found.id,
    firstName: found.firstName,
    lastName: found.lastName,
    organisation: found.organisation,
    alreadyPresent: found.checkedInAt !== null,
  };
}

function hasValidCertificate(db: Db, registrationId: number): boolean {
  return (
    db
      .select({ id: certificates.id })
      .from(certificates)
      .where(and(eq(certificates.registrationId, registrationId), isNull(certificates.revokedAt)))
      .get() !== undefined
  );
}
