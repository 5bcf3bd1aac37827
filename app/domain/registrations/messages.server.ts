// Turns registrations into outbox rows: the email content, and the invite when there is one.
import { eq } from "drizzle-orm";
import { registrations } from "#db/schema.ts";
import type { EmailPerson } from "#emails/registration.tsx";
import { buildInvite, type CalendarEvent } from "#app/lib/calendar.server.ts";
import type { Db } from "#app/lib/db.server.ts";
import { frenchTypography } from "#app/lib/typography.ts";
import type { MailContext } from "#app/domain/shared/mail-context.ts";
import { newPrivateToken, unsealedToken } from "#app/domain/shared/private-links.server.ts";
import type { Edition, Venue } from "#app/domain/editions/editions.server.ts";
import { editionUrl, venueText } from "#app/domain/editions/messages.ts";

export type Registration = typeof registrations.$inferSelect;
export function manageUrl(ctx: MailContext, token: string): string {
  return `${ctx.appUrl}/inscription/${token}`;
}

export function emailPerson(registration: Pick<Registration, "firstName" | "lastName">): EmailPerson {
  return { firstName: registration.firstName, lastName: registration.lastName };
}

/** UID of the calendar event of one registration: the same for every invite, update and cancel. */
export function registrationUid(ctx: MailContext, registrationId: number): string {
  return `cts-registration-${registrationId}@${new URL(ctx.appUrl).hostname}`;
}

export function registrationEvent(
  ctx: MailContext,
  edition: Edition,
  venue: Venue | null,
  registration: Registration,
  sequence: number,
  link: string | null,
): CalendarEvent {
  const lines = [
    `Coordination territoriale semestrielle du SIAO 95 : ${edition.title}.`,
    edition.subtitle ?? "",
    `Programme : ${editionUrl(ctx, edition)}`,
    link ? `Votre inscription : ${link}` : "",
  ].filter(Boolean);
  return {
    uid: registrationUid(ctx, registration.id),
    sequence,
    title: frenchTypography(`CTS SIAO 95 — ${edition.title}`),
    description: frenchTypography(lines.join("\n")),
    location: venueText(venue),
    startsAt: edition.startsAt,
    endsAt: edition.endsAt,
    url: editionUrl(ctx, edition),
  };
}

export function registrationInvite(
  ctx: MailContext,
  edition: Edition,
  venue: Venue | null,
  registration: Registration,
  method: "REQUEST" | "CANCEL",
  sequence: number,
  link: string | null,
): { method: "REQUEST" | "CANCEL"; body: string } {
  const event = registrationEvent(ctx, edition, venue, registration, sequence, link);
  const attendee = { name: `${registration.firstName} ${registration.lastName}`, email: registration.email };
  return { method, body: buildInvite(event, method, ctx.organiser, attendee) };
}

/**
 * The private link of a registration, for an email sent after the first one. When the secret
 * changed since the token was sealed, a new token replaces it (the old link stops working).
 */
export function currentPrivateToken(db: Db, ctx: MailContext, registration: Registration): string {
  const token = unsealedToken(ctx, registration);
  if (token) return token;
  const fresh = newPrivateToken(ctx);
  db.update(registrations)
    .set({ tokenHash: fresh.tokenHash, tokenSealed: fresh.tokenSealed })
    .where(eq(registrations.id, registration.id))
    .run();
  return fresh.token;
}
