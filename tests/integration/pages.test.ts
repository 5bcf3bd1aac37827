import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { articles, articleThemes, auditLog, editionThemes, themes } from "#db/schema.ts";
import {
  ArticleError,
  editionDocuments,
  saveArticle,
  themesIndex,
  type ArticleInput,
} from "#app/domain/articles/articles.server.ts";
import { acceptContribution } from "#app/domain/contributions/decisions.server.ts";
import { sessionChoices } from "#app/domain/contributions/admin.server.ts";
import { submitContribution } from "#app/domain/contributions/submissions.server.ts";
import { addAttachment, listAttachments, renameAttachment } from "#app/domain/documents/attachments.server.ts";
import { addSession } from "#app/domain/editions/programme.server.ts";
import { badgesPdf, signatureColumns } from "#app/domain/registrations/exports.server.ts";
import { register } from "#app/domain/registrations/registrations.server.ts";
import { parisWallTimeToUtc } from "#app/lib/time.ts";
import { onePagePdf, PNG } from "#tests/support/files.ts";
import { createEdition, ctx, person } from "#tests/support/fixtures.ts";
import { readPdfPages } from "#tests/support/pdf.ts";
import { articleInput, contributionInput, programmeItem } from "#tests/support/inputs.ts";
import { tempDb } from "#tests/support/temp-db.ts";

const { db, dir: dataDir } = tempDb();
const now = new Date("2026-12-06T12:00:00Z");
const DAY = 86_400_000;
const system = { userId: null };
const MAX = 5 * 1024 * 1024;

const pdfBytes = () => onePagePdf("Diaporama");

function article(overrides: Partial<ArticleInput> = {}): ArticleInput {
  return articleInput({
    title: `Synthèse ${Math.random()}`,
    bodyMarkdown: "## Ce qui s’est dit\n\nTexte.",
    ...overrides,
  });
}

describe("documents", () => {
  it("take their kind from their content, whatever the sender would have chosen", async () => {
    const edition = createEdition(db, now);
    const owner = { editionId: edition.id };
    await addAttachment({ db, actor: system, now: new Date() }, dataDir, {
      owner,
      title: "Programme",
      file: { source: await pdfBytes(), name: "programme.pdf" },
      maxBytes: MAX,
    });
    await addAttachment({ db, actor: system, now: new Date() }, dataDir, {
      owner,
      title: "Photo",
      file: { source: PNG, name: "photo.png" },
      maxBytes: MAX,
    });
    // The platform's own booklet keeps the kind it knows; no hint makes an image of a PDF.
    await addAttachment({ db, actor: system, now: new Date() }, dataDir, {
      owner,
      title: "Livret",
      kind: "booklet",
      file: { source: await pdfBytes(), name: "livret.pdf" },
      maxBytes: MAX,
    });
    expect(listAttachments(db, owner).map((row) => [row.title, row.kind])).toEqual([
      ["Programme", "document"],
      ["Photo", "image"],
      ["Livret", "booklet"],
    ]);
  });

  it("can be renamed, with the old and new titles in the journal", async () => {
    const edition = createEdition(db, now);
    const owner = { editionId: edition.id };
    const added = await addAttachment({ db, actor: system, now: new Date() }, dataDir, {
      owner,
      title: "Diapo",
      file: { source: await pdfBytes(), name: "d.pdf" },
      maxBytes: MAX,
    });
    const renamed = renameAttachment(
      {
        db,
        actor: {
          userId: null,
          ip: "127.0.0.1",
        },
        now: new Date(),
      },
      owner,
      added.id,
      "Diaporama de la table ronde",
    );
    expect(renamed.title).toBe("Diaporama de la table ronde");
    const entry = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "attachment.rename"), eq(auditLog.entityId, added.id)))
      .get();
    expect(JSON.parse(entry!.details!)).toMatchObject({ from: "Diapo", to: "Diaporama de la table ronde" });
    expect(() => renameAttachment({ db, actor: system, now: new Date() }, owner, added.id, "   ")).toThrow(
      "Indiquez le titre du document.",
    );
  });
});

describe("the accept menu of a contribution", () => {
  it("offers and accepts only programme items where someone speaks", () => {
    const edition = createEdition(db, now, {
      startsAt: parisWallTimeToUtc("2027-03-11", "09:00")!,
      endsAt: parisWallTimeToUtc("2027-03-11", "16:30")!,
      contributionsOpensAt: new Date(now.getTime() - DAY),
      contributionsClosesAt: new Date(now.getTime() + 20 * DAY),
    });
    const slot = (kind: "accueil" | "table_ronde" | "dejeuner" | "pause", title: string, start: string, end: string) =>
      addSession({ db, actor: system, now: new Date() }, edition.id, programmeItem(kind, title, start, end));
    slot("accueil", "Accueil", "09:00", "09:30");
    const tableRonde = slot("table_ronde", "Table ronde", "09:30", "11:00");
    const pause = slot("pause", "Pause", "11:00", "11:15");
    slot("dejeuner", "Déjeuner", "12:30", "13:30");
    expect(sessionChoices(db, edition.id).map((session) => session.title)).toEqual(["Table ronde"]);

    const outcome = submitContribution(db, ctx, edition.slug, contributionInput({ format: "table_ronde" }), now);
    if (outcome.outcome !== "submitted") throw new Error("not submitted");
    expect(() =>
      acceptContribution({ db, actor: system, now }, edition.id, outcome.contributionId, {
        sessionId: pause,
        message: null,
      }),
    ).toThrow(/prend la parole/);
    acceptContribution({ db, actor: system, now }, edition.id, outcome.contributionId, {
      sessionId: tableRonde,
      message: null,
    });
  });
});

describe("publishing a synthesis", () => {
  it("for an edition that has not taken place yet asks for a confirmation", () => {
    const future = createEdition(db, now);
    const refused = (() => {
      try {
        saveArticle({ db, actor: system, now }, null, article({ editionId: future.id }));
      } catch (error) {
        if (error instanceof ArticleError) return error;
        throw error;
      }
      throw new Error("expected a refusal");
    })();
    expect(refused.field).toBe("confirmEarly");
    expect(refused.message).toContain("n’a pas encore eu lieu");
    // A draft, a past edition, or a confirmed choice go through.
    saveArticle({ db, actor: system, now }, null, article({ editionId: future.id, status: "draft" }));
    const past = createEdition(db, new Date(now.getTime() - 90 * DAY));
    saveArticle({ db, actor: system, now }, null, article({ editionId: past.id }));
    const saved = saveArticle({ db, actor: system, now }, null, article({ editionId: future.id, confirmEarly: true }));
    expect(saved.status).toBe("published");
  });
});

describe("themes and an edition's documents", () => {
  it("the index lists each theme with its public editions and published syntheses", async () => {
    const edition = createEdition(db, new Date(now.getTime() - 90 * DAY));
    const theme = db.insert(themes).values({ slug: "hebergement-test", name: "Hébergement test" }).returning().get();
    db.insert(editionThemes).values({ editionId: edition.id, themeId: theme.id }).run();
    const synthesis = saveArticle(
      { db, actor: system, now },
      null,
      article({ editionId: edition.id, themeIds: [theme.id] }),
    );
    expect(db.select().from(articleThemes).where(eq(articleThemes.articleId, synthesis.id)).all()).toHaveLength(1);
    const entry = themesIndex(db, now).find((row) => row.slug === "hebergement-test")!;
    expect(entry.editions.map((row) => row.slug)).toEqual([edition.slug]);
    expect(entry.articles.map((row) => row.slug)).toEqual([synthesis.slug]);

    // The edition's page lists its own documents and those of its synthesis.
    await addAttachment({ db, actor: system, now: new Date() }, dataDir, {
      owner: { articleId: synthesis.id },
      title: "Diaporama de la journée",
      file: { source: await pdfBytes(), name: "d.pdf" },
      maxBytes: MAX,
    });
    expect(editionDocuments(db, edition.id, now).map((row) => row.title)).toEqual(["Diaporama de la journée"]);
    db.update(articles).set({ status: "draft" }).where(eq(articles.id, synthesis.id)).run();
    expect(editionDocuments(db, edition.id, now)).toEqual([]);
  });
});

describe("printed sheets", () => {
  it("a full day is signed morning and afternoon, a half day once", () => {
    const at = (time: string) => parisWallTimeToUtc("2027-03-11", time)!;
    expect(signatureColumns(at("09:00"), at("16:30"))).toEqual(["Matin", "Après-midi"]);
    expect(signatureColumns(at("09:00"), at("12:30"))).toEqual(["Signature"]);
    expect(signatureColumns(at("14:00"), at("17:00"))).toEqual(["Signature"]);
  });

  it("badges print the person's function", async () => {
    const edition = createEdition(db, now, { capacity: 10 });
    const outcome = register(db, ctx, edition.slug, person("badge", { role: "Cheffe de service" }), now);
    expect(outcome.outcome).toBe("confirmed");
    const [page] = await readPdfPages(await badgesPdf(db, ctx, edition.id, now));
    expect(page!.text).toContain("Cheffe de service");
  });
});
