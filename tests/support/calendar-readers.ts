import ICAL from "ical.js";
import nodeIcal from "node-ical";
import { convertIcsCalendar } from "ts-ics";

// Invites and feeds read back by parsers we did not write, each reduced to the same shape so
// that a test can ask whether they agree with each other and with what was meant.

export type ReadContact = { name: string | null; address: string };

export type ReadEvent = {
  uid: string;
  sequence: number;
  status: string | null;
  summary: string;
  description: string;
  location: string;
  url: string | null;
  start: number;
  end: number;
  organizer: ReadContact | null;
  attendees: ReadContact[];
};

export type ReadCalendar = {
  method: string | null;
  /** X-WR-CALNAME as the parser returns it: neither parser unescapes this non-standard property. */
  calName: string | null;
  events: ReadEvent[];
};

function text(value: unknown): string {
  return value === null || value === undefined ? "" : String(value);
}

/** ical.js (Mozilla's parser, used by Thunderbird). */
export function readWithIcalJs(ics: string): ReadCalendar {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const contact = (property: ICAL.Property): ReadContact => {
    const name = property.getParameter("cn");
    return { name: name === undefined ? null : String(name), address: String(property.getFirstValue()) };
  };
  return {
    method: calendar.hasProperty("method") ? String(calendar.getFirstPropertyValue("method")) : null,
    calName: calendar.hasProperty("x-wr-calname") ? String(calendar.getFirstPropertyValue("x-wr-calname")) : null,
    events: calendar.getAllSubcomponents("vevent").map((vevent) => {
      const organizer = vevent.getFirstProperty("organizer");
      const time = (name: string) => {
        const value = vevent.getFirstPropertyValue(name);
        return value instanceof ICAL.Time ? value.toJSDate().getTime() : Number.NaN;
      };
      return {
        uid: text(vevent.getFirstPropertyValue("uid")),
        sequence: Number(vevent.getFirstPropertyValue("sequence")),
        status: vevent.hasProperty("status") ? text(vevent.getFirstPropertyValue("status")) : null,
        summary: text(vevent.getFirstPropertyValue("summary")),
        description: text(vevent.getFirstPropertyValue("description")),
        location: text(vevent.getFirstPropertyValue("location")),
        url: vevent.hasProperty("url") ? text(vevent.getFirstPropertyValue("url")) : null,
        start: time("dtstart"),
        end: time("dtend"),
        organizer: organizer ? contact(organizer) : null,
        attendees: vevent.getAllProperties("attendee").map(contact),
      };
    }),
  };
}

/**
 * ts-ics, an independent TypeScript implementation. It strips "mailto:" from addresses; it is
 * put back so that both readers return the calendar address as written.
 */
export function readWithTsIcs(ics: string): ReadCalendar {
  const calendar = convertIcsCalendar(undefined, ics);
  const contact = (value: { name?: string; email: string }): ReadContact => ({
    name: value.name ?? null,
    address: value.email,
  });
  return {
    method: calendar.method ?? null,
    calName: calendar.name ?? null,
    events: (calendar.events ?? []).map((event) => ({
      uid: event.uid,
      // ts-ics skips a SEQUENCE of 0 (a falsy value); 0 is also RFC 5545's default.
      sequence: event.sequence ?? 0,
      status: event.status ?? null,
      summary: event.summary ?? "",
      description: event.description ?? "",
      location: event.location ?? "",
      url: event.url ?? null,
      start: event.start.date.getTime(),
      end: "end" in event && event.end ? event.end.date.getTime() : Number.NaN,
      organizer: event.organizer ? contact(event.organizer) : null,
      attendees: (event.attendees ?? []).map(contact),
    })),
  };
}

/** The address without its scheme, as ts-ics gives it; the scheme's case varies between writers. */
export function bareAddress(address: string): string {
  return address.replace(/^mailto:/i, "");
}

/** ical.js's view of every property name, per component, in order: what a test compares to catch injected lines. */
export function propertyNamesWithIcalJs(ics: string): {
  calendar: string[];
  components: Array<{ name: string; properties: string[] }>;
} {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return {
    calendar: calendar.getAllProperties().map((p) => p.name),
    components: calendar.getAllSubcomponents().map((c) => ({
      name: c.name,
      properties: c.getAllProperties().map((p) => p.name),
      // Nested components (an injected VALARM) show up as a component of their own.
      ...(c.getAllSubcomponents().length > 0 ? { nested: c.getAllSubcomponents().map((n) => n.name) } : {}),
    })),
  };
}

export type SloppyRead = {
  method: unknown;
  events: Array<{ uid: unknown; sequence: unknown; keys: string[]; organizer: string | null; attendees: string[] }>;
  others: string[];
};

/**
 * node-ical, a lenient parser of the kind many tools embed: it splits parameters on every `;`,
 * drops the quotes of a whole line that mentions TZID=, and mis-reads some escaped text, so it
 * only serves to check the structure an attacker would aim at: which addresses, which
 * properties, which components.
 */
export function readWithNodeIcal(ics: string): SloppyRead {
  const parsed = nodeIcal.sync.parseICS(ics) as Record<string, unknown>;
  const events: SloppyRead["events"] = [];
  const others: string[] = [];
  const address = (value: unknown): string =>
    typeof value === "object" && value !== null && "val" in value
      ? String((value as { val: unknown }).val)
      : String(value);
  for (const [key, value] of Object.entries(parsed)) {
    if (key === "vcalendar") continue;
    const component = value as Record<string, unknown>;
    if (component.type !== "VEVENT") {
      others.push(String(component.type));
      continue;
    }
    const attendee = component.attendee;
    events.push({
      uid: component.uid,
      sequence: component.sequence,
      keys: Object.keys(component).sort(),
      organizer: component.organizer === undefined ? null : address(component.organizer),
      attendees: attendee === undefined ? [] : (Array.isArray(attendee) ? attendee : [attendee]).map(address),
    });
  }
  const vcalendar = (parsed.vcalendar ?? {}) as Record<string, unknown>;
  return { method: vcalendar.method, events, others };
}
