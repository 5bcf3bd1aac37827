// An email in the outbox is data until the mail worker sends it (decision 024): the request that
// causes it stores a template's name and frozen props, the worker renders them. This module is
// the one place that turns that data into what a person receives, and that reads it back.
import { buildInvite, type CalendarEvent, type Party } from "#app/lib/calendar.server.ts";
import { messageSubject, renderMessage, type EmailMessage } from "#emails/templates.ts";
import type { emails } from "#db/schema.ts";

export type Recipient = { address: string; name: string | null };

/**
 * A calendar invite for the recipient of the email: the event (its UID and SEQUENCE decide
 * whether it adds, moves or, with CANCEL, removes what is already in their calendar) and who
 * organises it. The recipient is always the attendee.
 */
export type Invite = { method: "REQUEST" | "CANCEL"; event: CalendarEvent; organiser: Party };

/** Everything the worker needs to render one email, and nothing it would have to read again. */
export type EmailPayload = EmailMessage & { invite: Invite | null; to: Recipient };

export type EmailContent = {
  html: string;
  text: string;
  ics: { method: "REQUEST" | "CANCEL"; body: string } | null;
};

/** The .ics file of an invite as the recipient receives it, also for the « download again » links. */
export function inviteFile(invite: Invite, to: Recipient): string {
  return buildInvite(invite.event, invite.method, invite.organiser, { name: to.name ?? to.address, email: to.address });
}

export function payloadSubject(payload: EmailPayload): string {
  return messageSubject(payload);
}

// Props are frozen as they were when the email was queued: dates travel as tagged strings and
// come back as dates, so a template renders the same email whenever the worker gets to it.
const DATE_TAG = "$date";

export function serialisePayload(payload: EmailPayload): string {
  return JSON.stringify(payload, function (this: Record<string, unknown>, key, value: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { [DATE_TAG]: raw.toISOString() } : value;
  });
}

export function parsePayload(stored: string): EmailPayload {
  return JSON.parse(stored, (_key, value: unknown) => {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      const tagged = value as Record<string, unknown>;
      const keys = Object.keys(tagged);
      if (keys.length === 1 && keys[0] === DATE_TAG && typeof tagged[DATE_TAG] === "string") {
        return new Date(tagged[DATE_TAG]);
      }
    }
    return value;
  }) as EmailPayload;
}

/** Renders a stored payload: HTML, the text derived from it, and the invite. May throw (a template's bug). */
export function renderPayload(stored: string): EmailContent {
  const payload = parsePayload(stored);
  const { html, text } = renderMessage(payload);
  return {
    html,
    text,
    ics: payload.invite ? { method: payload.invite.method, body: inviteFile(payload.invite, payload.to) } : null,
  };
}

type StoredEmail = Pick<typeof emails.$inferSelect, "html" | "text" | "ics" | "icsMethod" | "payload">;

/** The invite alone, stored or built from the payload, without rendering the bodies. */
export function emailInvite(row: StoredEmail): EmailContent["ics"] {
  if (row.payload !== null) {
    const payload = parsePayload(row.payload);
    return payload.invite ? { method: payload.invite.method, body: inviteFile(payload.invite, payload.to) } : null;
  }
  return row.ics !== null && row.icsMethod !== null ? { method: icsMethodOf(row.icsMethod), body: row.ics } : null;
}

/**
 * What an outbox row says, whether the worker has rendered it yet or not: the stored content,
 * or the payload rendered now and written nowhere. Every reader of an email's content goes
 * through here (back-office page and preview, resend, rehearsal, tests).
 */
export function emailContent(row: StoredEmail): EmailContent {
  if (row.payload !== null) return renderPayload(row.payload);
  return {
    html: row.html,
    text: row.text,
    ics: row.ics !== null && row.icsMethod !== null ? { method: icsMethodOf(row.icsMethod), body: row.ics } : null,
  };
}

function icsMethodOf(method: string): "REQUEST" | "CANCEL" {
  return method === "CANCEL" ? "CANCEL" : "REQUEST";
}
