import { and, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { emails } from "#db/schema.ts";
import { openDatabase } from "#app/lib/db.server.ts";
import { scheduleReminders } from "#app/domain/registrations/reminders.server.ts";
import { cancelRegistration, register } from "#app/domain/registrations/registrations.server.ts";
import { createEdition, ctx, person, withContent } from "#tests/support/fixtures.ts";
import { tempDb } from "#tests/support/temp-db.ts";

const { db, file } = tempDb();
const DAY = 86_400_000;

function reminders(editionId: number, days: 7 | 1) {
  return db
    .select()
    .from(emails)
    .where(and(eq(emails.editionId, editionId), like(emails.kind, `reminder.${days}d`)))
    .all()
    .map(withContent);
}

describe("reminders", () => {
  const t0 = new Date("2027-01-10T10:00:00Z");
  const edition = createEdition(db, t0, {
    startsAt: new Date(t0.getTime() + 30 * DAY),
    endsAt: new Date(t0.getTime() + 30 * DAY + 6 * 3_600_000),
  });
  const early = [1, 2, 3].map((n) => register(db, ctx, edition.slug, person(`rappel${n}`), t0));

  it("sends nothing before the week before", () => {
    expect(scheduleReminders(db, ctx, new Date(edition.startsAt.getTime() - 8 * DAY))).toBe(0);
    expect(reminders(edition.id, 7)).toHaveLength(0);
  });

  it("sends the 7-day reminder once to each confirmed person, whatever happens", () => {
    const weekBefore = new Date(edition.startsAt.getTime() - 7 * DAY + 3_600_000);
    // Someone who registers inside the last week has just had their confirmation: no 7-day reminder.
    register(db, ctx, edition.slug, person("tardif"), weekBefore);
    // One person cancels: no reminder for them.
    const cancelled = early[2]!;
    if (!("registrationId" in cancelled)) throw new Error("expected a registration");
    cancelRegistration({ db, mail: ctx, actor: { userId: null }, now: weekBefore }, cancelled.registrationId);

    expect(scheduleReminders(db, ctx, weekBefore)).toBe(2);
    // The app restarts and runs again; a second worker on its own connection runs too.
    expect(scheduleReminders(db, ctx, new Date(weekBefore.getTime() + 60_000))).toBe(0);
    const otherWorker = openDatabase(file, { migrate: false });
    expect(scheduleReminders(otherWorker, ctx, new Date(weekBefore.getTime() + 120_000))).toBe(0);
    otherWorker.$client.close();

    const sent = reminders(edition.id, 7);
    expect(sent.map((e) => e.toAddress).sort()).toEqual(["personnerappel1@example.org", "personnerappel2@example.org"]);
    expect(sent[0]!.subject).toContain("dans une semaine");
    expect(sent[0]!.text).toContain("/inscription/");
  });

  it("sends the 1-day reminder once to everyone confirmed, late registrants included", () => {
    const dayBefore = new Date(edition.startsAt.getTime() - DAY + 60_000);
    expect(scheduleReminders(db, ctx, dayBefore)).toBe(3);
    expect(scheduleReminders(db, ctx, new Date(dayBefore.getTime() + 3_600_000))).toBe(0);
    const sent = reminders(edition.id, 1);
    expect(sent.map((e) => e.toAddress).sort()).toEqual([
      "personnerappel1@example.org",
      "personnerappel2@example.org",
      "personnetardif@example.org",
    ]);
    expect(sent[0]!.subject).toContain("demain");
    expect(reminders(edition.id, 7)).toHaveLength(2);
  });

  it("sends nothing once the edition has started", () => {
    expect(scheduleReminders(db, ctx, new Date(edition.startsAt.getTime() + 60_000))).toBe(0);
  });
});
