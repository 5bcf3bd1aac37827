import { parseFeed } from "@rowanmanning/feed-parser";
import { describe, expect, it } from "vitest";
import { themes } from "#db/schema.ts";
import {
  ArticleError,
  archiveFilters,
  getPublishedArticle,
  listPublishedArticles,
  saveArticle,
  themeOverview,
  type ArticleInput,
} from "#app/domain/articles/articles.server.ts";
import { articlesAtomFeed } from "#app/domain/articles/feed.server.ts";
import { renderArticle, renderMarkdown, markdownToText } from "#app/lib/markdown.server.ts";
import { createEdition } from "#tests/support/fixtures.ts";
import { articleInput } from "#tests/support/inputs.ts";
import { tempDbAt } from "#tests/support/temp-db.ts";

const { db, now, noAccount: actor } = tempDbAt("2026-11-26T10:00:00Z");

function input(overrides: Partial<ArticleInput> = {}): ArticleInput {
  return articleInput({ publishedAt: new Date("2025-11-20T10:00:00Z"), ...overrides });
}

describe("rendering a synthesis", () => {
  const source = [
    "## 1. Premier temps",
    "",
    "Un texte avec une note[^1] et un [lien](https://www.cnil.fr).",
    "",
    "> Reformulée : aller au-devant des personnes.",
    ">",
    "> — d’après Cyprien Avenel (2023)",
    "",
    "- [x] Faire connaître les dispositifs",
    "- [x] Mutualiser les expériences",
    "",
    "| Période | Repère |",
    "|---|---|",
    "| 2005 | EMPP |",
    "",
    "## 1. Premier temps",
    "",
    "[^1]: Circulaire du 23 novembre 2005.",
  ].join("\n");
  const { html, toc } = renderArticle(source);

  it("gives headings unique ids and lists them for the table of contents", () => {
    expect(toc).toEqual([
      { id: "1-premier-temps", text: "1. Premier temps", level: 2 },
      { id: "1-premier-temps-2", text: "1. Premier temps", level: 2 },
    ]);
    expect(html).toContain('<h2 id="1-premier-temps">');
  });

  it("renders footnotes with a back-link to the text", () => {
    expect(html).toMatch(/<sup class="footnote-ref"><a href="#fn1" id="fnref1"/);
    expect(html).toContain('<li id="fn1" class="footnote-item">');
    expect(html).toContain('href="#fnref1" class="footnote-backref"');
    expect(html).toContain('<h2 id="notes">Notes</h2>');
  });

  it("keeps a quotation with its source, check-mark lists and tables", () => {
    expect(html).toMatch(
      /<figure class="quote"><blockquote>\n<p>Reformulée\u00a0: aller au-devant des personnes.<\/p>\n<\/blockquote>\n<figcaption>— d’après Cyprien Avenel \(2023\)<\/figcaption>\n<\/figure>/,
    );
    expect(html).toContain('<ul class="check-list">');
    expect(html).toContain('<li class="check-item">Faire connaître les dispositifs</li>');
    expect(html).toContain('<div class="table-wrap"><table>');
  });

  it("extracts the plain text for search", () => {
    const text = markdownToText(source);
    expect(text).toContain("Faire connaître les dispositifs");
    expect(text).not.toContain("[x]");
    expect(text).not.toContain("##");
    expect(text).toContain("Reformulée\u00a0: aller");
    // Blocks stay apart in a snippet: a heading does not run into its paragraph, nor a list item
    // into the next; a sentence's full stop is separation enough.
    expect(text).toMatch(/^1\. Premier temps · Un texte avec une note et un lien\. Reformulée/);
    expect(text).toContain("Faire connaître les dispositifs · Mutualiser les expériences · Période · Repère");
    expect(markdownToText("Du **gras**, de l’*italique*\net `du code`.")).toBe("Du gras, de l’italique et du code.");
  });

  it("neutralises every XSS payload of the list", () => {
    const payloads = [
      "<script>alert(1)</script>",
      '<img src=x onerror="alert(1)">',
      "[clic](javascript:alert(1))",
      "[clic](JaVaScRiPt:alert(1))",
      "[clic](vbscript:msgbox(1))",
      "[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
      "![x](javascript:alert(1))",
      '<iframe src="https://evil.example"></iframe>',
      '<a href="https://ok.example" onclick="alert(1)">x</a>',
      '<svg onload="alert(1)">',
      "<details open ontoggle=alert(1)>",
      '[x](https://ok.example "title\\" onmouseover=\\"alert(1)")',
      "<style>body{display:none}</style>",
      "&#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E;",
    ];
    for (const payload of payloads) {
      for (const output of [renderArticle(payload).html, renderMarkdown(payload)]) {
        expect(output, payload).not.toMatch(/<script|<iframe|<svg|<img[^>]*onerror|<style|<details/i);
        // Attribute values are quoted and escaped: an event handler can only hide outside of them.
        expect(output.replace(/"[^"]*"/g, '""'), payload).not.toMatch(/<[a-z][^>]*\son\w+\s*=/i);
        expect(output, payload).not.toMatch(/href="\s*(javascript|vbscript|data):/i);
        expect(output, payload).not.toMatch(/src="\s*javascript:/i);
      }
    }
  });

  it("renders a text once while it is read again and again, and an edited text afresh", () => {
    const first = renderArticle("## Une section\n\nUn paragraphe.");
    expect(renderArticle("## Une section\n\nUn paragraphe.")).toBe(first);
    const edited = renderArticle("## Une section\n\nUn paragraphe corrigé.");
    expect(edited).not.toBe(first);
    expect(edited.html).toContain("Un paragraphe corrigé.");
    expect(renderArticle("## Une section\n\nUn paragraphe.").html).toBe(first.html);
  });
});

describe("the archive", () => {
  const [aller, sante] = ["aller-vers", "sante-mentale"].map(
    (slug) => db.insert(themes).values({ slug, name: slug }).returning().get().id,
  ) as [number, number];
  const edition = createEdition(db, now, { title: "L’aller-vers", status: "held" });
  const a2025 = saveArticle(
    { db, actor, now },
    null,
    input({
      title: "Aller-vers 2025",
      themeIds: [aller],
      editionId: edition.id,
      publishedAt: new Date("2025-11-20T10:00:00Z"),
    }),
  );
  saveArticle(
    { db, actor, now },
    null,
    input({ title: "Santé 2026", themeIds: [sante], publishedAt: new Date("2026-05-01T10:00:00Z") }),
  );
  saveArticle(
    { db, actor, now },
    null,
    input({ title: "Réveillon", themeIds: [aller], publishedAt: new Date("2025-12-31T23:30:00Z") }),
  );
  saveArticle({ db, actor, now }, null, input({ title: "Brouillon", status: "draft", publishedAt: null }));

  it("lists published syntheses newest first, by theme and by year in Paris", () => {
    expect(listPublishedArticles(db, {}, now).articles.map((a) => a.title)).toEqual([
      "Santé 2026",
      "Réveillon",
      "Aller-vers 2025",
    ]);
    expect(listPublishedArticles(db, { theme: "aller-vers" }, now).articles.map((a) => a.title)).toEqual([
      "Réveillon",
      "Aller-vers 2025",
    ]);
    // 23:30 UTC on 31 December 2025 is already 2026 in Paris.
    expect(listPublishedArticles(db, { year: 2026 }, now).articles.map((a) => a.title)).toEqual([
      "Santé 2026",
      "Réveillon",
    ]);
    expect(listPublishedArticles(db, { year: 2025 }, now).articles.map((a) => a.title)).toEqual(["Aller-vers 2025"]);
    expect(archiveFilters(db, now).years).toEqual([2026, 2025]);
  });

  it("gives a unique slug, sets the publication date on publishing, and refuses an unknown edition", () => {
    const first = saveArticle({ db, actor, now }, null, input({ title: "Même titre", publishedAt: null }));
    const second = saveArticle({ db, actor, now }, null, input({ title: "Même titre", publishedAt: null }));
    expect(first.slug).toBe("meme-titre");
    expect(second.slug).toBe("meme-titre-2");
    expect(first.publishedAt?.toISOString()).toBe(now.toISOString());
    expect(() => saveArticle({ db, actor, now }, null, input({ editionId: 999_999 }))).toThrow(ArticleError);
  });

  it("links a synthesis to its edition, and gathers everything on a theme", () => {
    expect(getPublishedArticle(db, a2025.slug, now)?.edition?.title).toBe("L’aller-vers");
    expect(getPublishedArticle(db, "brouillon", now)).toBeNull();
    // Scheduled for later: not readable before its publication instant, readable from it on.
    const scheduled = saveArticle(
      { db, actor, now },
      null,
      input({ title: "Programmée", publishedAt: new Date(now.getTime() + 3_600_000) }),
    );
    expect(getPublishedArticle(db, scheduled.slug, now)).toBeNull();
    expect(getPublishedArticle(db, scheduled.slug, new Date(now.getTime() + 3_600_000))?.article.title).toBe(
      "Programmée",
    );
    const overview = themeOverview(db, "aller-vers", now)!;
    expect(overview.articles.map((a) => a.title)).toEqual(["Réveillon", "Aller-vers 2025"]);
    expect(themeOverview(db, "inconnu", now)).toBeNull();
  });

  it("publishes an Atom feed that an independent parser reads", () => {
    const feed = parseFeed(articlesAtomFeed(db, "https://cts.example.org", now));
    expect(feed.meta.type).toBe("atom");
    expect(feed.title).toBe("Synthèses des coordinations territoriales du SIAO 95");
    expect(feed.items.map((item) => item.title)).toContain("Aller-vers 2025");
    expect(feed.items.map((item) => item.title)).not.toContain("Brouillon");
    const item = feed.items.find((i) => i.title === "Aller-vers 2025")!;
    expect(item.url).toBe(`https://cts.example.org/syntheses/${a2025.slug}`);
    expect(item.published?.toISOString()).toBe("2025-11-20T10:00:00.000Z");
  });
});
