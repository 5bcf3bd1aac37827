import { createEvent, createEvents, type EventAttributes } from "ics";

// Every invite and feed is written here. `ics` lays out the properties and escapes TEXT, but it
// trusts its input: it leaves a lone CR in text, writes a DQUOTE in a parameter as `\"` (which
// RFC 5545 does not allow, so parsers end the parameter there) and folds lines by characters,
// not octets. So what reaches it is made safe first, and its output is folded again. Why this
// normalisation: docs/decisions/014-calendar-text.md.

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

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** Unicode's mandatory line breaks (UAX #14): each is a line break to a reader, so each becomes LF. */
const LINE_BREAK = /\r\n|[\r\v\f\u0085\u2028\u2029]/g;
/** Control characters left once line breaks are LF and tabs kept: RFC 5545 TEXT has no room for them. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Text as a calendar can carry it: LF for every line break, no other control character but the
 * tab, and no unpaired surrogate (which has no UTF-8 form). `ics` then escapes `\ ; ,` and LF.
 */
export function calendarText(value: string): string {
  return value.replace(LONE_SURROGATE, "\ufffd").replace(LINE_BREAK, "\n").replace(CONTROL, "");
}

/**
 * A display name for a CN parameter. A quoted parameter cannot hold DQUOTE at all, and parsers
 * read `;` `:` `\` `^` inside one differently (some split on `;` or on the first `:`, some apply
 * RFC 6868's `^` escapes, some unescape `\`): the name is only shown, so those become an
 * apostrophe or a space rather than something each client decodes its own way.
 */
export function calendarName(value: string, fallback: string): string {
  const clean = (text: string) =>
    calendarText(text)
      .replace(/"/g, "'")
      .replace(/[\t\n ;:\\^]+/g, " ")
      .replace(/^ | $/g, "");
  // An address may hold `^` too.
  return clean(value) || clean(fallback);
}

/** X-WR-CALNAME is not escaped by `ics`. */
function escapedText(value: string): string {
  return calendarText(value)
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, "\\n");
}

/**
 * The syntax of an address in an HTML email field (what `ics` itself checks): nothing in it can
 * end a line, a parameter or a value. Addresses are validated when typed; one that is not
 * valid here is a bug, and no invite is better than a forged one.
 */
const ADDRESS =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

function address(value: string): string {
  if (!ADDRESS.test(value)) throw new Error(`Not an address a calendar invite can carry: ${JSON.stringify(value)}`);
  return value;
}

/** UIDs and URLs come from our own code; anything but visible ASCII there is a bug, not text. */
function token(value: string, what: string): string {
  if (!/^[\x21-\x7e]+$/.test(value))
    throw new Error(`Unexpected characters in the ${what} of an invite: ${JSON.stringify(value)}`);
  return value;
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * Where a component marker (BEGIN: or END:) appears inside a line, as text, a fold goes through
 * it: parsers that find components by searching the raw text (ts-ics does) would otherwise
 * take an edition title like « END:VEVENT » for the end of the event. Folding is invisible to
 * the others.
 */
function markerFolds(line: string): Set<number> {
  // Parameters written here never hold a colon (CN loses its own), so the value starts after the first.
  const valueStart = line.indexOf(":") + 1;
  const folds = new Set<number>();
  for (const match of line.slice(valueStart).matchAll(/(?:BEGIN|END):/gi)) folds.add(valueStart + match.index + 1);
  return folds;
}

/** RFC 5545 §3.1: at most 75 octets a line, cut between characters so no UTF-8 sequence is split. */
function foldLine(line: string): string {
  const folds = markerFolds(line);
  const parts: string[] = [];
  let part = "";
  let octets = 0;
  let limit = 75;
  let index = 0;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0)!);
    if (octets + size > limit || (folds.has(index) && part)) {
      parts.push(part);
      part = "";
      octets = 0;
      limit = 74; // the leading space of a continuation line counts
    }
    part += char;
    octets += size;
    index += char.length;
  }
  parts.push(part);
  return parts.join("\r\n ");
}

/**
 * `ics` folds every 75 characters with CRLF + tab; once its input holds no CR or LF, CRLF
 * followed by a space or tab can only be such a fold, so unfolding is exact.
 */
function refold(ics: string): string {
  return ics
    .replace(/\r\n[\t ]/g, "")
    .split("\r\n")
    .map(foldLine)
    .join("\r\n");
}

function baseAttributes(event: CalendarEvent): EventAttributes {
  const location = event.location === null ? "" : calendarText(event.location);
  return {
    uid: token(event.uid, "UID"),
    sequence: event.sequence,
    title: calendarText(event.title),
    description: calendarText(event.description),
    ...(location ? { location } : {}),
    url: token(event.url, "URL"),
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
    organizer: { name: calendarName(organiser.name, organiser.email), email: address(organiser.email) },
    attendees: [
      {
        name: calendarName(attendee.name, attendee.email),
        email: address(attendee.email),
        rsvp: false,
        partstat: "ACCEPTED",
        role: "REQ-PARTICIPANT",
        cutype: "INDIVIDUAL",
      },
    ],
  });
  if (error || !value) throw error ?? new Error("ics produced nothing");
  return refold(value);
}

/** A subscribable feed (METHOD:PUBLISH) of public events. */
export function buildFeed(events: CalendarEvent[], calName: string): string {
  if (events.length === 0) {
    // `ics` refuses an empty list; an empty calendar is still a valid subscription.
    return refold(
      [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        `PRODID:${PRODUCT_ID}`,
        "METHOD:PUBLISH",
        "CALSCALE:GREGORIAN",
        ...(escapedText(calName) ? [`X-WR-CALNAME:${escapedText(calName)}`] : []),
        "END:VCALENDAR",
        "",
      ].join("\r\n"),
    );
  }
  const { error, value } = createEvents(
    events.map((event) => baseAttributes(event)),
    { productId: PRODUCT_ID, method: "PUBLISH", calName: escapedText(calName) },
  );
  if (error || !value) throw error ?? new Error("ics produced nothing");
  return refold(value);
}

/** Parses "Name <address>" (or a bare address), as MAIL_FROM is written. */
export function parseMailbox(value: string): Party {
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(value);
  if (match) return { name: match[1]!.replace(/^"|"$/g, "") || match[2]!, email: match[2]! };
  return { name: value.trim(), email: value.trim() };
}
