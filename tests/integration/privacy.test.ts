import { tsxArgs } from "#tests/support/tsx.ts";
import { spawnSync } from "node:child_process";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, emails, registrations, surveyResponses } from "#db/schema.ts";
import { drainOutbox } from "#app/domain/shared/outbox.server.ts";
import {
  eraseRegistration,
  purgeExpiredPersonalData,
  registrationDataExport,
  structureTypeCounts,
} from "#app/domain/privacy/privacy.server.ts";
import { findRegistrationByToken, register } from "#app/domain/registrations/registrations.server.ts";
import { surveyResults } from "#app/domain/survey/results.server.ts";
import { findSurveyAnswer, saveSurveyResponse } from "#app/domain/survey/survey.server.ts";
import { mailboxTransport } from "#app/lib/mailer.server.ts";
import { pastEdition } from "#tests/support/after-the-day.ts";
import { createEdition, ctx, emailsTo, person } from "#tests/support/fixtures.ts";
import { tempDb } from "#tests/support/temp-db.ts";

const { db, dir, file } = tempDb();
const DAY = 86_400_000;
const actor = { userId: null };

function row(id: number) {
  return db.select().from(registrations).where(eq(registrations.id, id)).get()!;
}

describe("retention", () => {
  const then = new Date("2025-01-10T10:00:00Z");
  const old = createEdition(db, then, {
    startsAt: new Date(then.getTime() + 30 * DAY),
    endsAt: new Date(then.getTime() + 30 * DAY + 6 * 3_600_000),
  });
  const recent = createEdition(db, new Date("2026-10-01T10:00:00Z"));
  const oldPeople = [
    register(db, ctx, old.slug, person("ancien1", { structureType: "hebergement" }), then),
    register(db, ctx, old.slug, person("ancien2", { structureType: "collectivite" }), then),
  ];
  register(db, ctx, recent.slug, person("recent"), new Date("2026-10-01T10:00:00Z"));
  const now = new Date("2026-11-26T10:00:00Z");

  it("anonymises an edition's people once the retention time has passed, and keeps the statistics", async () => {
    const before = structureTypeCounts(db, old.id);
    await drainOutbox(db, mailboxTransport(`${dir}/mailbox`, "CTS <cts@siao95.example>", ctx.appUrl), () => now);
    expect(purgeExpiredPersonalData(db, { months: 12, now })).toMatchObject({
      editions: 1,
      registrations: 2,
      contributions: 0,
      corrections: 0,
    });
    for (const outcome of oldPeople) {
      if (!("registrationId" in outcome)) throw new Error("expected a registration");
      const erased = row(outcome.registrationId);
      expect(erased).toMatchObject({
        firstName: "(effacé)",
        lastName: "(effacé)",
        organisation: "(effacé)",
        role: null,
      });
      expect(erased.email).toMatch(/@anonyme\.invalid$/);
      expect(erased.anonymisedAt).not.toBeNull();
      expect(findRegistrationByToken(db, outcome.token)).toBeNull();
    }
    expect(structureTypeCounts(db, old.id)).toEqual(before);
    const leftovers = db.select().from(emails).where(eq(emails.editionId, old.id)).all();
    expect(leftovers.every((e) => !e.toAddress.includes("example.org") && e.html === "(effacé)")).toBe(true);
    expect(
      db.select().from(registrations).where(eq(registrations.email, "personnerecent@example.org")).all(),
    ).toHaveLength(1);
    expect(purgeExpiredPersonalData(db, { months: 12, now })).toMatchObject({ registrations: 0 });
  });

  it("runs as `npm run privacy:purge` with the configured retention", () => {
    const result = spawnSync(process.execPath, tsxArgs("app/cli/privacy-purge.ts"), {
      env: { ...process.env, DATABASE_PATH: file, RETENTION_MONTHS: "1", NODE_ENV: "test" },
      encoding: "utf8",
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Conservation 1\u00a0mois");
  });
});

describe("a person's own data", () => {
  const now = new Date("2026-11-26T10:00:00Z");
  const edition = createEdition(db, now, { capacity: 1 });
  const seated = register(db, ctx, edition.slug, person("moi", { accessNeeds: "fauteuil" }), now);
  const waiting = register(db, ctx, edition.slug, person("suivant"), now);
  if (!("registrationId" in seated) || !("registrationId" in waiting)) throw new Error("expected registrations");

  it("can be downloaded as JSON", () => {
    const data = registrationDataExport(db, seated.registrationId)!;
    expect(data.registration).toMatchObject({
      firstName: "Prénommoi",
      email: "personnemoi@example.org",
      accessNeeds: "fauteuil",
      status: "confirmed",
    });
    expect(data.emails.map((e) => e.subject)[0]).toContain("Inscription confirmée");
    // Certificates come once the edition is held (see certificates.test.ts); the key is always there.
    expect(data.certificates).toEqual([]);
    expect(JSON.stringify(data)).not.toContain("token");
  });

  it("can be erased: the seat goes to the next person, the calendar event is cancelled, nothing identifying stays", async () => {
    expect(eraseRegistration({ db, mail: ctx, actor, now }, seated.registrationId)).toBe(true);
    expect(row(waiting.registrationId).status).toBe("confirmed");
    const erased = row(seated.registrationId);
    expect(erased).toMatchObject({ status: "cancelled", firstName: "(effacé)", accessNeeds: null });
    // The cancellation still has to reach the person's calendar: it keeps the address until sent.
    const cancellation = emailsTo(db, "personnemoi@example.org").find((e) => e.kind === "registration.cancelled")!;
    expect(cancellation.icsMethod).toBe("CANCEL");
    await drainOutbox(db, mailboxTransport(`${dir}/mailbox`, "CTS <cts@siao95.example>", ctx.appUrl), () => now);
    purgeExpiredPersonalData(db, { months: 12, now });
    expect(emailsTo(db, "personnemoi@example.org")).toEqual([]);
    const entry = db.select().from(auditLog).where(eq(auditLog.action, "registration.erase")).get()!;
    expect(entry.entityId).toBe(seated.registrationId);
    expect(JSON.stringify(entry)).not.toMatch(/moi@|Prénommoi|fauteuil/);
    expect(eraseRegistration({ db, mail: ctx, actor, now }, seated.registrationId)).toBe(false);
  });
});

describe("after the day", () => {
  const now = new Date("2026-11-26T10:00:00Z");
  const day = pastEdition(db, now, { people: ["avis1", "avis2"], present: 2, overrides: { listedInNetwork: true } });
  const [mine, theirs] = day.attendees as [(typeof day.attendees)[0], (typeof day.attendees)[0]];
  const conference = day.sessionIds[1]!;

  it("the survey answer is part of the person's data", () => {
    day.markHeld();
    saveSurveyResponse(
      db,
      mine.registrationId,
      {
        overall: 4,
        scores: { [`s${conference}`]: "5" },
        keep: "Les échanges",
        change: null,
        themes: "Logement d’abord",
        comment: "Merci",
      },
      now,
    );
    saveSurveyResponse(
      db,
      theirs.registrationId,
      { overall: 2, scores: {}, keep: null, change: null, themes: null, comment: null },
      now,
    );
    const data = registrationDataExport(db, mine.registrationId)!;
    expect(data.registration.listedInNetwork).toBe(true);
    expect(data.survey).toMatchObject({
      overall: 4,
      sessionScores: [{ session: "Conférence 2", score: 5 }],
      keep: "Les échanges",
      themes: ["Logement d’abord"],
      comment: "Merci",
    });
    expect(registrationDataExport(db, theirs.registrationId)!.survey).toMatchObject({
      overall: 2,
      sessionScores: [],
      themes: [],
    });
  });

  it("erasing takes the person off the participants' list and detaches their answer: its scores stay in the results, its free texts go", () => {
    const before = surveyResults(db, day.edition.id);
    expect(JSON.stringify(before)).toContain("Les échanges");
    expect(eraseRegistration({ db, mail: ctx, actor, now }, mine.registrationId)).toBe(true);
    expect(row(mine.registrationId).listedInNetwork).toBe(false);
    const answers = db.select().from(surveyResponses).where(eq(surveyResponses.editionId, day.edition.id)).all();
    expect(answers.map((answer) => answer.registrationId).sort()).toEqual([null, theirs.registrationId].sort());
    expect(answers.find((answer) => answer.registrationId === null)).toMatchObject({
      overall: 4,
      keep: null,
      change: null,
      comment: null,
    });
    expect(findSurveyAnswer(db, mine.registrationId)).toBeNull();
    expect(registrationDataExport(db, mine.registrationId)!.survey).toBeNull();
    const after = surveyResults(db, day.edition.id);
    expect(after.overall).toEqual(before.overall);
    expect(after.sessions).toEqual(before.sessions);
    expect(after.themes).toEqual([]);
    expect(JSON.stringify(after)).not.toMatch(/Les échanges|Merci|Logement/);
  });

  it("the retention purge does the same", () => {
    purgeExpiredPersonalData(db, { months: 1, now: new Date("2027-06-01T10:00:00Z") });
    expect(row(theirs.registrationId).listedInNetwork).toBe(false);
    expect(
      db
        .select()
        .from(surveyResponses)
        .where(eq(surveyResponses.editionId, day.edition.id))
        .all()
        .map((a) => a.registrationId),
    ).toEqual([null, null]);
    expect(surveyResults(db, day.edition.id).responses).toBe(2);
  });
});
