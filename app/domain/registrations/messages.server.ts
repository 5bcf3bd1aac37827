// Turns registrations into outbox rows: the email content, and the invite when there is one.
import { eq } from "drizzle-orm";
import { registrations } from "#db/schema.ts";
import { fullName, type EmailPerson } from "#emails/components.tsx";
import type { CalendarEvent } from "#app/lib/calendar.server.ts";
import type { Db } from "#app/lib/db.server.ts";
import { frenchTypography } from "#app/lib/typography.ts";
import type { MailContext } from "#app/domain/shared/mail-context.ts";
import { notify, type Invite, type Notification, type Recipient } from "#app/domain/shared/notifications.server.ts";
import { currentOrReissuedToken } from "#app/domain/shared/private-links.server.ts";
import type { Edition, Venue } from "#app/domain/editions/editions.server.ts";
import { editionUrl, emailEdition, venueText } from "#app/domain/editions/messages.ts";
import { checkInCode } from "./check-in-code.server.ts";

export type Registration = typeof registrations.$inferSelect;
export function manageUrl(mail: MailContext, token: string): string {
  return `${mail.appUrl}/inscription/${token}`;
}

export function emailPerson(registration: Pick<Registration, "firstName" | "lastName">): EmailPerson {
  return { firstName: registration.firstName, lastName: registration.lastName };
}

/** UID of the calendar event of one registration: the same for every invite, update and cancel. */
export function registrationUid(mail: MailContext, registrationId: number): string {
  return `cts-registration-${registrationId}@${new URL(mail.appUrl).hostname}`;
}

export function registrationEvent(
  mail: MailContext,
  edition: Edition,
  venue: Venue | null,
  registration: Registration,
  sequence: number,
  link: string | null,
): CalendarEvent {
  const lines = [
    `Coordination territoriale semestrielle du SIAO 95 : ${edition.title}.`,
    edition.subtitle ?? "",
    `Programme : ${editionUrl(mail, edition)}`,
    link ? `Votre inscription : ${link}` : "",
  ].filter(Boolean);
  return {
    uid: registrationUid(mail, registration.id),
    sequence,
    title: frenchTypography(`CTS SIAO 95 — ${edition.title}`),
    description: frenchTypography(lines.join("\n")),
    location: venueText(venue),
    startsAt: edition.startsAt,
    endsAt: edition.endsAt,
    url: editionUrl(mail, edition),
  };
}

/** The invite of a registration: the same event whatever the email, moved or cancelled by SEQUENCE. */
export function registrationInvite(
  mail: MailContext,
  edition: Edition,
  venue: Venue | null,
  registration: Registration,
  method: "REQUEST" | "CANCEL",
  sequence: number,
  link: string | null,
): Invite {
  return {
    method,
    event: registrationEvent(mail, edition, venue, registration, sequence, link),
    organiser: mail.organiser,
  };
}

export function registrantRecipient(
  registration: Pick<Registration, "email" | "firstName" | "lastName"> & { email: string },
): Recipient {
  return { address: registration.email, name: fullName(registration) };
}

/**
 * Every email to a registered person: addressed to them, and filed under their registration,
 * which is how erasing the registration finds it.
 */
export function notifyRegistrant(
  db: Db,
  registration: Registration,
  notification: Omit<Notification, "to" | "editionId" | "registrationId">,
  now: Date,
): number | null {
  // A walk-in who gave no address is never written to; every path that mails people ends here.
  if (!registration.email) return null;
  return notify(
    db,
    {
      ...notification,
      to: registrantRecipient({ ...registration, email: registration.email }),
      editionId: registration.editionId,
      registrationId: registration.id,
    },
    now,
  );
}

/**
 * The confirmation and its invite: after registering, when the waiting list moves up, and when
 * an organiser sends it again. Without a token, the registration's current one is used.
 */
export function sendConfirmation(
  db: Db,
  mail: MailContext,
  { edition, venue }: { edition: Edition; venue: Venue | null },
  registration: Registration,
  options: { promoted: boolean; token?: string },
  now: Date,
): void {
  const link = manageUrl(mail, options.token ?? currentPrivateToken(db, mail, registration));
  notifyRegistrant(
    db,
    registration,
    {
      kind: options.promoted ? "registration.promoted" : "registration.confirmed",
      email: {
        template: "registration.confirmed",
        props: {
          edition: emailEdition(mail, edition, venue),
          person: emailPerson(registration),
          manageUrl: link,
          promoted: options.promoted,
          checkInCode: checkInCode(mail, registration.id),
        },
      },
      invite: registrationInvite(mail, edition, venue, registration, "REQUEST", registration.inviteSequence, link),
    },
    now,
  );
}

/**
 * The private link of a registration, for an email sent after the first one. When the secret
 * changed since the token was sealed, a new token replaces it (the old link stops working).
 */
export function currentPrivateToken(db: Db, mail: MailContext, registration: Registration): string {
  return currentOrReissuedToken(mail, registration, ({ tokenHash, tokenSealed }) =>
    db.update(registrations).set({ tokenHash, tokenSealed }).where(eq(registrations.id, registration.id)).run(),
  );
}
