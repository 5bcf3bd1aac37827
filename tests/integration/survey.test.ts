import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appDatabase } from "#tests/support/app-db.ts";

// The admin route reads the app's own connection: point it at this file's database first.
const { db } = await appDatabase("survey");

const schema = await import("#db/schema.ts");
const survey = await import("#app/domain/survey/survey.server.ts");
const results = await import("#app/domain/survey/results.server.ts");
const { SurveyResultsView } = await import("#app/components/survey-results.tsx");
const { findRegistrationByToken } = await import("#app/domain/registrations/registrations.server.ts");
const { setPresence } = await import("#app/domain/registrations/check-in.server.ts");
const { setEditionStatus } = await import("#app/domain/editions/admin.server.ts");
const adminSurvey = await import("#app/routes/admin/editions/survey.tsx");
const adminCsv = await import("#app/routes/admin/editions/survey-csv.ts");
const { adminContext } = await import("#tests/support/admin-context.ts");
const { ctx, emailsTo } = await import("#tests/support/fixtures.ts");
const { pastEdition } = await import("#tests/support/after-the-day.ts");
const { createOrganiserAndReviewer, ORGANISER_EMAIL, REVIEWER_EMAIL, signedInCookie } =
  await import("#tests/support/staff.ts");

const now = new Date("2026-11-26T10:00:00Z");
const actor = { userId: null };
const blank = { keep: null, change: null, themes: null, comment: null };

function responsesOf(editionId: number) {
  return db.select().from(schema.surveyResponses).where(eq(schema.surveyResponses.editionId, editionId)).all();
}

function registrationRow(id: number) {
  return db.select().from(schema.registrations).where(eq(schema.registrations.id, id)).get()!;
}

describe("who may answer", () => {
  const day = pastEdition(db, now, { people: ["r1", "r2", "r3"], present: 2 });
  const [present, other, absent] = day.attendees as [
    (typeof day.attendees)[0],
    (typeof day.attendees)[0],
    (typeof day.attendees)[0],
  ];
  const answer = { ...blank, overall: 4, scores: {} };

  it("nobody before the edition is marked held", () => {
    expect(survey.surveyAccess(db, registrationRow(present.registrationId), now)).toMatchObject({
      open: false,
      reason: "not_held",
    });
    expect(survey.saveSurveyResponse(db, present.registrationId, answer, now)).toEqual({
      outcome: "refused",
      reason: "not_held",
    });
    expect(responsesOf(day.edition.id)).toHaveLength(0);
  });

  it("once held, only people checked in on the day", () => {
    day.markHeld();
    expect(survey.saveSurveyResponse(db, absent.registrationId, answer, now)).toEqual({
      outcome: "refused",
      reason: "not_checked_in",
    });
    expect(survey.saveSurveyResponse(db, present.registrationId, answer, now)).toEqual({ outcome: "created" });
    expect(responsesOf(day.edition.id)).toHaveLength(1);
  });

  it("not after a cancellation", () => {
    // A cancellation from before the start, on a row checked in since: the domain refuses to
    // cancel after the start (docs/lifecycle.md), so the row is set as such a history leaves it.
    db.update(schema.registrations)
      .set({ status: "cancelled", cancelledAt: day.edition.startsAt })
      .where(eq(schema.registrations.id, other.registrationId))
      .run();
    expect(survey.saveSurveyResponse(db, other.registrationId, answer, now)).toEqual({
      outcome: "refused",
      reason: "cancelled",
    });
  });

  it("not after the closing date, nor once the edition is archived; clearing the date reopens it", () => {
    survey.setSurveyClosing({ db, actor, now }, day.edition.id, "2026-11-26T09:00");
    expect(survey.saveSurveyResponse(db, present.registrationId, { ...answer, overall: 1 }, now)).toEqual({
      outcome: "refused",
      reason: "closed",
    });
    expect(
      survey.saveSurveyResponse(
        db,
        present.registrationId,
        { ...answer, overall: 1 },
        new Date("2026-11-26T07:59:00Z"),
      ),
    ).toEqual({
      outcome: "updated",
    });
    survey.setSurveyClosing({ db, actor, now }, day.edition.id, undefined);
    expect(survey.surveyAccess(db, registrationRow(present.registrationId), now).open).toBe(true);
    setEditionStatus({ db, actor, now }, day.edition.id, "archived");
    expect(survey.saveSurveyResponse(db, present.registrationId, answer, now)).toEqual({
      outcome: "refused",
      reason: "closed",
    });
    setEditionStatus({ db, actor, now }, day.edition.id, "held");
    expect(responsesOf(day.edition.id).map((row) => row.overall)).toEqual([1]);
  });

  it("refuses a closing time that does not exist in Paris", () => {
    expect(() => survey.setSurveyClosing({ db, actor, now }, day.edition.id, "2027-03-28T02:30")).toThrow(
      survey.SurveyAdminError,
    );
  });

  it("refuses a score for a session of another edition", () => {
    const elsewhere = pastEdition(db, now, { people: ["r4"], present: 1 });
    const foreign = elsewhere.sessionIds[1]!;
    expect(() =>
      survey.saveSurveyResponse(db, present.registrationId, { ...answer, scores: { [`s${foreign}`]: "5" } }, now),
    ).toThrow(survey.SurveyError);
  });
});

describe("one answer per registration", () => {
  const day = pastEdition(db, now, { people: ["u1"], present: 1 });
  const [, conference, roundTable] = day.sessionIds;
  const me = day.attendees[0]!;

  it("a second submission edits the first: scores and themes are replaced, not added", () => {
    day.markHeld();
    expect(
      survey.saveSurveyResponse(
        db,
        me.registrationId,
        {
          overall: 3,
          scores: { [`s${conference}`]: "4", [`s${roundTable}`]: "2" },
          keep: "Le format",
          change: null,
          themes: "Logement, Santé",
          comment: null,
        },
        now,
      ),
    ).toEqual({ outcome: "created" });
    expect(
      survey.saveSurveyResponse(
        db,
        me.registrationId,
        {
          overall: 5,
          scores: { [`s${conference}`]: "5", [`s${roundTable}`]: "none" },
          keep: null,
          change: "Plus de pauses",
          themes: "Mobilité",
          comment: "Merci !",
        },
        new Date(now.getTime() + 60_000),
      ),
    ).toEqual({ outcome: "updated" });
    expect(responsesOf(day.edition.id)).toHaveLength(1);
    const mine = survey.findSurveyAnswer(db, me.registrationId)!;
    expect(mine).toMatchObject({
      overall: 5,
      keep: null,
      change: "Plus de pauses",
      themes: ["Mobilité"],
      comment: "Merci\u00a0!",
    });
    expect(mine.scores).toEqual({ [conference!]: 5 });
    expect(
      db
        .select()
        .from(schema.surveySessionScores)
        .all()
        .filter((row) => row.sessionId === roundTable),
    ).toEqual([]);
  });

  it("is also what the database enforces", () => {
    expect(() =>
      db
        .insert(schema.surveyResponses)
        .values({ editionId: day.edition.id, registrationId: me.registrationId, overall: 2 })
        .run(),
    ).toThrow(/UNIQUE/);
  });

  it("does not offer the welcome, the breaks or lunch for a score", () => {
    expect(survey.surveySessions(db, day.edition.id).map((session) => session.kind)).toEqual([
      "conference",
      "table_ronde",
      "table_ronde",
    ]);
    const breakId = day.sessionIds[3]!;
    expect(() =>
      survey.saveSurveyResponse(db, me.registrationId, { ...blank, overall: 3, scores: { [`s${breakId}`]: "3" } }, now),
    ).toThrow(survey.SurveyError);
  });
});

describe("results on a fixed data set", () => {
  const names = ["f1", "f2", "f3", "f4", "f5"];
  const day = pastEdition(db, now, { people: [...names, "f6"], present: 5 });
  const [, a, b] = day.sessionIds;
  const answers: Array<[number, string | undefined, string | undefined, string | null, string | null, string | null]> =
    [
      // overall, session A, session B, keep, themes, comment
      [5, "5", "1", "Les tables rondes", "Santé mentale\nLogement d’abord", "Très bien : à refaire"],
      [4, "4", undefined, "Ateliers", "santé mentale, Accès aux droits", null],
      [4, undefined, undefined, null, "Santé  Mentale.", null],
      [2, "3", "2", "le café", "Logement d'abord ; Sante mentale", "Trop long"],
      [5, "4", undefined, null, null, "Bravo"],
    ];

  it("counts each score, averages each session and groups the themes whatever their spelling", () => {
    day.markHeld();
    answers.forEach(([overall, sa, sb, keep, themes, comment], index) => {
      const scores: Record<string, string> = {};
      if (sa) scores[`s${a}`] = sa;
      if (sb) scores[`s${b}`] = sb;
      survey.saveSurveyResponse(
        db,
        day.attendees[index]!.registrationId,
        { overall, scores, keep, change: null, themes, comment },
        now,
      );
    });
    const r = results.surveyResults(db, day.edition.id);
    expect(r.responses).toBe(5);
    expect(r.overall).toEqual({ count: 5, mean: 4, distribution: [0, 1, 0, 2, 2] });
    const [first, second] = r.sessions;
    expect(first).toMatchObject({ sessionId: a, count: 4, mean: 4, distribution: [0, 0, 1, 2, 1] });
    expect(second).toMatchObject({ sessionId: b, count: 2, mean: 1.5, distribution: [1, 1, 0, 0, 0] });
    expect(r.sessions[2]).toMatchObject({ count: 0, mean: null });
    expect(r.themes.map(({ label, count }) => [label, count])).toEqual([
      ["Santé mentale", 4],
      ["Logement d’abord", 2],
      ["Accès aux droits", 1],
    ]);
    // Alphabetical, French collation: the order of answers is not the order shown.
    expect(r.keep).toEqual(["Ateliers", "le café", "Les tables rondes"]);
    expect(r.comments).toEqual(["Bravo", "Très bien\u00a0: à refaire", "Trop long"]);
    expect(r.change).toEqual([]);
  });

  it("never shows a name, an address or anything that points to a registration", async () => {
    const r = results.surveyResults(db, day.edition.id);
    const html = renderToStaticMarkup(createElement(SurveyResultsView, { results: r }));
    const csv = results.surveyCsv(db, day.edition.id);
    for (const output of [JSON.stringify(r), html, csv]) {
      for (const attendee of day.attendees) {
        expect(output).not.toContain(attendee.input.firstName);
        expect(output).not.toContain(attendee.input.lastName);
        expect(output).not.toContain(attendee.input.email);
        expect(output).not.toContain(attendee.token);
      }
      expect(output).not.toMatch(/registration|inscription|createdAt|updatedAt|2026-/i);
    }
    expect(html).toContain("Très bien\u00a0: à refaire");
    expect(html).toContain("<svg");
    expect(html).toContain("<caption>Satisfaction générale</caption>");
  });

  it("exports the answers as an anonymous CSV whose rows follow their content, not the order of answers", () => {
    const csv = results.surveyCsv(db, day.edition.id);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows] = csv.slice(1).trimEnd().split("\r\n");
    expect(header).toBe(
      "Satisfaction générale (1 à 5);Utilité (1 à 5) — Conférence 2;Utilité (1 à 5) — Table ronde 3;Utilité (1 à 5) — Table ronde 5;À garder;À changer;Thèmes souhaités;Commentaire",
    );
    expect(rows).toEqual([
      "2;3;2;;le café;;Logement d'abord, Sante mentale;Trop long",
      "4;;;;;;Santé Mentale;",
      "4;4;;;Ateliers;;santé mentale, Accès aux droits;",
      "5;4;;;;;;Bravo",
      "5;5;1;;Les tables rondes;;Santé mentale, Logement d’abord;Très bien\u00a0: à refaire",
    ]);
  });

  it("is what organisers get from the back-office, and reviewers do not", async () => {
    await createOrganiserAndReviewer(db);
    const url = `http://cts.test/admin/editions/${day.edition.id}/questionnaire`;
    const args = async (email: string) => {
      const request = new Request(url, { headers: { Cookie: await signedInCookie(db, email) } });
      return { request, params: { editionId: String(day.edition.id) }, context: await adminContext(request) } as never;
    };
    const page = await adminSurvey.loader(await args(ORGANISER_EMAIL));
    expect(page.results.responses).toBe(5);
    expect(JSON.stringify(page)).not.toMatch(/Prénomf|Nomf|personnef/);
    const csv = (await adminCsv.loader(await args(ORGANISER_EMAIL))) as Response;
    expect(csv.headers.get("Content-Disposition")).toBe(`attachment; filename="questionnaire-${day.edition.slug}.csv"`);
    expect(await csv.text()).not.toMatch(/Prénomf|personnef/);
    const refused = await adminSurvey
      .loader(await args(REVIEWER_EMAIL))
      .catch((error: { init?: ResponseInit }) => error);
    expect((refused as { init?: ResponseInit }).init?.status).toBe(403);
  });
});

describe("invitations", () => {
  const day = pastEdition(db, now, { people: ["i1", "i2", "i3", "i4"], present: 3 });
  const [first, second, third, late] = day.attendees as [
    (typeof day.attendees)[0],
    (typeof day.attendees)[0],
    (typeof day.attendees)[0],
    (typeof day.attendees)[0],
  ];

  it("are refused before the edition is held", () => {
    expect(() => survey.sendSurveyInvitations({ db, mail: ctx, actor, now }, day.edition.id)).toThrow(
      survey.SurveyAdminError,
    );
    expect(emailsTo(db, first.input.email).filter((e) => e.kind === "survey.invitation")).toEqual([]);
  });

  it("go once to each person checked in, with their own private link to the survey", () => {
    day.markHeld();
    // A cancellation from before the start, on a row checked in since: the domain refuses to
    // cancel after the start (docs/lifecycle.md), so the row is set as such a history leaves it.
    db.update(schema.registrations)
      .set({ status: "cancelled", cancelledAt: day.edition.startsAt })
      .where(eq(schema.registrations.id, third.registrationId))
      .run();
    expect(survey.sendSurveyInvitations({ db, mail: ctx, actor, now }, day.edition.id)).toEqual({ queued: 2 });
    expect(survey.sendSurveyInvitations({ db, mail: ctx, actor, now }, day.edition.id)).toEqual({ queued: 0 });
    for (const attendee of [first, second]) {
      const sent = emailsTo(db, attendee.input.email).filter((e) => e.kind === "survey.invitation");
      expect(sent).toHaveLength(1);
      expect(sent[0]!.dedupeKey).toBe(`survey-invitation:${attendee.registrationId}`);
      expect(sent[0]!.subject).toContain("Votre avis sur la journée");
      const link = /http:\/\/cts\.test\/inscription\/([A-Za-z0-9_-]{22})\/questionnaire/.exec(sent[0]!.text);
      expect(link).not.toBeNull();
      expect(findRegistrationByToken(db, link![1]!)?.id).toBe(attendee.registrationId);
    }
    expect(emailsTo(db, third.input.email).filter((e) => e.kind === "survey.invitation")).toEqual([]);
    expect(emailsTo(db, late.input.email).filter((e) => e.kind === "survey.invitation")).toEqual([]);
    expect(survey.invitationSummary(db, day.edition.id)).toEqual({ present: 2, invited: 2, pending: 0 });
  });

  it("reach someone checked in later on the next click, and still nobody twice", () => {
    setPresence({ db, actor, now }, day.edition.id, late.registrationId, true);
    expect(survey.invitationSummary(db, day.edition.id)).toEqual({ present: 3, invited: 2, pending: 1 });
    expect(survey.sendSurveyInvitations({ db, mail: ctx, actor, now }, day.edition.id)).toEqual({ queued: 1 });
    expect(survey.sendSurveyInvitations({ db, mail: ctx, actor, now }, day.edition.id)).toEqual({ queued: 0 });
    expect(emailsTo(db, late.input.email).filter((e) => e.kind === "survey.invitation")).toHaveLength(1);
    expect(emailsTo(db, first.input.email).filter((e) => e.kind === "survey.invitation")).toHaveLength(1);
  });

  it("are written in the journal, in French", async () => {
    const { auditActionLabel } = await import("#app/domain/shared/audit.server.ts");
    const entries = db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "survey.invite")).all();
    expect(
      entries.filter((entry) => entry.entityId === day.edition.id).map((entry) => JSON.parse(entry.details!).queued),
    ).toEqual([2, 0, 1, 0]);
    expect(auditActionLabel("survey.invite")).toBe("Invitations au questionnaire de satisfaction envoyées");
    expect(auditActionLabel("survey.closing")).toBe("Date de clôture du questionnaire modifiée");
  });

  it("are refused once the survey is closed", () => {
    survey.setSurveyClosing({ db, actor, now }, day.edition.id, "2026-11-25T18:00");
    expect(() => survey.sendSurveyInvitations({ db, mail: ctx, actor, now }, day.edition.id)).toThrow(
      survey.SurveyAdminError,
    );
  });
});

describe("themes offered for the next edition", () => {
  it("are the most suggested across past editions, with how many editions asked for each", () => {
    const suggestions = results.suggestedThemes(db, 3);
    // « Santé mentale » (4), « Logement d’abord » (2) and « Accès aux droits » (1) come from the
    // fixed data set; « Mobilité » (1) from another edition, after « Accès » alphabetically.
    expect(suggestions[0]).toMatchObject({ label: "Santé mentale", count: 4, editions: 1 });
    expect(suggestions[1]).toMatchObject({ label: "Logement d’abord", count: 2 });
    expect(suggestions).toHaveLength(3);
  });

  it("fill the new-edition form, ticking a theme that already exists", () => {
    db.insert(schema.themes).values({ slug: "sante-mentale", name: "Santé mentale" }).run();
    const existing = db.select().from(schema.themes).where(eq(schema.themes.slug, "sante-mentale")).get()!;
    expect(results.formFromSuggestion(db, "sante  MENTALE")).toEqual({
      title: "sante MENTALE",
      themeIds: [String(existing.id)],
    });
    expect(results.formFromSuggestion(db, "Accès aux droits")).toEqual({
      title: "Accès aux droits",
      newTheme: "Accès aux droits",
    });
    expect(results.formFromSuggestion(db, "<script>")).toEqual({ title: "script", newTheme: "script" });
    expect(results.formFromSuggestion(db, "   ")).toEqual({});
  });
});
