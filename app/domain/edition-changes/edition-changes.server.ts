import { de } from "#app/lib/elision.ts";
import { and, eq, ne, sql } from "drizzle-orm";
import { editions, registrations, sessions, venues } from "#db/schema.ts";
import { immediate, type Db } from "#app/lib/db.server.ts";
import { formatDate, formatTime, parisDateString, parisTimeString, parisWallTimeToUtc } from "#app/lib/time.ts";
import { frenchTypography } from "#app/lib/typography.ts";
import { recordAudit } from "#app/domain/shared/audit.server.ts";
import { describeSessionChanges, updateSpeakerInvites } from "#app/domain/contributions/messages.server.ts";
import { applyEditionForm, EditionFormError } from "#app/domain/editions/admin.server.ts";
import { itemsOutsideHours, updateSession, type SessionInput } from "#app/domain/editions/programme.server.ts";
import { changeCapacity } from "#app/domain/registrations/registrations.server.ts";
import { registrationsOf } from "#app/domain/registrations/queries.server.ts";
import type { EditionFormValues } from "#app/forms/edition.ts";
import type { MailContext } from "#app/domain/shared/mail-context.ts";
import {
  currentPrivateToken,
  emailPerson,
  manageUrl,
  notifyRegistrant,
  registrationInvite,
  type Registration,
} from "#app/domain/registrations/messages.server.ts";
import { emailEdition, venueText } from "#app/domain/editions/messages.ts";
import {
  findEdition,
  loadEdition,
  programmeOf,
  type Edition,
  type Venue,
} from "#app/domain/editions/editions.server.ts";
import { assertOrganiserMay, editionPhase } from "#app/domain/editions/lifecycle.ts";
import {
  applyIfConfirmed,
  describeRehearsal,
  type Confirmable,
  type Rehearsal,
} from "#app/domain/shared/rehearsal.server.ts";
import type { MailingAct } from "#app/domain/shared/actor.ts";

/** The parts of an edition that a calendar invite shows. */
export type LogisticsPatch = {
  title?: string;
  startsAt?: Date;
  endsAt?: Date;
  venueId?: number | null;
};

export class EditionChangeError extends Error {}

/** Sentences telling a registrant what changed, or an empty list when nothing an invite shows did. */
export function describeChanges(
  before: { edition: Edition; venue: Venue | null },
  after: { edition: Edition; venue: Venue | null },
): string[] {
  const changes: string[] = [];
  const a = before.edition;
  const b = after.edition;
  if (a.title !== b.title) changes.push(`Titre : « ${b.title} » (au lieu de « ${a.title} »)`);
  const sameDay = formatDate(a.startsAt) === formatDate(b.startsAt);
  if (!sameDay) changes.push(`Date : ${formatDate(b.startsAt)} (au lieu du ${formatDate(a.startsAt)})`);
  if (a.startsAt.getTime() !== b.startsAt.getTime() || a.endsAt.getTime() !== b.endsAt.getTime()) {
    const was = `${formatTime(a.startsAt)}–${formatTime(a.endsAt)}`;
    const now = `${formatTime(b.startsAt)}–${formatTime(b.endsAt)}`;
    if (was !== now) changes.push(`Horaires : ${now} (au lieu de ${was})`);
  }
  const placeBefore = venueText(before.venue);
  const placeAfter = venueText(after.venue);
  if (placeBefore !== placeAfter) {
    changes.push(`Lieu : ${placeAfter ?? "à préciser"}${placeBefore ? ` (au lieu ${de(placeBefore)})` : ""}`);
  }
  return changes.map(frenchTypography);
}

/**
 * Changes the title, times or venue of an edition. When an invite would show the difference,
 * the edition's SEQUENCE goes up and every confirmed registrant gets an updated invite (same
 * UID, higher SEQUENCE) with a note of what changed, all in the same transaction.
 */
export function updateEditionLogistics(
  act: MailingAct,
  editionId: number,
  patch: LogisticsPatch,
): { changes: string[]; notified: number } {
  const { db, mail, actor, now } = act;
  return immediate(db, () => {
    const before = loadEdition(db, editionId);
    const startsAt = patch.startsAt ?? before.edition.startsAt;
    const endsAt = patch.endsAt ?? before.edition.endsAt;
    if (endsAt <= startsAt) throw new EditionChangeError("La fin doit être postérieure au début.");
    db.update(editions)
      .set({
        title: patch.title ?? before.edition.title,
        startsAt,
        endsAt,
        venueId: patch.venueId === undefined ? before.edition.venueId : patch.venueId,
        updatedAt: now,
      })
      .where(eq(editions.id, editionId))
      .run();
    moveProgrammeToDay(db, editionId, before.edition.startsAt, startsAt);
    const after = loadEdition(db, editionId);
    const changes = describeChanges(before, after);
    if (changes.length === 0) return { changes, notified: 0 };
    // People have come on the announced day to the announced place: that record stays true.
    assertOrganiserMay("change_logistics", editionPhase(before.edition, now), "none");
    db.update(editions)
      .set({ sequence: sql`${editions.sequence} + 1` })
      .where(eq(editions.id, editionId))
      .run();
    recordAudit(db, actor, {
      action: "edition.logistics",
      entityType: "edition",
      entityId: editionId,
      details: { changes },
    });
    const notified = notifyConfirmed(db, mail, editionId, changes, now);
    // Accepted speakers hold an invite too (their programme item, at this edition's date and place).
    updateSpeakerInvites(db, mail, { editionId }, changes, now);
    return { changes, notified };
  });
}

/**
 * When an edition moves to another day, its programme moves with it and keeps its wall-clock
 * times (9 h 30 stays 9 h 30 in Paris, whatever the change of summer time in between).
 */
function moveProgrammeToDay(db: Db, editionId: number, oldStart: Date, newStart: Date): void {
  const oldDay = parisDateString(oldStart);
  const newDay = parisDateString(newStart);
  if (oldDay === newDay) return;
  const items = db.select().from(sessions).where(eq(sessions.editionId, editionId)).all();
  const moved = (instant: Date) => {
    // An item past midnight keeps its offset in days from the edition's first day.
    const days = Math.round(
      (Date.parse(`${parisDateString(instant)}T12:00:00Z`) - Date.parse(`${oldDay}T12:00:00Z`)) / 86_400_000,
    );
    const day = parisDateString(Date.parse(`${newDay}T12:00:00Z`) + days * 86_400_000);
    return (
      parisWallTimeToUtc(day, parisTimeString(instant)) ??
      new Date(instant.getTime() + (newStart.getTime() - oldStart.getTime()))
    );
  };
  for (const item of items) {
    db.update(sessions)
      .set({ startsAt: moved(item.startsAt), endsAt: moved(item.endsAt) })
      .where(eq(sessions.id, item.id))
      .run();
  }
}

/** Edits a venue; every upcoming edition held there tells its registrants. */
export function updateVenue(
  act: MailingAct,
  venueId: number,
  fields: Pick<Venue, "name" | "address" | "postcode" | "city" | "access" | "accessibility">,
): { notified: number } {
  const { db, mail, actor, now } = act;
  return immediate(db, () => {
    const affected = db
      .select({ id: editions.id })
      .from(editions)
      .where(
        and(
          eq(editions.venueId, venueId),
          eq(editions.status, "published"),
          sql`${editions.endsAt} > ${now.getTime()}`,
        ),
      )
      .all();
    const before = new Map(affected.map(({ id }) => [id, loadEdition(db, id)]));
    db.update(venues)
      .set({ ...fields, updatedAt: now })
      .where(eq(venues.id, venueId))
      .run();
    recordAudit(db, actor, { action: "venue.update", entityType: "venue", entityId: venueId });
    let notified = 0;
    for (const { id } of affected) {
      const changes = describeChanges(before.get(id)!, loadEdition(db, id));
      if (changes.length === 0) continue;
      db.update(editions)
        .set({ sequence: sql`${editions.sequence} + 1` })
        .where(eq(editions.id, id))
        .run();
      notified += notifyConfirmed(db, mail, id, changes, now);
      updateSpeakerInvites(db, mail, { editionId: id }, changes, now);
    }
    return { notified };
  });
}

/** The invite a registrant gets next replaces the one in their calendar: its SEQUENCE goes up. */
function nextInviteSequence(db: Db, registration: Registration): number {
  const sequence = registration.inviteSequence + 1;
  db.update(registrations).set({ inviteSequence: sequence }).where(eq(registrations.id, registration.id)).run();
  return sequence;
}

function notifyConfirmed(db: Db, mail: MailContext, editionId: number, changes: string[], now: Date): number {
  const { edition, venue } = loadEdition(db, editionId);
  if (edition.status !== "published") return 0;
  const confirmed = registrationsOf(db, editionId, eq(registrations.status, "confirmed"));
  for (const registration of confirmed) {
    const sequence = nextInviteSequence(db, registration);
    const link = manageUrl(mail, currentPrivateToken(db, mail, registration));
    notifyRegistrant(
      db,
      registration,
      {
        email: {
          template: "edition.changed",
          props: {
            edition: emailEdition(mail, edition, venue),
            person: emailPerson(registration),
            changes,
            manageUrl: link,
          },
        },
        invite: registrationInvite(mail, edition, venue, registration, "REQUEST", sequence, link),
      },
      now,
    );
  }
  return confirmed.length;
}

/**
 * Cancels an edition: confirmed registrants get METHOD:CANCEL so the event leaves their
 * calendar, people on the waiting list are told too. Registrations are kept as they were.
 */
export function cancelEdition(act: MailingAct, editionId: number): { notified: number } {
  const { db, mail, actor, now } = act;
  return immediate(db, () => {
    const { edition } = loadEdition(db, editionId);
    if (edition.status === "cancelled") return { notified: 0 };
    assertOrganiserMay("cancel_edition", editionPhase(edition, now), "none");
    db.update(editions)
      .set({ status: "cancelled", sequence: sql`${editions.sequence} + 1`, updatedAt: now })
      .where(eq(editions.id, editionId))
      .run();
    const { edition: cancelled, venue } = loadEdition(db, editionId);
    const people = registrationsOf(db, editionId, ne(registrations.status, "cancelled"));
    for (const registration of people) {
      const wasConfirmed = registration.status === "confirmed";
      const sequence = wasConfirmed ? nextInviteSequence(db, registration) : registration.inviteSequence;
      notifyRegistrant(
        db,
        registration,
        {
          email: {
            template: "edition.cancelled",
            props: { edition: emailEdition(mail, cancelled, venue), person: emailPerson(registration) },
          },
          invite: wasConfirmed
            ? registrationInvite(mail, cancelled, venue, registration, "CANCEL", sequence, null)
            : null,
        },
        now,
      );
    }
    recordAudit(db, actor, {
      action: "edition.cancel",
      entityType: "edition",
      entityId: editionId,
      details: { notified: people.length },
    });
    return { notified: people.length };
  });
}

/**
 * Saves the edition form. What an invite shows (title, date, times, venue) goes through
 * `updateEditionLogistics`, so confirmed people get an updated invite; a new capacity goes
 * through `changeCapacity`, so the waiting list moves up. All of it in one transaction.
 */
export function saveEdition(
  act: MailingAct,
  editionId: number,
  input: EditionFormValues,
): { notified: number; promoted: number; outsideHours: number } {
  const { db, actor, now } = act;
  return immediate(db, () => {
    const current = findEdition(db, editionId)?.edition;
    if (!current) throw new EditionFormError("Édition introuvable.");
    const logistics = applyEditionForm(db, current, input, now);
    const { notified } = updateEditionLogistics(act, editionId, logistics);
    const { promoted } =
      input.capacity === current.capacity ? { promoted: 0 } : changeCapacity(act, editionId, input.capacity);
    recordAudit(db, actor, { action: "edition.update", entityType: "edition", entityId: editionId });
    // New hours may leave programme items outside them: the organiser hears it now, not at publishing.
    const { edition } = loadEdition(db, editionId);
    const outsideHours = itemsOutsideHours(edition, programmeOf(db, editionId)).length;
    return { notified, promoted, outsideHours };
  });
}

/**
 * Edits a programme item. Speakers accepted into it through the call for contributions hold an
 * invite for it: when what the invite shows changes, they get an updated one.
 */
export function updateProgrammeItem(act: MailingAct, editionId: number, sessionId: number, input: SessionInput): void {
  const { db, mail, now } = act;
  immediate(db, () => {
    const { before, after } = updateSession(act, editionId, sessionId, input);
    const changes = describeSessionChanges(before, after);
    if (changes.length > 0) updateSpeakerInvites(db, mail, { sessionId }, changes, now);
  });
}

/** A preview as the back-office shows it: one sentence, and one example per kind of email. */
export function sendingPreview(preview: Rehearsal<unknown>) {
  return {
    summary: describeRehearsal(preview.emails),
    fingerprint: preview.fingerprint,
    samples: preview.emails.map(({ kind, count, sample }) => ({ kind, count, ...sample })),
  };
}

/**
 * `saveEdition`, once the organiser has seen what it sends: a save that writes to nobody applies
 * at once; one that updates invites or moves the waiting list returns its preview first.
 */
export function saveEditionOnceConfirmed(
  ...save: Parameters<typeof saveEdition>
): Confirmable<ReturnType<typeof saveEdition>> {
  const [act, , input] = save;
  return applyIfConfirmed(act.db, () => saveEdition(...save), input.confirmation);
}

/** `cancelEdition`, once the organiser has seen who will be told and how. */
export function cancelEditionOnceConfirmed(
  act: MailingAct,
  editionId: number,
  confirmation: string | undefined,
): Confirmable<{ notified: number }> {
  const { db } = act;
  return applyIfConfirmed(db, () => cancelEdition(act, editionId), confirmation);
}
