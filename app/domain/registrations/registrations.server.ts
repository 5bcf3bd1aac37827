import { and, asc, count, eq, lte, ne, sql } from "drizzle-orm";
import { editions, registrations } from "#db/schema.ts";
import { immediate, type Db } from "#app/lib/db.server.ts";
import { recordAudit } from "#app/domain/shared/audit.server.ts";
import { findPublicEdition, registrationWindow } from "#app/domain/editions/editions.server.ts";
import { normaliseEmail } from "#app/domain/accounts/account.ts";
import { confirmedIn, findRegistration, standingIn } from "./queries.server.ts";
import type { StructureType } from "#app/domain/shared/vocabulary.ts";
import type { MailContext } from "#app/domain/shared/mail-context.ts";
import { inviteFile } from "#app/domain/shared/notifications.server.ts";
import {
  currentPrivateToken,
  emailPerson,
  manageUrl,
  notifyRegistrant,
  registrantRecipient,
  registrationInvite,
  sendConfirmation,
  type Registration,
} from "./messages.server.ts";
import { emailEdition } from "#app/domain/editions/messages.ts";
import { loadEdition, type Edition, type Venue } from "#app/domain/editions/editions.server.ts";
import { findByPrivateToken, newPrivateToken } from "#app/domain/shared/private-links.server.ts";
import {
  assertOrganiserMay,
  assertRegistrantMay,
  editionPhase,
  registrantMay,
  registrantRefusal,
  registrationState,
  type RegistrantAction,
} from "#app/domain/editions/lifecycle.ts";
import type { MailingAct } from "#app/domain/shared/actor.ts";

export type RegistrationInput = {
  firstName: string;
  lastName: string;
  email: string;
  organisation: string;
  role: string | null;
  structureType: StructureType;
  accessNeeds: string | null;
  meal: boolean;
  /** Opt-in to the participants' list of the edition; off unless the person ticks it. */
  listedInNetwork?: boolean;
};

export type ClosedReason =
  "not_found" | "not_yet_open" | "window_over" | "cancelled" | "edition_over" | "not_planned" | "full";

/** At the door, the address is optional: without one, no email and no private link is sent. */
export type WalkInInput = Omit<RegistrationInput, "email"> & { email: string | null };

export type RegisterOutcome =
  | { outcome: "confirmed"; registrationId: number; token: string }
  | { outcome: "waitlisted"; registrationId: number; token: string; position: number }
  | { outcome: "already_registered" }
  | { outcome: "closed"; reason: ClosedReason };

/** Whether the form takes input now, and why not: the same rules as `register`, without writing. */
export function registrationAvailability(
  db: Db,
  edition: Edition,
  now: Date = new Date(),
): { open: true; seatsLeft: number; waitlist: boolean } | { open: false; reason: ClosedReason } {
  const window = registrationWindow(edition, now);
  if (window.state === "not_yet_open") return { open: false, reason: "not_yet_open" };
  if (window.state === "closed") return { open: false, reason: window.reason };
  const seatsLeft = Math.max(0, edition.capacity - confirmedCount(db, edition.id));
  if (seatsLeft === 0 && !edition.waitlistEnabled) return { open: false, reason: "full" };
  return { open: true, seatsLeft, waitlist: seatsLeft === 0 };
}

/** The columns a new registration holds beyond the person: where it stands in the edition. */
export type NewRegistrationState = {
  status: Registration["status"];
  listedInNetwork: boolean;
  confirmedAt: Date | null;
  checkedInAt?: Date | null;
  queueRank?: number | null;
};

/**
 * Inserts a registration of the person as they typed it, consenting now, with its own private
 * link; returns the row and the token for that link. Runs inside the caller's transaction.
 */
export function insertRegistration(
  db: Db,
  mail: MailContext,
  editionId: number,
  input: WalkInInput,
  emailKey: string | null,
  state: NewRegistrationState,
  now: Date,
): { registration: Registration; token: string } {
  const { token, tokenHash, tokenSealed } = newPrivateToken(mail);
  const registration = db
    .insert(registrations)
    .values({
      editionId,
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email?.trim() ?? null,
      emailKey,
      organisation: input.organisation,
      role: input.role,
      structureType: input.structureType,
      accessNeeds: input.accessNeeds,
      meal: input.meal,
      consentAt: now,
      ...state,
      tokenHash,
      tokenSealed,
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .get();
  return { registration, token };
}

/**
 * A public form's registration, in one BEGIN IMMEDIATE transaction: `admitInto` gets the edition
 * the slug names and its seats left, unless the edition takes nobody now, which is answered as
 * « closed » with the reason.
 */
export function whileOpenForRegistration<T>(
  db: Db,
  editionSlug: string,
  now: Date,
  admitInto: (open: { edition: Edition; venue: Venue | null; seatsLeft: number }) => T,
): T | { outcome: "closed"; reason: ClosedReason } {
  return immediate(db, () => {
    const found = findPublicEdition(db, editionSlug);
    if (!found) return { outcome: "closed" as const, reason: "not_found" as const };
    const availability = registrationAvailability(db, found.edition, now);
    if (!availability.open) return { outcome: "closed" as const, reason: availability.reason };
    return admitInto({ edition: found.edition, venue: found.venue, seatsLeft: availability.seatsLeft });
  });
}

/**
 * Registers one person. The capacity check and the insert are a single BEGIN IMMEDIATE
 * transaction, so concurrent registrations can never take more seats than there are; past
 * capacity people join the waiting list in arrival order. The email is written to the outbox
 * in the same transaction.
 */
export function register(
  db: Db,
  mail: MailContext,
  editionSlug: string,
  input: RegistrationInput,
  now: Date = new Date(),
): RegisterOutcome {
  return whileOpenForRegistration(db, editionSlug, now, ({ edition, venue, seatsLeft }) =>
    admit(db, mail, edition, venue, input, seatsLeft > 0 ? "confirmed" : "waitlisted", now),
  );
}

/**
 * Registers someone at the door, during check-in time: no registration window, but the same
 * capacity rule and the same one-registration-per-address rule. The person is marked present at
 * once. Without an address nothing is sent, and the private link is never given to anyone.
 */
export function registerOnSite(act: MailingAct, editionId: number, input: WalkInInput): RegisterOutcome {
  const { db, mail, actor, now } = act;
  return immediate(db, () => {
    const { edition, venue } = loadEdition(db, editionId);
    if (edition.status === "cancelled") return { outcome: "closed", reason: "cancelled" } as const;
    assertOrganiserMay("walk_in", editionPhase(edition, now), "none", { edition, now });
    if (input.email && activeRegistration(db, editionId, normaliseEmail(input.email)))
      return { outcome: "already_registered" } as const;
    if (confirmedCount(db, editionId) >= edition.capacity) return { outcome: "closed", reason: "full" } as const;
    const outcome = admit(db, mail, edition, venue, input, "confirmed", now, { checkedInAt: now });
    if (outcome.outcome === "confirmed") {
      recordAudit(db, actor, {
        action: "registration.on_site",
        entityType: "registration",
        entityId: outcome.registrationId,
      });
    }
    return outcome;
  });
}

/** Writes the registration and its first email, inside the caller's transaction. */
export function admit(
  db: Db,
  mail: MailContext,
  edition: Edition,
  venue: Venue | null,
  input: WalkInInput,
  status: "confirmed" | "waitlisted",
  now: Date,
  extra: { checkedInAt?: Date } = {},
): RegisterOutcome {
  const emailKey = input.email ? normaliseEmail(input.email) : null;
  const existing = emailKey ? activeRegistration(db, edition.id, emailKey) : undefined;
  if (existing) {
    sendPrivateLinkEmail(db, mail, edition, existing, now);
    return { outcome: "already_registered" };
  }
  const { registration, token } = insertRegistration(
    db,
    mail,
    edition.id,
    input,
    emailKey,
    {
      status,
      listedInNetwork: input.listedInNetwork ?? false,
      confirmedAt: status === "confirmed" ? now : null,
      checkedInAt: extra.checkedInAt ?? null,
    },
    now,
  );

  if (!registration.email) return { outcome: "confirmed", registrationId: registration.id, token };
  if (status === "confirmed") {
    sendConfirmation(db, mail, { edition, venue }, registration, { promoted: false, token }, now);
    return { outcome: "confirmed", registrationId: registration.id, token };
  }
  const position = waitlistPosition(db, registration);
  notifyRegistrant(
    db,
    registration,
    {
      email: {
        template: "registration.waitlisted",
        props: {
          edition: emailEdition(mail, edition, venue),
          person: emailPerson(registration),
          position,
          manageUrl: manageUrl(mail, token),
        },
      },
    },
    now,
  );
  return { outcome: "waitlisted", registrationId: registration.id, token, position };
}

function sendPrivateLinkEmail(
  db: Db,
  mail: MailContext,
  edition: Edition,
  registration: Registration,
  now: Date,
): void {
  const { venue } = loadEdition(db, edition.id);
  const token = currentPrivateToken(db, mail, registration);
  // At most one such email per registration and quarter of an hour, whoever asks and how often.
  const window = Math.floor(now.getTime() / (15 * 60_000));
  notifyRegistrant(
    db,
    registration,
    {
      email: {
        template: "registration.link",
        props: {
          edition: emailEdition(mail, edition, venue),
          person: emailPerson(registration),
          manageUrl: manageUrl(mail, token),
        },
      },
      dedupeKey: `registration-link:${registration.id}:${window}`,
    },
    now,
  );
}

/**
 * "I lost my link": sends it again when an active registration exists for this address. The
 * caller answers the same thing either way, so the form tells nobody who is registered.
 */
export function resendPrivateLink(
  db: Db,
  mail: MailContext,
  editionSlug: string,
  email: string,
  now: Date = new Date(),
): void {
  immediate(db, () => {
    const edition = db
      .select()
      .from(editions)
      .where(and(eq(editions.slug, editionSlug), ne(editions.status, "draft")))
      .get();
    if (!edition) return;
    const registration = activeRegistration(db, edition.id, normaliseEmail(email));
    if (registration) sendPrivateLinkEmail(db, mail, edition, registration, now);
  });
}

export function activeRegistration(db: Db, editionId: number, emailKey: string): Registration | undefined {
  return db
    .select()
    .from(registrations)
    .where(and(standingIn(editionId), eq(registrations.emailKey, emailKey)))
    .get();
}

export function confirmedCount(db: Db, editionId: number): number {
  return db.select({ n: count() }).from(registrations).where(confirmedIn(editionId)).get()!.n;
}

/**
 * Arrival order: the order of ids, except that a handed-over place keeps the rank of the
 * registration it replaces (decision 020).
 */
export const arrivalRank = sql<number>`coalesce(${registrations.queueRank}, ${registrations.id})`;

/** 1 for the first person in line. */
export function waitlistPosition(
  db: Db,
  registration: Pick<Registration, "id" | "editionId" | "status" | "queueRank">,
): number {
  if (registration.status !== "waitlisted") return 0;
  return db
    .select({ n: count() })
    .from(registrations)
    .where(
      and(
        eq(registrations.editionId, registration.editionId),
        eq(registrations.status, "waitlisted"),
        lte(arrivalRank, registration.queueRank ?? registration.id),
      ),
    )
    .get()!.n;
}

/** The registration behind a private link, or null for anything that is not a live token. */
export function findRegistrationByToken(db: Db, token: string): Registration | null {
  return findByPrivateToken(token, (tokenHash) =>
    db.select().from(registrations).where(eq(registrations.tokenHash, tokenHash)).get(),
  );
}

/**
 * Confirms people from the waiting list, first come first served, while seats are free.
 * Runs inside the caller's write transaction. Returns how many were confirmed.
 */
export function promoteWaitlist(db: Db, mail: MailContext, editionId: number, now: Date): number {
  const { edition, venue } = loadEdition(db, editionId);
  if (edition.status !== "published" || edition.endsAt <= now) return 0;
  const free = edition.capacity - confirmedCount(db, editionId);
  if (free <= 0) return 0;
  const next = db
    .select()
    .from(registrations)
    .where(and(eq(registrations.editionId, editionId), eq(registrations.status, "waitlisted")))
    .orderBy(asc(arrivalRank))
    .limit(free)
    .all();
  for (const waiting of next) promote(db, mail, { edition, venue }, waiting, now);
  return next.length;
}

/** Confirms one person from the waiting list and sends them the confirmation with its invite. */
export function promote(
  db: Db,
  mail: MailContext,
  loaded: { edition: Edition; venue: Venue | null },
  waiting: Registration,
  now: Date,
): void {
  db.update(registrations)
    .set({ status: "confirmed", confirmedAt: now, updatedAt: now })
    .where(eq(registrations.id, waiting.id))
    .run();
  sendConfirmation(db, mail, loaded, { ...waiting, status: "confirmed" }, { promoted: true }, now);
}

/**
 * Cancels a registration: a confirmed person gets a METHOD:CANCEL for the same UID with a
 * higher SEQUENCE, and the freed seat goes to the first person waiting, in the same transaction.
 */
export function cancelRegistration(act: MailingAct, registrationId: number): { cancelled: boolean; promoted: number } {
  const { db, mail, actor, now } = act;
  return immediate(db, () => {
    const registration = findRegistration(db, registrationId);
    if (!registration || registration.status === "cancelled") return { cancelled: false, promoted: 0 };
    const found = loadEdition(db, registration.editionId);
    const phase = editionPhase(found.edition, now);
    // After the start a registration is a presence or an absence, kept for the day's record.
    if (actor.userId) assertOrganiserMay("cancel_registration", phase, registrationState(registration, phase));
    else assertRegistrantMay("cancel", phase, registrationState(registration, phase));
    const wasConfirmed = registration.status === "confirmed";
    const sequence = registration.inviteSequence + (wasConfirmed ? 1 : 0);
    db.update(registrations)
      .set({ status: "cancelled", cancelledAt: now, updatedAt: now, inviteSequence: sequence })
      .where(eq(registrations.id, registrationId))
      .run();
    const { edition, venue } = found;
    notifyRegistrant(
      db,
      registration,
      {
        email: {
          template: "registration.cancelled",
          props: { edition: emailEdition(mail, edition, venue), person: emailPerson(registration), wasConfirmed },
        },
        invite: wasConfirmed ? registrationInvite(mail, edition, venue, registration, "CANCEL", sequence, null) : null,
      },
      now,
    );
    recordAudit(db, actor, {
      action: "registration.cancel",
      entityType: "registration",
      entityId: registrationId,
      details: { by: actor.userId ? "organiser" : "registrant" },
    });
    const promoted = wasConfirmed ? promoteWaitlist(db, mail, edition.id, now) : 0;
    return { cancelled: true, promoted };
  });
}

export type DetailsInput = Omit<RegistrationInput, "email">;

/** Corrections from the private page, until the start. The email address is the identity of the registration and stays. */
export function updateRegistrationDetails(
  db: Db,
  registrationId: number,
  input: DetailsInput,
  now: Date = new Date(),
): void {
  const registration = findRegistration(db, registrationId);
  if (!registration) return;
  const phase = editionPhase(loadEdition(db, registration.editionId).edition, now);
  assertRegistrantMay("correct_details", phase, registrationState(registration, phase));
  db.update(registrations)
    .set({
      firstName: input.firstName,
      lastName: input.lastName,
      organisation: input.organisation,
      role: input.role,
      structureType: input.structureType,
      accessNeeds: input.accessNeeds,
      meal: input.meal,
      updatedAt: now,
    })
    .where(and(eq(registrations.id, registrationId), ne(registrations.status, "cancelled")))
    .run();
}

/** The invite as it stands now, for the "download again" button, until the day is over. */
export function currentInvite(
  db: Db,
  mail: MailContext,
  registration: Registration,
  token: string,
  now: Date = new Date(),
): string | null {
  const { edition, venue } = loadEdition(db, registration.editionId);
  const phase = editionPhase(edition, now);
  if (!registrantMay("download_invite", phase, registrationState(registration, phase))) return null;
  if (!registration.email) return null;
  const link = manageUrl(mail, token);
  const invite = registrationInvite(mail, edition, venue, registration, "REQUEST", registration.inviteSequence, link);
  return inviteFile(invite, registrantRecipient({ ...registration, email: registration.email }));
}

export class CapacityError extends Error {}

/** Sets the number of seats; raising it confirms people from the waiting list at once. */
export function changeCapacity(act: MailingAct, editionId: number, capacity: number): { promoted: number } {
  const { db, mail, actor, now } = act;
  return immediate(db, () => {
    assertOrganiserMay("change_capacity", editionPhase(loadEdition(db, editionId).edition, now), "none");
    const confirmed = confirmedCount(db, editionId);
    if (capacity < confirmed) {
      throw new CapacityError(
        `La jauge ne peut pas descendre sous le nombre de personnes déjà confirmées (${confirmed}).`,
      );
    }
    db.update(editions).set({ capacity, updatedAt: now }).where(eq(editions.id, editionId)).run();
    recordAudit(db, actor, {
      action: "edition.capacity",
      entityType: "edition",
      entityId: editionId,
      details: { capacity },
    });
    return { promoted: promoteWaitlist(db, mail, editionId, now) };
  });
}

export type RegistrationCounts = { confirmed: number; waitlisted: number; cancelled: number; checkedIn: number };

export function registrationCounts(db: Db, editionId: number): RegistrationCounts {
  const row = db
    .select({
      confirmed: sql<number>`coalesce(sum(${registrations.status} = 'confirmed'), 0)`,
      waitlisted: sql<number>`coalesce(sum(${registrations.status} = 'waitlisted'), 0)`,
      cancelled: sql<number>`coalesce(sum(${registrations.status} = 'cancelled'), 0)`,
      checkedIn: sql<number>`coalesce(sum(${registrations.checkedInAt} is not null), 0)`,
    })
    .from(registrations)
    .where(eq(registrations.editionId, editionId))
    .get()!;
  return row;
}

/** Where a registration stands in its edition's life, and what its holder may do from their page. */
export function registrantStanding(db: Db, registration: Registration, now: Date = new Date()) {
  const { edition } = loadEdition(db, registration.editionId);
  const phase = editionPhase(edition, now);
  const state = registrationState(registration, phase);
  const may = (action: RegistrantAction) => registrantMay(action, phase, state);
  return {
    phase,
    state,
    correct: may("correct_details"),
    cancel: may("cancel"),
    downloadInvite: may("download_invite"),
    afterTheDay: may("see_after_the_day"),
    /** Why cancelling is refused, when it is. */
    cancelRefusal: may("cancel") ? null : registrantRefusal("cancel", phase, state),
  };
}
