import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  attachments,
  auditLog,
  certificates,
  dispositifs,
  editions,
  emails,
  persons,
  registrations,
  sessionPersons,
  sessions,
  surveyResponses,
  surveyThemeSuggestions,
  users,
} from "#db/schema.ts";
import { seedDemo } from "#db/demo/index.ts";
import { getPublicEdition, listPublicEditions, registrationWindow } from "#app/domain/editions/editions.server.ts";
import { ctx } from "#tests/support/fixtures.ts";
import { tempDb } from "#tests/support/temp-db.ts";

const { db, dir } = tempDb();
const now = new Date("2026-11-26T10:00:00Z");

/** Every table the demo writes to: a second run must leave each count as it was. */
const SEEDED = {
  editions,
  sessions,
  persons,
  sessionPersons,
  users,
  surveyResponses,
  surveyThemeSuggestions,
  dispositifs,
  attachments,
  registrations,
  certificates,
  emails,
  auditLog,
};

function counts(): Record<keyof typeof SEEDED, number> {
  const entries = Object.entries(SEEDED).map(([name, table]) => [name, db.select({ n: count() }).from(table).get()!.n]);
  return Object.fromEntries(entries) as Record<keyof typeof SEEDED, number>;
}

describe("demo data", () => {
  it("loads once and adds nothing the second time", async () => {
    const first = await seedDemo(db, now, { dataDir: dir, mail: ctx });
    expect(first.created.length).toBeGreaterThan(0);
    const before = counts();
    const second = await seedDemo(db, new Date("2026-12-15T10:00:00Z"), { dataDir: dir, mail: ctx });
    expect(second.created).toEqual([]);
    expect(counts()).toEqual(before);
    expect(before.editions).toBe(2);
    expect(before.users).toBe(1);
    expect(before.surveyResponses).toBeGreaterThan(0);
    expect(second.participantLink).toBe(first.participantLink);
    expect(first.participantLink).toMatch(/^http:\/\/cts\.test\/inscription\/[A-Za-z0-9_-]{22}$/);
  });

  it("gives the 2025 edition a few nameless survey answers, so its results tab is not empty", async () => {
    const { surveyResults } = await import("#app/domain/survey/results.server.ts");
    const edition = db.select().from(editions).where(eq(editions.slug, "cts-aller-vers-2025")).get()!;
    const results = surveyResults(db, edition.id);
    expect(results.responses).toBe(6);
    expect(results.sessions.every((session) => session.count > 0)).toBe(true);
    expect(results.themes[0]).toMatchObject({ label: "Santé mentale et rue", count: 3 });
    expect(
      db
        .select()
        .from(surveyResponses)
        .all()
        .every((row) => row.registrationId === null),
    ).toBe(true);
  });

  it("holds the 2025 aller-vers edition at the Maison Pour Tous of Goussainville, with its whole programme in order", () => {
    const edition = getPublicEdition(db, "cts-aller-vers-2025");
    expect(edition).not.toBeNull();
    expect(edition!.title).toBe("L’aller-vers");
    expect(edition!.venue?.name).toBe("Maison Pour Tous");
    expect(edition!.venue?.city).toBe("Goussainville");
    expect(edition!.dateIsIllustrative).toBe(true);

    const kinds = edition!.programme.map((s) => s.kind);
    expect(kinds.indexOf("ouverture")).toBeLessThan(kinds.indexOf("conference"));
    expect(kinds.filter((k) => k === "table_ronde")).toHaveLength(2);

    const opening = edition!.programme.find((s) => s.kind === "ouverture")!;
    expect(opening.persons.map((p) => p.name)).toEqual(["Mme CHARENTON", "Mme PELISSIER"]);

    const keynote = edition!.programme.find((s) => s.kind === "conference")!;
    expect(keynote.persons[0]).toMatchObject({
      name: "Mathilde SEMPÉ",
      role: "doctorante en sociologie",
      organisation: "Université de Versailles Saint-Quentin-en-Yvelines",
    });

    const [first, second] = edition!.programme.filter((s) => s.kind === "table_ronde");
    expect(first!.title).toContain("l’action sociale en mouvement");
    expect(first!.persons.map((p) => p.name)).toEqual(["Tabila BELLARIF", "Hussein DRIF", "Pauline STAHL"]);
    expect(second!.title).toContain("quelle articulation des dispositifs\u00a0?");
    expect(second!.persons.map((p) => p.name)).toEqual([
      "Katty MUHEL",
      "Aurélie MONEME-STERN",
      "Marie-Anne LAGACHA",
      "Aurore FROMONT",
      "Eva MASSON",
      "Sylvie LORIDAN",
      "Hamza LAHRACH",
      "Emilie DUVAL",
    ]);
    expect(second!.persons.find((p) => p.name === "Hamza LAHRACH")).toMatchObject({
      role: "infirmier de l’ESSIP",
      organisation: "Fondation Léonie Chaptal",
    });

    for (let i = 1; i < edition!.programme.length; i++) {
      expect(edition!.programme[i]!.startsAt.getTime()).toBeGreaterThanOrEqual(
        edition!.programme[i - 1]!.endsAt.getTime(),
      );
    }
  });

  it("names who signs the aller-vers certificates, and gives it to a database seeded before that existed", async () => {
    const signatory = () =>
      db
        .select({ name: editions.signatoryName, role: editions.signatoryRole })
        .from(editions)
        .where(eq(editions.slug, "cts-aller-vers-2025"))
        .get();
    expect(signatory()).toEqual({ name: "Mme PELISSIER", role: "Directrice du SIAO 95" });
    db.update(editions)
      .set({ signatoryName: null, signatoryRole: null })
      .where(eq(editions.slug, "cts-aller-vers-2025"))
      .run();
    await seedDemo(db, now, { dataDir: dir, mail: ctx });
    expect(signatory()).toEqual({ name: "Mme PELISSIER", role: "Directrice du SIAO 95" });
    // A signatory chosen by an organiser is never overwritten.
    db.update(editions)
      .set({ signatoryName: "M. Dupont", signatoryRole: "Directeur adjoint" })
      .where(eq(editions.slug, "cts-aller-vers-2025"))
      .run();
    await seedDemo(db, now, { dataDir: dir, mail: ctx });
    expect(signatory()).toEqual({ name: "M. Dupont", role: "Directeur adjoint" });
  });

  it("holds one upcoming edition open for registration with a capacity", () => {
    const { upcoming, past } = listPublicEditions(db, now);
    expect(upcoming).toHaveLength(1);
    expect(past.map((e) => e.slug)).toEqual(["cts-aller-vers-2025"]);
    const next = db.select().from(editions).where(eq(editions.slug, upcoming[0]!.slug)).get()!;
    expect(next.status).toBe("published");
    expect(next.capacity).toBeGreaterThan(0);
    expect(registrationWindow(next, now).state).toBe("open");
    expect(next.startsAt.getTime()).toBeGreaterThan(now.getTime());
  });
});

describe("demo synthesis", () => {
  it("publishes the 2025 aller-vers synthesis, linked to its edition and themes, with footnotes and the directory figures", async () => {
    const { getPublishedArticle, themeOverview } = await import("#app/domain/articles/articles.server.ts");
    const { renderArticle } = await import("#app/lib/markdown.server.ts");
    const found = getPublishedArticle(db, "synthese-cts-aller-vers-2025", now)!;
    expect(found).not.toBeNull();
    expect(found.edition?.slug).toBe("cts-aller-vers-2025");
    expect(found.themes.map((t) => t.slug).sort()).toEqual(["aller-vers", "coordination"]);
    const { html, toc } = renderArticle(found.article.bodyMarkdown);
    expect(toc.filter((entry) => entry.level === 2).length).toBeGreaterThanOrEqual(4);
    expect(html).toContain('class="footnote-item"');
    expect(html).toContain('<figure class="quote">');
    expect(html).toContain('class="check-item"');
    for (const figure of ["51", "27", "10", "14"]) expect(found.article.bodyMarkdown).toContain(figure);
    expect(found.article.furtherReadingMarkdown).toContain("CAIRN");
    expect(found.attachments.map((a) => a.title)).toEqual([
      "Diaporama de la journée\u00a0: programme et intervenants (démonstration)",
      "Référentiel 2025 des dispositifs d’aller-vers du Val-d’Oise (livret de démonstration)",
    ]);
    expect(found.attachments.every((a) => a.mimeType === "application/pdf")).toBe(true);
    expect(themeOverview(db, "aller-vers", now)!.articles.map((a) => a.slug)).toContain("synthese-cts-aller-vers-2025");
  });
});
