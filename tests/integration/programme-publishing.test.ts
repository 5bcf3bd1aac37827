import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { contributions } from "#db/schema.ts";
import { acceptContribution, notifyDecisions } from "#app/domain/contributions/decisions.server.ts";
import { submitContribution } from "#app/domain/contributions/submissions.server.ts";
import { editionSlidesPdf } from "#app/domain/documents/printed.server.ts";
import { EditionFormError, setEditionStatus } from "#app/domain/editions/admin.server.ts";
import { getPublicEdition, programmeOf } from "#app/domain/editions/editions.server.ts";
import { addSession, programmeProblems, updateSession } from "#app/domain/editions/programme.server.ts";
import { search } from "#app/domain/site/search.server.ts";
import { surveySessions } from "#app/domain/survey/survey.server.ts";
import { parisWallTimeToUtc } from "#app/lib/time.ts";
import { createEdition, ctx, outbox } from "#tests/support/fixtures.ts";
import { readPdfPages } from "#tests/support/pdf.ts";
import { programmeItem } from "#tests/support/inputs.ts";
import { tempDb } from "#tests/support/temp-db.ts";

const { db } = tempDb();
const now = new Date("2027-01-10T10:00:00Z");
const DAY = 86_400_000;
const system = { userId: null };
const bySystem = { db, actor: system, now };
const NBSP = "\u00a0";

/** An edition on Thursday 11 March 2027, 9 h – 17 h in Paris. */
function edition(overrides: Parameters<typeof createEdition>[2] = {}) {
  return createEdition(db, now, {
    startsAt: parisWallTimeToUtc("2027-03-11", "09:00")!,
    endsAt: parisWallTimeToUtc("2027-03-11", "17:00")!,
    ...overrides,
  });
}

describe("the programme in time order", () => {
  it("is shown, printed and offered in the order of the clock, whatever the order items were added in", async () => {
    const { id, slug } = edition();
    // Added in the wrong order, as organisers do when they remember the break last.
    addSession(bySystem, id, programmeItem("accueil", "Accueil", "09:00", "09:30"));
    addSession(bySystem, id, programmeItem("cloture", "Clôture", "16:00", "17:00"));
    addSession(bySystem, id, programmeItem("table_ronde", "Table ronde B", "10:00", "12:00", "Salle B"));
    addSession(bySystem, id, programmeItem("table_ronde", "Table ronde A", "10:00", "12:00", "Salle A"));
    addSession(bySystem, id, programmeItem("pause", "Pause", "15:00", "15:30"));
    const expected = ["Accueil", "Table ronde A", "Table ronde B", "Pause", "Clôture"];

    expect(programmeOf(db, id).map((s) => s.title)).toEqual(expected);
    expect(getPublicEdition(db, slug)!.programme.map((s) => s.title)).toEqual(expected);
    expect(surveySessions(db, id).map((s) => s.title)).toEqual(["Table ronde A", "Table ronde B", "Clôture"]);

    const pages = await readPdfPages(await editionSlidesPdf(db, id, { siteUrl: "https://cts.test", now }));
    const text = pages.map((page) => page.text).join("\n");
    const firstSeen = expected.map((title) => text.indexOf(`${title}\n`));
    expect(firstSeen.every((index) => index >= 0)).toBe(true);
    expect([...firstSeen].sort((a, b) => a - b)).toEqual(firstSeen);
  });
});

describe("publishing is blocked by an invalid programme", () => {
  it("names the overlapping item and the item outside the day's hours, then publishes once they are fixed", () => {
    const draft = edition({ status: "draft" });
    addSession(bySystem, draft.id, programmeItem("cloture", "Clôture", "15:15", "16:00"));
    const pause = addSession(bySystem, draft.id, programmeItem("pause", "Pause", "15:00", "15:30"));
    const late = addSession(
      bySystem,
      draft.id,
      programmeItem("atelier", "Atelier du soir", "16:30", "17:30", "Salle 2"),
    );
    // Same times, other rooms: parallel workshops are fine.
    addSession(bySystem, draft.id, programmeItem("atelier", "Atelier 1", "10:00", "11:00", "Salle 1"));
    addSession(bySystem, draft.id, programmeItem("atelier", "Atelier 2", "10:00", "11:00", "salle 2"));

    const problems = programmeProblems(draft, programmeOf(db, draft.id)).map((p) => p.message);
    expect(problems).toEqual([
      `«${NBSP}Atelier du soir${NBSP}» (16${NBSP}h${NBSP}30 – 17${NBSP}h${NBSP}30) finit après la fin de l’édition (17${NBSP}h).`,
      `«${NBSP}Pause${NBSP}» (15${NBSP}h – 15${NBSP}h${NBSP}30) chevauche «${NBSP}Clôture${NBSP}» (15${NBSP}h${NBSP}15 – 16${NBSP}h) (séquences en plénière, sans salle indiquée).`,
    ]);

    let refusal: unknown;
    try {
      setEditionStatus({ db, actor: system, now }, draft.id, "published");
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(EditionFormError);
    expect((refusal as Error).message).toContain(`«${NBSP}Pause${NBSP}» (15${NBSP}h – 15${NBSP}h${NBSP}30) chevauche`);
    expect((refusal as Error).message).toContain(`«${NBSP}Atelier du soir${NBSP}»`);
    expect(getPublicEdition(db, draft.slug)).toBeNull();

    updateSession({ db, actor: system, now }, draft.id, pause, programmeItem("pause", "Pause", "14:30", "15:00"));
    expect(() => setEditionStatus({ db, actor: system, now }, draft.id, "published")).toThrow(/Atelier du soir/);
    updateSession(
      { db, actor: system, now },
      draft.id,
      late,
      programmeItem("atelier", "Atelier du soir", "16:00", "17:00", "Salle 2"),
    );
    expect(programmeProblems(draft, programmeOf(db, draft.id))).toEqual([]);
    expect(setEditionStatus({ db, actor: system, now }, draft.id, "published").status).toBe("published");
    expect(getPublicEdition(db, draft.slug)).not.toBeNull();
  });

  it("names the room of an overlap, and an item that starts before the edition", () => {
    const draft = edition({ status: "draft" });
    addSession(bySystem, draft.id, programmeItem("accueil", "Café", "08:30", "09:15"));
    addSession(bySystem, draft.id, programmeItem("atelier", "Atelier 1", "10:00", "11:00", "Salle Seine"));
    addSession(bySystem, draft.id, programmeItem("atelier", "Atelier 2", "10:30", "11:30", "Salle Seine"));
    expect(programmeProblems(draft, programmeOf(db, draft.id)).map((p) => p.message)).toEqual([
      `«${NBSP}Café${NBSP}» (8${NBSP}h${NBSP}30 – 9${NBSP}h${NBSP}15) commence avant le début de l’édition (9${NBSP}h).`,
      `«${NBSP}Atelier 1${NBSP}» (10${NBSP}h – 11${NBSP}h) chevauche «${NBSP}Atelier 2${NBSP}» (10${NBSP}h${NBSP}30 – 11${NBSP}h${NBSP}30) dans la salle «${NBSP}Salle Seine${NBSP}».`,
    ]);
    expect(() => setEditionStatus({ db, actor: system, now }, draft.id, "published")).toThrow(EditionFormError);
  });
});

describe("a decision is private until it is sent", () => {
  it("keeps an accepted speaker off the public programme, the slides and search until the email is written", async () => {
    const published = edition({
      contributionsOpensAt: new Date(now.getTime() - DAY),
      contributionsClosesAt: new Date(now.getTime() + 20 * DAY),
    });
    const tableRonde = addSession(
      bySystem,
      published.id,
      programmeItem("table_ronde", "Table ronde", "10:00", "12:00"),
    );
    const outcome = submitContribution(
      db,
      ctx,
      published.slug,
      {
        name: "Zéphyrine Quellec",
        email: "zephyrine@example.org",
        role: "infirmière",
        organisation: "EMPP Val-d’Oise",
        coSpeakers: [{ name: "Bertille Onfroy", role: null, organisation: null, email: "bertille@example.org" }],
        title: "La maraude santé",
        abstract: "Deux ans de maraudes communes avec le 115.",
        format: "table_ronde",
        wishedSessionId: null,
        availability: null,
      },
      now,
    );
    if (outcome.outcome !== "submitted") throw new Error("not submitted");
    acceptContribution({ db, actor: system, now }, published.id, outcome.contributionId, {
      sessionId: tableRonde,
      message: null,
    });

    const speakersOnline = () =>
      getPublicEdition(db, published.slug)!
        .programme.find((s) => s.id === tableRonde)!
        .persons.map((p) => p.name);
    const slidesText = async () =>
      (await readPdfPages(await editionSlidesPdf(db, published.id, { siteUrl: "https://cts.test", now })))
        .map((page) => page.text)
        .join("\n");
    const found = () => search(db, "Quellec", { now }).groups.reduce((sum, group) => sum + group.total, 0);

    expect(speakersOnline()).toEqual([]);
    expect(await slidesText()).not.toContain("Zéphyrine");
    expect(found()).toBe(0);
    // The organisers still see the decision they took.
    expect(
      db.select().from(contributions).where(eq(contributions.id, outcome.contributionId)).get()!.acceptedSessionId,
    ).toBe(tableRonde);

    const before = outbox(db).length;
    notifyDecisions({ db, mail: ctx, actor: system, now }, published.id);
    expect(outbox(db).length).toBe(before + 2);
    expect(speakersOnline()).toEqual(["Zéphyrine Quellec", "Bertille Onfroy"]);
    expect(await slidesText()).toContain("Zéphyrine Quellec");
    expect(found()).toBeGreaterThan(0);
  });
});
