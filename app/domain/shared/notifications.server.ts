// The one path by which the platform writes to a person: a recipient, a template with its
// props, and an invite when the email moves something in their calendar. Aggregates decide who
// is told what and when; this module decides how it becomes an outbox row.
import { renderMessage, type EmailMessage } from "#emails/templates.ts";
import { buildInvite, type CalendarEvent, type Party } from "#app/lib/calendar.server.ts";
import type { Db } from "#app/lib/db.server.ts";
import { singleLine } from "#app/lib/typography.ts";
import { enqueueEmail } from "./outbox.server.ts";

export type Recipient = { address: string; name: string | null };

/**
 * A calendar invite for the recipient of the email: the event (its UID and SEQUENCE decide
 * whether it adds, moves or, with CANCEL, removes what is already in their calendar) and who
 * organises it. The recipient is always the attendee.
 */
export type Invite = { method: "REQUEST" | "CANCEL"; event: CalendarEvent; organiser: Party };

export type Notification = {
  to: Recipient;
  email: EmailMessage;
  invite?: Invite | null;
  /** What the outbox and the back-office call it; the template's name unless said otherwise. */
  kind?: string;
  /** Emails with the same key are written once, ever (reminders, decisions, certificates). */
  dedupeKey?: string;
  batchId?: string;
  // What the email is about: the outbox lists an edition's emails by it, and erasing a
  // registration, a contribution or a correction request erases the emails written about it.
  editionId?: number;
  registrationId?: number;
  contributionId?: number;
  correctionId?: number;
};

/**
 * Writes one email to the outbox. Call it inside the transaction of the change that causes the
 * email: both land, or neither. Returns the row id, or null when the dedupe key was already used.
 */
export function notify(db: Db, notification: Notification, now: Date): number | null {
  const { to, email, invite, kind, ...rest } = notification;
  const recipient = { address: to.address, name: to.name === null ? null : singleLine(to.name) };
  return enqueueEmail(
    db,
    {
      ...rest,
      kind: kind ?? email.template,
      to: recipient,
      content: renderMessage(email),
      ics: invite ? { method: invite.method, body: inviteFile(invite, recipient) } : null,
    },
    now,
  );
}

/** The .ics file of an invite as the recipient receives it, also for the « download again » links. */
export function inviteFile(invite: Invite, to: Recipient): string {
  return buildInvite(invite.event, invite.method, invite.organiser, { name: to.name ?? to.address, email: to.address });
}
