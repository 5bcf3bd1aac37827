// Turns registrations into outbox rows: the email content, and the invite when there is one.
import { eq } from "drizzle-orm";
import { editions, registrations, venues } from "../../../db/schema";
import type { EmailEdition, EmailPerson } from "../../../emails/registration";
import { buildInvite, type CalendarEvent } from "../../lib/calendar.server";
import type { Db } from "../../lib/db.server";
import { frenchTypography } from "../../lib/typography";
import { generateToken, hashToken, sealToken, unsealToken } from "../../lib/tokens.server";
import type { MailContext } from "./context";

export type Registration = typeof registrations.$inferSelect;
export type Edition = typeof editions.$inferSelect;
export type Venue = typeof venues.$inferSelect;

export function loadEdition(db: Db, editionId: number): { edition: Edition; venue: Venue | null } {
  const edition = db.select().from(editions).where(eq(editions.id, editionId)).get();
  if (!edition) throw new Error(`edition ${editionId} not found`);
  const venue = edition.venueId ? (db.select().from(venues).where(eq(venues.id, edition.venueId)).get() ?? null) : null;
  return { edition, venue };
}

export function editionUrl(ctx: MailContext, edition: Pick<Edition, "slug">): string {
  return `${ctx.appUrl}/editions/${edition.slug}`;
}

export function manageUrl(ctx: MailContext, token: string): string {
  return `${ctx.appUrl}/inscription/${token}`;
}

export function emailEdition(ctx: MailContext, edition: Edition, venue: Venue | null): EmailEdition {
  return { title: edition.title, startsAt: edition.startsAt, endsAt: edition.endsAt, url: editionUrl(ctx, edition), venue };
}

export function emailPerson(registration: Pick<Registration, "firstName" | "lastName">): EmailPerson {
  return { firstName: registration.firstName, lastName: registration.lastName };
}

export function venueText(venue: Venue | null): string | null {
  if (!venue) return null;
  const town = [venue.postcode, venue.city].filter(Boolean).join(" ");
  return [venue.name, venue.address, town].filter(Boolean).join(", ");
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

export function newPrivateToken(ctx: MailContext): { token: string; tokenHash: string; tokenSealed: string } {
  const token = generateToken();
  return { token, tokenHash: hashToken(token), tokenSealed: sealToken(token, ctx.secret) };
}

/**
 * The private link of a registration, for an email sent after the first one. When the secret
 * changed since the token was sealed, a new token replaces it (the old link stops working).
 */
export function currentPrivateToken(db: Db, ctx: MailContext, registration: Registration): string {
  const token = registration.tokenSealed ? unsealToken(registration.tokenSealed, ctx.secret) : null;
  if (token && hashToken(token) === registration.tokenHash) return token;
  const fresh = newPrivateToken(ctx);
  db.update(registrations)
    .set({ tokenHash: fresh.tokenHash, tokenSealed: fresh.tokenSealed })
    .where(eq(registrations.id, registration.id))
    .run();
  return fresh.token;
}
