import { createHash } from "node:crypto";
import fs from "node:fs";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { articles, attachments, dispositifs, editions, emails, persons, registrations } from "#db/schema.ts";
import { seedDemo } from "#db/demo/index.ts";
import { getPublishedArticle } from "#app/domain/articles/articles.server.ts";
import { validCertificatesOfEdition } from "#app/domain/certificates/certificates.server.ts";
import { directoryLink, directoryPage } from "#app/domain/directory/dispositifs.server.ts";
import { countsSentence } from "#app/domain/directory/values.ts";
import { storedFilePath } from "#app/domain/documents/attachments.server.ts";
import { checkInCounts } from "#app/domain/registrations/check-in.server.ts";
import { networkList, participatingOrganisations } from "#app/domain/registrations/network.server.ts";
import { registrationCounts } from "#app/domain/registrations/registrations.server.ts";
import { registrationsPerDay, registrationsPerStructureType } from "#app/domain/registrations/stats.server.ts";
import { purgeExpiredPersonalData } from "#app/domain/privacy/privacy.server.ts";
import { surveyResults } from "#app/domain/survey/results.server.ts";
import { renderArticle } from "#app/lib/markdown.server.ts";
import { ctx } from "#tests/support/fixtures.ts";
import { readPdfPages } from "#tests/support/pdf.ts";
import { tempDb } from "#tests/support/temp-db.ts";

// The demo against the facts of the real 2025 edition (../shared/facts/cts-aller-vers-2025.json,
// transcribed here so that the test stands on its own): what it says about real teams and real
// authors, the documents it attaches, and the figures of the held edition.

const { db, dir } = tempDb();
const now = new Date("2026-11-26T10:00:00Z");

beforeAll(async () => {
  await seedDemo(db, now, { dataDir: dir, mail: ctx });
});

const edition = () => db.select().from(editions).where(eq(editions.slug, "cts-aller-vers-2025")).get()!;

describe("the directory of the demo", () => {
  // `teams_named_in_the_article`: name, operator, category, and nothing else is known.
  const NAMED = [
    ["EMP 95", "Aurore", "sanitaire_social"],
    ["Équipe Mobile Charles de Gaulle", "Croix-Rouge française", "veille_sociale"],
    ["AVDL (accompagnement vers et dans le logement)", "ARS 95", "insertion"],
    ["Cellule Mobile 115", "SIAO 95", "veille_sociale"],
    ["EMSP (équipe mobile santé précarité)", "ESPÉRER 95", "sanitaire_social"],
    ["ESSIP (équipe de soins infirmiers précarité)", "Fondation Léonie Chaptal", "sanitaire_social"],
  ] as const;

  it("holds the teams the synthesis names, as real services, with no phone, address, commune or public of our own", () => {
    for (const [name, operator, category] of NAMED) {
      const row = db
        .select()
        .from(dispositifs)
        .where(and(eq(dispositifs.name, name), eq(dispositifs.operator, operator)))
        .get();
      expect(row, name).toBeDefined();
      expect(row).toMatchObject({ category, isExample: false, phone: null, email: null, website: null });
      expect(row).toMatchObject({ publics: null, communes: null });
      // The description says what the team does and how it took part in the day, no contact.
      expect(row!.description).toMatch(/CTS 2025/);
      expect(row!.description).not.toMatch(/@|\d{2} \d{2} \d{2}|https?:|\b95\d{3}\b/);
    }
  });

  it("keeps every other entry a labelled example", () => {
    const named = new Set(NAMED.map(([name]) => name));
    const others = db
      .select()
      .from(dispositifs)
      .all()
      .filter((row) => !named.has(row.name as (typeof NAMED)[number][0]));
    expect(others.length).toBeGreaterThan(0);
    for (const row of others) {
      expect(row.isExample).toBe(true);
      expect(`${row.name} ${row.operator}`).toMatch(/exemple/i);
    }
  });

  it("says where its figures are counted, so that they never read as the 51 services of the 2025 booklet", () => {
    const { counts } = directoryPage(db, {});
    expect(counts).toEqual({
      total: 14,
      examples: 8,
      byCategory: { insertion: 5, veille_sociale: 4, sanitaire_social: 5 },
    });
    expect(countsSentence(counts, "dans ce répertoire")).toBe(
      "14\u00a0dispositifs dans ce répertoire (dont 8\u00a0fiches d’exemple)\u00a0: 5\u00a0en insertion, 4\u00a0en veille sociale, 5\u00a0en sanitaire et social.",
    );
    expect(directoryLink(db, { editionId: edition().id })).toEqual({ total: 14, examples: 8, year: 2025 });
    // The synthesis gives the booklet's figure as the booklet's, and no figure of this directory.
    const body = db.select().from(articles).get()!.bodyMarkdown;
    expect(body).toMatch(/Ce livret recense 51 dispositifs/);
    expect(body).not.toMatch(/\b14 dispositifs\b/);
  });
});

describe("the synthesis", () => {
  const article = () => getPublishedArticle(db, "synthese-cts-aller-vers-2025", now)!;
  const rendered = () => renderArticle(article().article.bodyMarkdown);

  it("credits each of the three definitions to its own author", () => {
    const quotes = [
      ...rendered().html.matchAll(/<figure class="quote"><blockquote>([\s\S]*?)<figcaption>([\s\S]*?)<\/figcaption>/g),
    ].map(([, quote, source]) => ({ quote: quote!, source: source!.trim() }));
    expect(quotes.map((q) => q.source)).toEqual([
      "— d’après Cyprien Avenel (2023)",
      "— d’après le groupe de travail de la Stratégie nationale de prévention et de lutte contre la pauvreté",
      "— d’après la Stratégie nationale de prévention et de lutte contre la pauvreté",
    ]);
    // Each one says what its author said: the ideas of `definitions`, not those of another.
    const [avenel, workingGroup, strategy] = quotes.map((q) => q.quote);
    expect(avenel).toMatch(/quittent physiquement leur structure/);
    expect(avenel).toMatch(/décroché/);
    expect(avenel).toMatch(/sans jugement a priori/);
    expect(workingGroup).toMatch(/sans s’imposer/);
    expect(workingGroup).toMatch(/incertitude, d’insécurité et d’inconfort/);
    expect(strategy).toMatch(/attendre une demande/);
    expect(strategy).toMatch(/proactive/);
  });

  it("has the three common points as check marks, the round tables' examples, a conclusion and the thanks", () => {
    const { html, toc } = rendered();
    expect(html.match(/class="check-item"/g)).toHaveLength(3);
    for (const example of ["syndrome de Diogène", "souffrance", "ne tient qu’à deux personnes", "services fixes"])
      expect(html).toContain(example);
    const headings = toc.filter((entry) => entry.level === 2).map((entry) => entry.text);
    // « ## 1. Section », numbered once and in order.
    const numbered = headings.filter((text) => /^\d+\. /.test(text));
    expect(numbered.map((text) => Number(text.split(".")[0]))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(headings.some((text) => /^\d+\. \d+\./.test(text))).toBe(false);
    expect(headings.at(-2)).toMatch(/^7\. Conclusion/);
    expect(headings.at(-1)).toBe("Remerciements");
    const thanks = html.slice(html.indexOf(">Remerciements<"));
    for (const who of ["Mme CHARENTON", "agents municipaux", "équipes du SIAO", "Mathilde SEMPÉ", "tables rondes"])
      expect(thanks).toContain(who);
  });

  it("ends with four footnotes naming the official texts, in the order the text calls them", () => {
    const notes = [...rendered().html.matchAll(/<li id="fn\d+" class="footnote-item">([\s\S]*?)<\/li>/g)].map(
      ([, text]) => text!,
    );
    expect(notes).toHaveLength(4);
    expect(notes[0]).toContain("Circulaire N°DHOS/O2/DGS/6C/DGAS/1A/1B/521 du 23 novembre 2005");
    expect(notes[1]).toContain("Les cinq engagements de la Stratégie pauvreté");
    expect(notes[2]).toContain(
      "Haut Conseil du Travail Social, «\u00a0Le travail social face à la crise sanitaire\u00a0», 25 janvier 2021",
    );
    expect(notes[3]).toContain("Des mesures dédiées à la précarité dans le Ségur de la santé");
  });
});

describe("the documents of the synthesis", () => {
  const documents = () => {
    const synthesis = db.select().from(articles).get()!;
    return db
      .select()
      .from(attachments)
      .where(eq(attachments.articleId, synthesis.id))
      .orderBy(attachments.position)
      .all();
  };

  it("are PDFs stored like uploads: under data/uploads, with their size and sha256", () => {
    const rows = documents();
    expect(rows.map((row) => row.kind)).toEqual(["slides", "booklet"]);
    for (const row of rows) {
      const bytes = fs.readFileSync(storedFilePath(dir, row.storageName));
      expect(row.mimeType).toBe("application/pdf");
      expect(row.size).toBe(bytes.length);
      expect(row.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
      expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    }
  });

  it("present the day in a landscape slide deck, from the edition's programme", async () => {
    const slides = documents().find((row) => row.kind === "slides")!;
    const pages = await readPdfPages(fs.readFileSync(storedFilePath(dir, slides.storageName)));
    expect(pages.length).toBeGreaterThan(4);
    expect(pages.every((page) => page.width > page.height)).toBe(true);
    const text = pages.map((page) => page.text).join("\n");
    for (const line of ["L’aller-vers", "Maison Pour Tous, Goussainville", "date donnée à titre d’exemple"])
      expect(pages[0]!.text).toContain(line);
    for (const speaker of ["Mme PELISSIER", "Mathilde SEMPÉ", "Hussein DRIF", "Emilie DUVAL"])
      expect(text).toContain(speaker);
    expect(text).toContain("Table ronde 1 — Aller-vers : l’action sociale en mouvement");
    expect(text).toMatch(/n’est pas reproduite/);
  });

  it("print the directory as a booklet of several A4 pages, one category from a new page", async () => {
    const booklet = documents().find((row) => row.kind === "booklet")!;
    const pages = await readPdfPages(fs.readFileSync(storedFilePath(dir, booklet.storageName)));
    expect(pages.length).toBeGreaterThan(3);
    expect(pages.every((page) => Math.round(page.width) === 595 && Math.round(page.height) === 842)).toBe(true);
    expect(pages[0]!.text).toContain("Référentiel 2025 des dispositifs d’aller-vers du Val-d’Oise");
    expect(pages[0]!.text).toMatch(/14 dispositifs dans cette version \(dont 8 fiches d’exemple\)/);
    expect(pages[0]!.text).toContain("recensait 51 dispositifs");
    expect(pages[0]!.text).toContain(`${ctx.appUrl}/dispositifs`);
    const starts = ["Insertion (5)", "Veille sociale (4)", "Sanitaire et social (5)"].map((heading) =>
      pages.findIndex((page) => page.text.startsWith(heading)),
    );
    expect(starts.every((index) => index > 0)).toBe(true);
    const text = pages.map((page) => page.text).join("\n");
    for (const team of ["EMP 95", "Cellule Mobile 115", "Fondation Léonie Chaptal"]) expect(text).toContain(team);
    expect(text.match(/Fiche d’exemple : ce dispositif n’existe pas\./g)).toHaveLength(8);
  });
});

describe("the held 2025 edition", () => {
  it("has example participants only: marked organisations, addresses that reach nobody, no speaker", () => {
    const rows = db.select().from(registrations).where(eq(registrations.editionId, edition().id)).all();
    const speakers = new Set(
      db
        .select({ name: persons.name })
        .from(persons)
        .all()
        .map((p) => p.name.toLowerCase()),
    );
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) {
      expect(row.email).toMatch(/@exemple\.invalid$/);
      expect(row.organisation).toMatch(/exemple/i);
      expect(speakers.has(`${row.firstName} ${row.lastName}`.toLowerCase())).toBe(false);
    }
  });

  it("shows the same figures on the dashboard, the check-in, the certificates, the network, the public page and the survey", () => {
    const { id } = edition();
    const counts = registrationCounts(db, id);
    expect(counts).toEqual({ confirmed: 34, waitlisted: 0, cancelled: 2, checkedIn: 30 });
    expect(checkInCounts(db, id)).toEqual({ present: 30, expected: 34 });
    expect(registrationsPerStructureType(db, id).reduce((sum, row) => sum + row.count, 0)).toBe(counts.confirmed);
    expect(registrationsPerDay(db, id).filter((day) => day.count > 0).length).toBeGreaterThan(10);

    // One valid certificate per person present, and only for them.
    const certified = validCertificatesOfEdition(db, id);
    const present = db
      .select()
      .from(registrations)
      .where(eq(registrations.editionId, id))
      .all()
      .filter((row) => row.status === "confirmed" && row.checkedInAt !== null)
      .map((row) => row.id)
      .sort((a, b) => a - b);
    expect(certified.map((c) => c.registrationId).sort((a, b) => a! - b!)).toEqual(present);

    const organisations = participatingOrganisations(db, id);
    expect(organisations.reduce((sum, group) => sum + group.people, 0)).toBe(counts.checkedIn);
    expect(organisations.flatMap((group) => group.organisations).every((name) => /exemple/i.test(name))).toBe(true);

    const network = networkList(db, id);
    expect(network.length).toBeGreaterThan(0);
    expect(network.length).toBeLessThanOrEqual(counts.confirmed);

    const survey = surveyResults(db, id);
    expect(survey.invitation).toEqual({ present: counts.checkedIn, invited: counts.checkedIn, pending: 0 });
    expect(survey.responses).toBeGreaterThan(0);
    expect(survey.responses).toBeLessThanOrEqual(survey.invitation.invited);
  });

  it("keeps its example participants through the retention purge, while a real person of the same day is anonymised", () => {
    const held = edition();
    const real = db
      .insert(registrations)
      .values({
        editionId: held.id,
        firstName: "Vraie",
        lastName: "Personne",
        email: "vraie.personne@example.org",
        emailKey: "vraie.personne@example.org",
        organisation: "Structure réelle",
        structureType: "autre",
        consentAt: held.startsAt,
        status: "confirmed",
        tokenHash: "x".repeat(64),
      })
      .returning()
      .get();
    const examplesBefore = db.select().from(registrations).where(eq(registrations.example, true)).all();
    expect(examplesBefore.length).toBe(36);
    const longAfter = new Date(held.endsAt.getTime() + 400 * 86_400_000);
    const report = purgeExpiredPersonalData(db, { months: 12, now: longAfter });
    expect(report.registrations).toBe(1);
    expect(db.select().from(registrations).where(eq(registrations.id, real.id)).get()!.anonymisedAt).not.toBeNull();
    const examplesAfter = db.select().from(registrations).where(eq(registrations.example, true)).all();
    expect(examplesAfter.map((row) => [row.firstName, row.anonymisedAt])).toEqual(
      examplesBefore.map((row) => [row.firstName, null]),
    );
    expect(validCertificatesOfEdition(db, held.id).length).toBe(30);
  });

  it("sends nothing when the app starts: the invitations of the time are already sent", () => {
    const pending = db
      .select()
      .from(emails)
      .all()
      .filter((row) => row.status !== "sent");
    expect(pending).toEqual([]);
  });
});
