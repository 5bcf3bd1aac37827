import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { editionFeed, upcomingEditionsFeed } from "#app/domain/editions/calendar-feed.server.ts";
import { cancelEdition } from "#app/domain/edition-changes/edition-changes.server.ts";
import {
  propertyNamesWithIcalJs,
  readWithIcalJs,
  readWithNodeIcal,
  readWithTsIcs,
} from "#tests/support/calendar-readers.ts";
import { createEdition, ctx } from "#tests/support/fixtures.ts";
import { tempDbAt } from "#tests/support/temp-db.ts";

const { db, now } = tempDbAt("2027-01-10T10:00:00Z");

function events(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return {
    method: calendar.getFirstPropertyValue("method"),
    events: calendar.getAllSubcomponents("vevent").map((v) => ({
      uid: String(v.getFirstPropertyValue("uid")),
      summary: String(v.getFirstPropertyValue("summary")),
      status: String(v.getFirstPropertyValue("status")),
      sequence: Number(v.getFirstPropertyValue("sequence")),
    })),
  };
}

describe("calendar feeds", () => {
  const coming = createEdition(db, now, { title: "À venir" });
  createEdition(db, now, { title: "Brouillon", status: "draft" });
  createEdition(db, new Date(now.getTime() - 400 * 86_400_000), { title: "Passée", status: "held" });

  it("lists every published edition still to come, as PUBLISH, parsable by ical.js", () => {
    const feed = events(upcomingEditionsFeed(db, ctx.appUrl, now));
    expect(feed.method).toBe("PUBLISH");
    expect(feed.events.map((e) => e.summary)).toEqual(["CTS SIAO 95 — À venir"]);
    expect(feed.events[0]!.uid).toBe(`cts-edition-${coming.id}@cts.test`);
  });

  it("is still a valid calendar when nothing is planned", () => {
    const feed = events(upcomingEditionsFeed(db, ctx.appUrl, new Date(now.getTime() + 1000 * 86_400_000)));
    expect(feed.events).toEqual([]);
  });

  it("gives one edition, hides drafts, and marks a cancelled edition with a higher sequence", () => {
    expect(editionFeed(db, ctx.appUrl, "n-existe-pas")).toBeNull();
    const before = events(editionFeed(db, ctx.appUrl, coming.slug)!).events[0]!;
    cancelEdition({ db, mail: ctx, actor: { userId: null }, now }, coming.id);
    const after = events(editionFeed(db, ctx.appUrl, coming.slug)!).events[0]!;
    expect(after.status).toBe("CANCELLED");
    expect(after.uid).toBe(before.uid);
    expect(after.sequence).toBeGreaterThan(before.sequence);
  });

  it("keeps an older summary's lone carriage returns inside DESCRIPTION, injecting nothing", () => {
    const edition = createEdition(db, now, {
      title: 'Titre "entre guillemets"; suite',
      summary: "Résumé\rX-EVIL:1\rATTENDEE:mailto:evil@evil.example\rEND:VEVENT",
    });
    for (const ics of [editionFeed(db, ctx.appUrl, edition.slug)!, upcomingEditionsFeed(db, ctx.appUrl, now)]) {
      for (const calendar of [readWithIcalJs(ics), readWithTsIcs(ics)]) {
        const event = calendar.events.find((e) => e.uid === `cts-edition-${edition.id}@cts.test`)!;
        expect(event.summary).toBe('CTS SIAO 95 — Titre "entre guillemets"; suite');
        expect(event.description).toContain("Résumé\nX-EVIL:1\nATTENDEE:mailto:evil@evil.example\nEND:VEVENT");
        expect(event.attendees).toEqual([]);
      }
      for (const component of propertyNamesWithIcalJs(ics).components) {
        expect(component.properties).not.toContain("x-evil");
        expect(component.properties).not.toContain("attendee");
      }
      expect(readWithNodeIcal(ics).events.every((e) => e.attendees.length === 0)).toBe(true);
    }
  });
});
