import ICAL from "ical.js";
import { asc, eq } from "drizzle-orm";
import { editions, emails, registrations, venues } from "#db/schema.ts";
import { emailContent, emailInvite, type EmailContent } from "#app/domain/shared/email-content.server.ts";
import type { MailContext } from "#app/domain/shared/mail-context.ts";
import type { RegistrationInput, WalkInInput } from "#app/domain/registrations/registrations.server.ts";
import type { Db } from "#app/lib/db.server.ts";

export const ctx: MailContext = {
  appUrl: "http://cts.test",
  organiser: { name: "CTS – SIAO 95", email: "cts@siao95.example" },
  secret: "a-test-secret-that-is-long-enough-0123456789",
};

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
let counter = 0;

/** A published edition 60 days after `now`, registration open, with a venue. */
export function createEdition(
  db: Db,
  now: Date,
  overrides: Partial<typeof editions.$inferInsert> = {},
): typeof editions.$inferSelect {
  counter++;
  const venue = db
    .insert(venues)
    .values({
      name: `Salle ${counter}`,
      address: "1 rue de l’Exemple",
      postcode: "95000",
      city: "Cergy",
      access: "RER A",
    })
    .returning()
    .get();
  const startsAt = new Date(now.getTime() + 60 * DAY);
  return db
    .insert(editions)
    .values({
      slug: `edition-${counter}`,
      title: `Édition ${counter}`,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 7 * 3_600_000),
      venueId: venue.id,
      capacity: 3,
      waitlistEnabled: true,
      registrationOpensAt: new Date(now.getTime() - DAY),
      registrationClosesAt: new Date(now.getTime() + 50 * DAY),
      status: "published",
      ...overrides,
    })
    .returning()
    .get();
}

export function person(n: number | string, overrides: Partial<RegistrationInput> = {}): RegistrationInput {
  return {
    firstName: `Prénom${n}`,
    lastName: `Nom${n}`,
    email: `personne${n}@example.org`,
    organisation: "Association d’exemple",
    role: "travailleuse sociale",
    structureType: "hebergement",
    accessNeeds: null,
    meal: true,
    ...overrides,
  };
}

/** Someone registered at the door: no address, no role, nothing asked about meals or access. */
export function walkIn(n: number | string): WalkInInput {
  return { ...person(n), email: null, role: null, accessNeeds: null, meal: false };
}

/**
 * A row with its content as sent, or as the worker will render it: tests read bodies either way.
 * Rendered on first read only, so that counting or filtering the outbox costs no rendering.
 */
export function withContent(row: typeof emails.$inferSelect): typeof emails.$inferSelect {
  let content: EmailContent | undefined;
  const read = () => (content ??= emailContent(row));
  return Object.defineProperties(
    { ...row },
    {
      html: { get: () => read().html, enumerable: true },
      text: { get: () => read().text, enumerable: true },
      ics: { get: () => (content ? content.ics : emailInvite(row))?.body ?? null, enumerable: true },
    },
  );
}

export function outbox(db: Db) {
  return db.select().from(emails).orderBy(asc(emails.id)).all().map(withContent);
}

export function emailsTo(db: Db, address: string) {
  return db.select().from(emails).where(eq(emails.toAddress, address)).orderBy(asc(emails.id)).all().map(withContent);
}

export type ParsedInvite = {
  method: string;
  uid: string;
  sequence: number;
  status: string;
  start: ICAL.Time;
  organizer: string;
  attendee: string;
  summary: string;
};

/** Reads an invite with ical.js, a parser we did not write. */
export function parseInvite(ics: string): ParsedInvite {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevent = calendar.getFirstSubcomponent("vevent");
  if (!vevent) throw new Error("no VEVENT");
  const event = new ICAL.Event(vevent);
  return {
    method: String(calendar.getFirstPropertyValue("method")),
    uid: event.uid,
    sequence: event.sequence,
    status: String(vevent.getFirstPropertyValue("status")),
    start: event.startDate,
    organizer: String(vevent.getFirstPropertyValue("organizer")),
    attendee: String(vevent.getFirstPropertyValue("attendee")),
    summary: event.summary,
  };
}

/** Wall-clock time of an instant in Paris, "YYYY-MM-DD HH:MM", computed by Intl, not by our code. */
export function parisWallClock(date: Date): string {
  const parts = new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Paris",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
  return parts;
}

/** An edition's registrations, in the order they were written. */
export function registrationsInOrder(db: Db, editionId: number) {
  return db
    .select()
    .from(registrations)
    .where(eq(registrations.editionId, editionId))
    .orderBy(asc(registrations.id))
    .all();
}
