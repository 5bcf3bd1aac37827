import { createEvent, createEvents, type EventAttributes } from "ics";

export type InviteMethod = "REQUEST" | "CANCEL";

export type CalendarEvent = {
  uid: string;
  sequence: number;
  title: string;
  description: string;
  location: string | null;
  startsAt: Date;
  endsAt: Date;
  url: string;
  cancelled?: boolean;
};

export type Party = { name: string; email: string };

const PRODUCT_ID = "-//SIAO 95//CTS platform//FR";

function baseAttributes(event: CalendarEvent): EventAttributes {
  return {
    uid: event.uid,
    sequence: event.sequence,
    title: event.title,
    description: event.description,
    ...(event.location ? { location: event.location } : {}),
    url: event.url,
    // Instants are written in UTC: every calendar converts them to the reader's zone, Paris included.
    start: event.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: event.endsAt.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    status: event.cancelled ? "CANCELLED" : "CONFIRMED",
    busyStatus: "BUSY",
    productId: PRODUCT_ID,
  };
}

/**
 * A meeting invite for one person: REQUEST adds or moves the event in their calendar, CANCEL
 * removes it. Same UID every time; a higher SEQUENCE makes the newest one win.
 */
export function buildInvite(event: CalendarEvent, method: InviteMethod, organiser: Party, attendee: Party): string {
  const { error, value } = createEvent({
    ...baseAttributes({ ...event, cancelled: method === "CANCEL" || event.cancelled }),
    method,
    organizer: { name: organiser.name, email: organiser.email },
    attendees: [
      {
        name: attendee.name,
        email: attendee.email,
        rsvp: false,
        partstat: "ACCEPTED",
        role: "REQ-PARTICIPANT",
        cutype: "INDIVIDUAL",
      },
    ],
  });
  if (error || !value) throw error ?? new Error("ics produced nothing");
  return value;
}

/** A subscribable feed (METHOD:PUBLISH) of public events. */
export function buildFeed(events: CalendarEvent[], calName: string): string {
  if (events.length === 0) {
    // `ics` refuses an empty list; an empty calendar is still a valid subscription.
    return [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      `PRODID:${PRODUCT_ID}`,
      "METHOD:PUBLISH",
      "CALSCALE:GREGORIAN",
      `X-WR-CALNAME:${calName}`,
      "END:VCALENDAR",
      "",
    ].join("\r\n");
  }
  const { error, value } = createEvents(
    events.map((event) => baseAttributes(event)),
    { productId: PRODUCT_ID, method: "PUBLISH", calName },
  );
  if (error || !value) throw error ?? new Error("ics produced nothing");
  return value;
}

/** Parses "Name <address>" (or a bare address), as MAIL_FROM is written. */
export function parseMailbox(value: string): Party {
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(value);
  if (match) return { name: match[1]!.replace(/^"|"$/g, "") || match[2]!, email: match[2]! };
  return { name: value.trim(), email: value.trim() };
}
