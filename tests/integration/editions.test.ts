import { describe, expect, it } from "vitest";
import { editions } from "#db/schema.ts";
import {
  editionIsOver,
  getPublicEdition,
  listPublicEditions,
  nextEdition,
  registrationWindow,
} from "#app/domain/editions/editions.server.ts";
import type { EditionStatus } from "#app/domain/shared/vocabulary.ts";
import { tempDbAt } from "#tests/support/temp-db.ts";

const { db, now } = tempDbAt("2026-11-26T10:00:00Z");
const day = 86_400_000;

function edition(
  slug: string,
  status: EditionStatus,
  startsInDays: number,
  extra: Partial<typeof editions.$inferInsert> = {},
) {
  const startsAt = new Date(now.getTime() + startsInDays * day);
  return db
    .insert(editions)
    .values({
      slug,
      title: slug,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 7 * 3_600_000),
      capacity: 50,
      status,
      ...extra,
    })
    .returning()
    .get();
}

describe("what the public sees", () => {
  edition("brouillon", "draft", 30);
  edition("prochaine", "published", 60);
  edition("plus-tard", "published", 200);
  edition("annulee", "cancelled", 40);
  edition("ancienne", "held", -300);
  edition("archivee", "archived", -600);

  it("never shows a draft", () => {
    expect(getPublicEdition(db, "brouillon")).toBeNull();
    const { upcoming, past } = listPublicEditions(db, now);
    expect([...upcoming, ...past].map((e) => e.slug)).not.toContain("brouillon");
  });

  it("lists coming editions soonest first and past ones latest first", () => {
    const { upcoming, past } = listPublicEditions(db, now);
    expect(upcoming.map((e) => e.slug)).toEqual(["annulee", "prochaine", "plus-tard"]);
    expect(past.map((e) => e.slug)).toEqual(["ancienne", "archivee"]);
  });

  it("announces the next edition that is going ahead, skipping cancelled ones", () => {
    expect(nextEdition(db, now)?.slug).toBe("prochaine");
  });
});

describe("an edition that is over", () => {
  const endsAt = new Date(now.getTime() + day);
  it("is over once marked held or archived, or once its published day has ended", () => {
    expect(editionIsOver({ status: "published", endsAt }, now)).toBe(false);
    expect(editionIsOver({ status: "published", endsAt }, endsAt)).toBe(true);
    expect(editionIsOver({ status: "held", endsAt }, now)).toBe(true);
    expect(editionIsOver({ status: "archived", endsAt }, now)).toBe(true);
    expect(editionIsOver({ status: "cancelled", endsAt }, new Date(endsAt.getTime() + day))).toBe(false);
    expect(editionIsOver({ status: "draft", endsAt }, new Date(endsAt.getTime() + day))).toBe(false);
  });
});

describe("registration window", () => {
  const base: typeof editions.$inferSelect = {
    id: 1,
    slug: "fenetre",
    title: "Fenêtre",
    subtitle: null,
    summary: null,
    objectives: null,
    startsAt: new Date(now.getTime() + 60 * day),
    endsAt: new Date(now.getTime() + 60 * day + 7 * 3_600_000),
    dateIsIllustrative: false,
    venueId: null,
    capacity: 50,
    waitlistEnabled: true,
    registrationOpensAt: new Date(now.getTime() - day),
    registrationClosesAt: new Date(now.getTime() + 50 * day),
    contributionsOpensAt: null,
    contributionsClosesAt: null,
    status: "published",
    sequence: 0,
    signatoryName: null,
    signatoryRole: null,
    surveyClosesAt: null,
    createdAt: now,
    updatedAt: now,
  };

  it("is open between its dates", () => {
    expect(registrationWindow(base, now)).toEqual({ state: "open", closesAt: base.registrationClosesAt });
  });

  it("is not yet open before, and closed after", () => {
    expect(registrationWindow(base, new Date(now.getTime() - 2 * day)).state).toBe("not_yet_open");
    expect(registrationWindow(base, new Date(now.getTime() + 51 * day))).toEqual({
      state: "closed",
      reason: "window_over",
    });
  });

  it("is closed for a cancelled or unpublished edition, and when nothing is planned", () => {
    expect(registrationWindow({ ...base, status: "cancelled" }, now)).toEqual({ state: "closed", reason: "cancelled" });
    expect(registrationWindow({ ...base, status: "draft" }, now).state).toBe("closed");
    expect(registrationWindow({ ...base, registrationOpensAt: null, registrationClosesAt: null }, now)).toEqual({
      state: "closed",
      reason: "not_planned",
    });
  });
});
