import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildFeed, buildInvite, type CalendarEvent, type InviteMethod, type Party } from "#app/lib/calendar.server.ts";
import {
  bareAddress,
  propertyNamesWithIcalJs,
  readWithIcalJs,
  readWithNodeIcal,
  readWithTsIcs,
  type ReadCalendar,
} from "#tests/support/calendar-readers.ts";

// Invites and feeds built from hostile text, read back by independent parsers. The expected
// values follow the normalisation of docs/decisions/014-calendar-text.md, written again here
// from its text rather than imported, so that a change to the code has to agree with it.

const RUNS = { invite: 200, feed: 100 };
/** Each property takes a few seconds; a loaded machine gets room. */
const PROPERTY_TIMEOUT = 120_000;

/** Text values (SUMMARY, DESCRIPTION, LOCATION): what a reader gets back from what we were given. */
function expectedText(value: string): string {
  return value
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd")
    .replace(/\r\n|[\r\v\f\u0085\u2028\u2029]/g, "\n")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "");
}

/** The CN parameter: one line, no DQUOTE, none of the characters parsers disagree on in a parameter; the address when empty. */
function expectedName(value: string, address: string): string {
  const clean = (text: string) =>
    expectedText(text)
      .replace(/"/g, "'")
      .replace(/[\t\n ;:\\^]+/g, " ")
      .replace(/^ | $/g, "");
  return clean(value) || clean(address);
}

/** RFC 5545 TEXT escaping, for X-WR-CALNAME, which no parser here unescapes. */
function escapedText(value: string): string {
  return value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\n/g, "\\n");
}

const DANGEROUS = [
  '"',
  ";",
  ",",
  ":",
  "\\",
  "\r",
  "\n",
  "\r\n",
  "\t",
  " ",
  "^",
  "^'",
  "^n",
  "^^",
  "'",
  "=",
  "\\n",
  "\\,",
  "\\;",
  "mailto:evil@evil.example",
  '":mailto:evil@evil.example;X="',
  "\r\nATTENDEE:mailto:evil@evil.example",
  "\rX-EVIL:1\r",
  "\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil",
  "\rBEGIN:VALARM\rACTION:DISPLAY\rEND:VALARM\r",
  "TZID=",
  '"(',
  "\u200f",
  "\u202e",
  "\u2028",
  "\u2029",
  "\u0085",
  "\u000b",
  "\u000c",
  "\u0000",
  "\u001b",
  "\u007f",
  "\u009b",
  "\ufeff",
  "\u00a0",
  "é",
  "e\u0301",
  "😀",
  "👨‍👩‍👧‍👦",
  "🇫🇷",
  "\ud800",
  "\udfff",
  "𝄞",
];

const unit = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...DANGEROUS) },
  { weight: 3, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)) },
);
/** Short hostile strings, and long ones that span many folded lines. */
const hostile = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit, maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit, minLength: 150, maxLength: 500 }) },
);

const MINUTE = 60_000;
const BASE = Date.UTC(2027, 0, 1);

const eventArb = fc.record({
  id: fc.nat({ max: 1_000_000 }),
  sequence: fc.nat({ max: 10_000 }),
  title: hostile,
  description: hostile,
  location: fc.option(hostile, { nil: null }),
  startMinute: fc.nat({ max: 3 * 365 * 24 * 60 }),
  durationMinutes: fc.integer({ min: 1, max: 24 * 60 }),
  cancelled: fc.boolean(),
});

type EventInput = typeof eventArb extends fc.Arbitrary<infer T> ? T : never;

function toEvent(input: EventInput): CalendarEvent {
  const startsAt = new Date(BASE + input.startMinute * MINUTE);
  return {
    uid: `cts-registration-${input.id}@cts.test`,
    sequence: input.sequence,
    title: input.title,
    description: input.description,
    location: input.location,
    startsAt,
    endsAt: new Date(startsAt.getTime() + input.durationMinutes * MINUTE),
    url: `http://cts.test/editions/edition-${input.id}`,
    cancelled: input.cancelled,
  };
}

const party = fc.record({ name: hostile, email: fc.emailAddress() });

/** Line structure: CRLF only, lines of at most 75 octets, each one valid UTF-8 on its own. */
function expectWellFolded(ics: string): void {
  expect(ics).not.toMatch(/\r(?!\n)|(?<!\r)\n/);
  const bytes = Buffer.from(ics, "utf8");
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let start = 0;
  for (let i = 0; i < bytes.length - 1; i++) {
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
      const line = bytes.subarray(start, i);
      expect(line.length).toBeLessThanOrEqual(75);
      expect(() => decoder.decode(line)).not.toThrow();
      start = i + 2;
    }
  }
  expect(start).toBe(bytes.length);
}

/** Both parsers, with addresses reduced to what both report. */
function readBoth(ics: string): { icalJs: ReadCalendar; agreed: ReadCalendar } {
  const bare = (calendar: ReadCalendar): ReadCalendar => ({
    ...calendar,
    events: calendar.events.map((event) => ({
      ...event,
      organizer: event.organizer ? { ...event.organizer, address: bareAddress(event.organizer.address) } : null,
      attendees: event.attendees.map((a) => ({ ...a, address: bareAddress(a.address) })),
    })),
  });
  const icalJs = readWithIcalJs(ics);
  const agreed = bare(icalJs);
  expect(bare(readWithTsIcs(ics))).toEqual(agreed);
  return { icalJs, agreed };
}

function expectedEventProperties(event: CalendarEvent, withParties: boolean): string[] {
  return [
    "uid",
    "dtstamp",
    "dtstart",
    "dtend",
    "sequence",
    "url",
    "status",
    "x-microsoft-cdo-busystatus",
    ...(expectedText(event.title) ? ["summary"] : []),
    ...(expectedText(event.description) ? ["description"] : []),
    ...(event.location && expectedText(event.location) ? ["location"] : []),
    ...(withParties ? ["organizer", "attendee"] : []),
  ].sort();
}

function expectEvent(read: ReadCalendar["events"][number], event: CalendarEvent, status: string): void {
  expect(read).toMatchObject({
    uid: event.uid,
    sequence: event.sequence,
    status,
    summary: expectedText(event.title),
    description: expectedText(event.description),
    location: expectedText(event.location ?? ""),
    url: event.url,
    start: event.startsAt.getTime(),
    end: event.endsAt.getTime(),
  });
}

const NODE_ICAL_EVENT_KEYS = new Set([
  "type",
  "params",
  "uid",
  "summary",
  "dtstamp",
  "start",
  "datetype",
  "end",
  "sequence",
  "description",
  "url",
  "location",
  "status",
  "organizer",
  "MICROSOFT-CDO-BUSYSTATUS",
  "attendee",
  "method",
]);

function checkInvite(input: EventInput, method: InviteMethod, organiser: Party, attendee: Party): void {
  const event = toEvent(input);
  const ics = buildInvite(event, method, organiser, attendee);
  expectWellFolded(ics);

  const { icalJs, agreed } = readBoth(ics);
  expect(agreed.method).toBe(method);
  expect(agreed.events).toHaveLength(1);
  const read = agreed.events[0]!;
  expectEvent(read, event, method === "CANCEL" || event.cancelled ? "CANCELLED" : "CONFIRMED");
  expect(read.organizer).toEqual({ name: expectedName(organiser.name, organiser.email), address: organiser.email });
  expect(read.attendees).toEqual([{ name: expectedName(attendee.name, attendee.email), address: attendee.email }]);
  expect(icalJs.events[0]!.attendees[0]!.address).toBe(`mailto:${attendee.email}`);
  expect(icalJs.events[0]!.organizer!.address).toBe(`MAILTO:${organiser.email}`);

  const names = propertyNamesWithIcalJs(ics);
  expect(names.calendar.sort()).toEqual(["calscale", "method", "prodid", "version", "x-published-ttl"]);
  expect(names.components).toHaveLength(1);
  expect(names.components[0]!.name).toBe("vevent");
  expect(names.components[0]).not.toHaveProperty("nested");
  expect(names.components[0]!.properties.sort()).toEqual(expectedEventProperties(event, true));

  const sloppy = readWithNodeIcal(ics);
  expect(sloppy.method).toBe(method);
  expect(sloppy.others).toEqual([]);
  expect(sloppy.events).toHaveLength(1);
  const [loose] = sloppy.events;
  expect(loose).toMatchObject({
    uid: event.uid,
    sequence: event.sequence,
    organizer: `MAILTO:${organiser.email}`,
    attendees: [`mailto:${attendee.email}`],
  });
  expect(loose!.keys.filter((key) => !NODE_ICAL_EVENT_KEYS.has(key))).toEqual([]);
}

const ORGANISER: Party = { name: "CTS – SIAO 95", email: "cts@siao95.example" };

/** What the attacker of issue 15 sent, and what has bitten calendar writers before. */
const KNOWN_ATTACKS = [
  'x":mailto:evil@evil.example;X="y',
  "Dupont\r\nATTENDEE;CN=Evil:mailto:evil@evil.example",
  "Résumé\rX-EVIL:1\rATTENDEE:mailto:evil@evil.example",
  "a\nEND:VEVENT\nBEGIN:VEVENT\nUID:other\nSUMMARY:injected",
  'O"Brien ^\' ^n ^^ \\";',
  `${"é".repeat(40)}${"😀".repeat(40)}${"👨‍👩‍👧‍👦".repeat(10)}`,
  "C:\\new\\Note, fin; suite",
  '"entièrement entre guillemets"',
];

function exampleEvent(text: string): EventInput {
  return {
    id: 42,
    sequence: 3,
    title: text,
    description: text,
    location: text,
    startMinute: 600,
    durationMinutes: 420,
    cancelled: false,
  };
}

describe("invites built from hostile text", () => {
  it.each([
    {
      title: "read the same in ical.js and ts-ics: one attendee, the intended one, and the text given (REQUEST)",
      method: "REQUEST" as const,
      parties: (text: string) => [ORGANISER, { name: `Jeanne ${text}`, email: "jeanne@example.org" }],
    },
    {
      title: "hold for METHOD:CANCEL too",
      method: "CANCEL" as const,
      parties: (text: string) => [
        { name: text, email: "cts@siao95.example" },
        { name: text, email: "a@example.org" },
      ],
    },
  ])(
    "$title",
    ({ method, parties }) => {
      fc.assert(
        fc.property(eventArb, party, party, (input, organiser, attendee) =>
          checkInvite(input, method, organiser, attendee),
        ),
        { numRuns: RUNS.invite, examples: KNOWN_ATTACKS.map((text) => [exampleEvent(text), ...parties(text)]) },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it("keep the attacker's last name inside CN, with the address of the person registered", () => {
    const ics = buildInvite(toEvent(exampleEvent("Titre")), "REQUEST", ORGANISER, {
      name: 'Jeanne x":mailto:evil@evil.example;X="y',
      email: "jeanne@example.org",
    });
    expect(ics).not.toContain("evil@evil.example;X=");
    for (const calendar of [readWithIcalJs(ics), readWithTsIcs(ics)]) {
      expect(calendar.events[0]!.attendees).toEqual([
        {
          name: "Jeanne x' mailto evil@evil.example X='y",
          address: expect.stringMatching(/^(mailto:)?jeanne@example\.org$/),
        },
      ]);
    }
    expect(readWithNodeIcal(ics).events[0]!.attendees).toEqual(["mailto:jeanne@example.org"]);
  });

  it("refuses an address that could break the line, instead of writing it", () => {
    for (const email of [
      "a@b.example\r\nX-EVIL:1",
      "a b@example.org",
      '"a"@example.org',
      "a@example.org:mailto:evil@evil.example",
    ]) {
      expect(() => buildInvite(toEvent(exampleEvent("x")), "REQUEST", ORGANISER, { name: "A", email })).toThrow();
    }
  });
});

describe("feeds built from hostile text", () => {
  const events = fc.uniqueArray(eventArb, { minLength: 0, maxLength: 5, selector: (event) => event.id });

  it(
    "list every event once, with its text, and nothing else",
    () => {
      fc.assert(
        fc.property(events, hostile, (inputs, calName) => {
          const list = inputs.map(toEvent);
          const ics = buildFeed(list, calName);
          expectWellFolded(ics);

          const { agreed } = readBoth(ics);
          expect(agreed.method).toBe("PUBLISH");
          expect(agreed.calName).toBe(escapedText(expectedText(calName)) || null);
          expect(agreed.events).toHaveLength(list.length);
          list.forEach((event, index) => {
            const read = agreed.events[index]!;
            expectEvent(read, event, event.cancelled ? "CANCELLED" : "CONFIRMED");
            expect(read.organizer).toBeNull();
            expect(read.attendees).toEqual([]);
          });

          const names = propertyNamesWithIcalJs(ics);
          expect(names.calendar.filter((name) => name !== "x-published-ttl").sort()).toEqual([
            "calscale",
            "method",
            "prodid",
            "version",
            ...(expectedText(calName) ? ["x-wr-calname"] : []),
          ]);
          expect(names.components.map((c) => c.name)).toEqual(list.map(() => "vevent"));
          names.components.forEach((component, index) => {
            expect(component).not.toHaveProperty("nested");
            expect(component.properties.sort()).toEqual(expectedEventProperties(list[index]!, false));
          });

          const sloppy = readWithNodeIcal(ics);
          expect(sloppy.method).toBe("PUBLISH");
          expect(sloppy.others).toEqual([]);
          expect(sloppy.events.map((e) => e.uid).sort()).toEqual(list.map((e) => e.uid).sort());
          for (const loose of sloppy.events) {
            expect(loose.attendees).toEqual([]);
            expect(loose.organizer).toBeNull();
            expect(loose.keys.filter((key) => !NODE_ICAL_EVENT_KEYS.has(key))).toEqual([]);
          }
        }),
        {
          numRuns: RUNS.feed,
          examples: KNOWN_ATTACKS.map((text) => [
            [exampleEvent(text), { ...exampleEvent(`2 ${text}`), id: 43 }],
            `CTS — ${text}`,
          ]),
        },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it("keep a lone carriage return of an edition's summary inside DESCRIPTION", () => {
    const event = toEvent(exampleEvent("CTS SIAO 95 — Édition"));
    event.description = "Résumé\rX-EVIL:1\rATTENDEE:mailto:evil@evil.example\r\nProgramme : http://cts.test/editions/x";
    const ics = buildFeed([event], "CTS SIAO 95");
    for (const calendar of [readWithIcalJs(ics), readWithTsIcs(ics)]) {
      expect(calendar.events[0]!.description).toBe(
        "Résumé\nX-EVIL:1\nATTENDEE:mailto:evil@evil.example\nProgramme : http://cts.test/editions/x",
      );
      expect(calendar.events[0]!.attendees).toEqual([]);
    }
    expect(propertyNamesWithIcalJs(ics).components[0]!.properties).not.toContain("x-evil");
  });
});
