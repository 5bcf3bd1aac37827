// The one path by which the platform writes to a person: a recipient, a template with its
// props, and an invite when the email moves something in their calendar. Aggregates decide who
// is told what and when; this module decides how it becomes an outbox row.
import type { EmailKind } from "#emails/kinds.ts";
import type { EmailMessage } from "#emails/templates.ts";
import type { Db } from "#app/lib/db.server.ts";
import { singleLine } from "#app/lib/typography.ts";
import { type Invite, type Recipient } from "./email-content.server.ts";
import { enqueueEmail } from "./outbox.server.ts";

export { inviteFile, type Invite, type Recipient } from "./email-content.server.ts";

export type Notification = {
  to: Recipient;
  email: EmailMessage;
  invite?: Invite | null;
  /** What the outbox and the back-office call it; the template's name unless said otherwise. */
  kind?: EmailKind;
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
 * Writes one email to the outbox, as data: the mail worker renders it before sending (decision
 * 024), so the request pays for the row only. Call it inside the transaction of the change that
 * causes the email: both land, or neither. Returns the row id, or null when the dedupe key was
 * already used.
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
      payload: { ...email, invite: invite ?? null, to: recipient },
    },
    now,
  );
}
