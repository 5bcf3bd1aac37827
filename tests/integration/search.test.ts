import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { editions, persons } from "#db/schema.ts";
import { deleteArticle, saveArticle, type ArticleInput } from "#app/domain/articles/articles.server.ts";
import { addSession, attachPerson } from "#app/domain/editions/programme.server.ts";
import { parseQuery, search } from "#app/domain/site/search.server.ts";
import { createEdition } from "#tests/support/fixtures.ts";
import { articleInput, newSpeaker, programmeItem } from "#tests/support/inputs.ts";
import { tempDb } from "#tests/support/temp-db.ts";
import { foldText } from "#app/lib/fold.ts";

const { db } = tempDb();
const now = new Date("2026-11-26T10:00:00Z");
const actor = { userId: null };

function article(title: string, body: string, overrides: Partial<ArticleInput> = {}) {
  return saveArticle(
    { db, actor, now },
    null,
    articleInput({ title, bodyMarkdown: body, publishedAt: new Date("2026-01-15T10:00:00Z"), ...overrides }),
  );
}

const titles = (q: string, kind?: "article" | "edition" | "session") =>
  search(db, q, { kind, now }).groups.flatMap((group) => group.hits.map((hit) => hit.title.replace(/<\/?mark>/g, "")));

describe("search on a fixed corpus", () => {
  const mobile = article("Les équipes mobiles en santé", "Les **équipes mobiles** vont vers les personnes à la rue.");
  const maraude = article(
    "Une nuit de maraude",
    "Récit de maraudes dans le Val-d’Oise, avec les équipes de la veille sociale.",
  );
  const logement = article("Le logement d’abord", "Accéder au logement sans étapes préalables.");
  article("Brouillon secret", "Ce texte parle de maraudes mais n’est pas publié.", { status: "draft" });
  article("Programmée plus tard", "Maraudes du futur.", { publishedAt: new Date("2027-06-01T10:00:00Z") });

  it("ignores accents and case: « equipes mobiles » finds « équipes mobiles »", () => {
    expect(titles("EQUIPES mobiles")).toEqual(["Les équipes mobiles en santé"]);
  });

  it("matches word beginnings: « marau » finds « maraudes »", () => {
    expect(titles("marau")).toEqual(["Une nuit de maraude"]);
  });

  it("does not require French stop words", () => {
    expect(titles("le logement d’abord")).toEqual(["Le logement d’abord"]);
    expect(titles("les hôpitaux")).toEqual([]);
    expect(titles("logement")).toEqual(["Le logement d’abord"]);
  });

  it("ranks a title match above a body-only match", () => {
    expect(titles("équipes")).toEqual(["Les équipes mobiles en santé", "Une nuit de maraude"]);
  });

  it("highlights the matched words in a snippet, and escapes everything else", () => {
    const evil = article("Note <b>brute</b>", "Un texte avec <script>alert('x')</script> et des maraudes.");
    const hit = search(db, "maraudes", { now }).groups[0]!.hits.find((h) => h.refId === evil.id)!;
    expect(hit.snippet).toContain("<mark>maraudes</mark>");
    expect(hit.snippet).not.toContain("<script>");
    expect(hit.title).toContain("&lt;b&gt;brute&lt;/b&gt;");
    expect(hit.url).toBe(`/syntheses/${evil.slug}`);
  });

  it("never shows drafts or syntheses scheduled for later", () => {
    expect(titles("secret")).toEqual([]);
    expect(titles("futur")).toEqual([]);
  });

  it("stays in sync when a synthesis is edited, unpublished and deleted", () => {
    saveArticle(
      { db, actor, now },
      maraude.id,
      articleInput({ title: "Une nuit de tournée", bodyMarkdown: "Récit d’une tournée de nuit." }),
    );
    expect(titles("marau").filter((t) => t.includes("nuit"))).toEqual([]);
    expect(titles("tournee")).toEqual(["Une nuit de tournée"]);
    saveArticle(
      { db, actor, now },
      maraude.id,
      articleInput({ title: "Une nuit de tournée", bodyMarkdown: "Récit.", status: "draft" }),
    );
    expect(titles("tournee")).toEqual([]);
    deleteArticle({ db, actor, now: new Date() }, logement.id);
    expect(titles("logement")).toEqual([]);
    void mobile;
  });

  it("finds editions and programme items of public editions only, and follows their changes", () => {
    const edition = createEdition(db, now, { title: "Santé mentale et précarité", status: "draft" });
    const roundTable = programmeItem("table_ronde", "Psychiatrie et rue", "10:00", "11:00");
    const session = addSession({ db, actor, now: new Date() }, edition.id, roundTable);
    const nadia = newSpeaker("Nadia BENALI", "psychiatre", "EMPP Sud");
    const person = attachPerson({ db, actor, now: new Date() }, edition.id, session, nadia, "intervenant");
    expect(titles("psychiatrie")).toEqual([]);
    db.update(editions).set({ status: "published" }).where(eq(editions.id, edition.id)).run();
    expect(titles("psychiatrie", "session")).toEqual(["Psychiatrie et rue"]);
    expect(titles("benali")).toEqual(["Psychiatrie et rue"]);
    const hit = search(db, "benali", { now }).groups[0]!.hits[0]!;
    expect(hit.url).toBe(`/editions/${edition.slug}#seance-${session}`);
    expect(hit.context).toBe("Santé mentale et précarité");
    db.update(persons).set({ name: "Nadia DURAND" }).where(eq(persons.id, person)).run();
    expect(titles("benali")).toEqual([]);
    expect(titles("durand")).toEqual(["Psychiatrie et rue"]);
    expect(titles("sante mentale", "edition")).toEqual(["Santé mentale et précarité"]);
    // A snippet keeps speakers apart, each as « name, role, organisation », in programme order.
    const karim = newSpeaker("Karim OUALI", null, "SIAO 95");
    attachPerson({ db, actor, now: new Date() }, edition.id, session, karim, "intervenant");
    expect(search(db, "ouali", { now }).groups[0]!.hits[0]!.snippet).toContain(
      "Nadia DURAND, psychiatre, EMPP Sud · Karim <mark>OUALI</mark>, SIAO 95",
    );
  });

  it("reads a synthesis' further reading as words: a link's text is found, its address is not", () => {
    const saved = article("Lectures choisies", "Un texte.", {
      furtherReadingMarkdown: "- **Rapport** : [un guide du wombat](https://example.org/tres/long/chemin)",
    });
    const hit = search(db, "wombat", { now }).groups[0]!.hits.find((h) => h.refId === saved.id)!;
    expect(hit.snippet).toContain("Un texte. Rapport\u00a0: un guide du <mark>wombat</mark>");
    expect(titles("chemin")).toEqual([]);
  });

  it("drops an edition's blank objective lines and a « · » typed at a field's end", () => {
    const edition = createEdition(db, now, {
      title: "Objectifs espacés",
      status: "published",
      subtitle: "Sous-titre ·",
      objectives: "· Se connaître\r\n\r\n  \n\nTravailler ensemble ·\n",
    });
    const hit = search(db, "objectifs espaces", { now }).groups[0]!.hits.find((h) => h.refId === edition.id)!;
    expect(hit.snippet).toMatch(/^Sous-titre · Se connaître · Travailler ensemble · Salle \d+, Cergy$/);
  });

  it("keeps a synthesis' heading apart from the paragraph under it in a snippet", () => {
    const saved = article("Tenir la distance", "## 2. La posture\n\nAller vers sans brusquer, et revenir.");
    const hit = search(db, "brusquer", { now }).groups[0]!.hits.find((h) => h.refId === saved.id)!;
    expect(hit.snippet).toContain("2. La posture · Aller vers sans <mark>brusquer</mark>, et revenir.");
  });

  it("groups results by kind and pages through one kind", () => {
    for (let i = 0; i < 12; i++) article(`Veille sociale ${i}`, "Le 115 et les maraudes.");
    const grouped = search(db, "veille", { now, perKind: 5 });
    const articles = grouped.groups.find((g) => g.kind === "article")!;
    expect(articles.hits).toHaveLength(5);
    expect(articles.total).toBeGreaterThanOrEqual(12);
    const page2 = search(db, "veille", { now, kind: "article", page: 2, pageSize: 10 }).groups[0]!;
    expect(page2.hits.length).toBe(articles.total - 10);
    const page1 = search(db, "veille", { now, kind: "article", page: 1, pageSize: 10 }).groups[0]!;
    const ids = [...page1.hits, ...page2.hits].map((hit) => hit.refId);
    expect(new Set(ids).size).toBe(articles.total);
    expect(page1.hits.slice(0, 5).map((hit) => hit.refId)).toEqual(articles.hits.map((hit) => hit.refId));
  });

  it("counts every visible hit of each kind, in the order of the kinds", () => {
    for (let i = 0; i < 3; i++) article(`Plan grand froid ${i}`, "Mise à l’abri hivernale.");
    article("Plan grand froid en brouillon", "Hivernale.", { status: "draft" });
    article("Plan grand froid à venir", "Hivernale.", { publishedAt: new Date("2027-01-10T10:00:00Z") });
    const edition = createEdition(db, now, { title: "Rencontre hivernale", status: "published" });
    addSession(
      { db, actor, now: new Date() },
      edition.id,
      programmeItem("table_ronde", "Bilan de la saison hivernale", "10:00", "11:00"),
    );
    const found = search(db, "hivernale", { now, perKind: 2 });
    expect(found.groups.map((group) => [group.kind, group.total, group.hits.length])).toEqual([
      ["article", 3, 2],
      ["edition", 1, 1],
      ["session", 1, 1],
    ]);
    expect(search(db, "hivernale", { now, kind: "session" }).groups.map((group) => group.total)).toEqual([1]);
    // Once the scheduled synthesis is public, it counts and shows.
    const later = new Date("2027-02-01T10:00:00Z");
    expect(search(db, "hivernale", { now: later, kind: "article" }).groups[0]!.total).toBe(4);
  });

  it("matches the words of titles and texts only, not the kind each entry is filed under", () => {
    const edition = createEdition(db, now, { title: "Rencontre de printemps", status: "published" });
    addSession(
      { db, actor, now: new Date() },
      edition.id,
      programmeItem("table_ronde", "Accueil des participants", "09:00", "09:30"),
    );
    expect(titles("session")).toEqual([]);
    expect(titles("edition")).toEqual([]);
    expect(titles("article")).toEqual([]);
  });
});

describe("what readers type", () => {
  it("answers empty, absurd and stop-word-only queries politely instead of failing", () => {
    expect(parseQuery("")).toEqual({ ok: false, reason: "empty" });
    expect(parseQuery("   !!! ??? ")).toEqual({ ok: false, reason: "empty" });
    expect(parseQuery("le la les de")).toEqual({ ok: false, reason: "only_stop_words" });
    expect(parseQuery("a".repeat(201))).toEqual({ ok: false, reason: "too_long" });
  });

  it("cannot inject FTS5 syntax", () => {
    for (const q of [
      '"unbalanced',
      "NEAR(a b)",
      "maraude OR *",
      "title:secret",
      "a AND NOT b",
      "-- ; drop table articles",
    ]) {
      expect(() => search(db, q, { now })).not.toThrow();
    }
    expect(parseQuery('maraude" OR "x')).toMatchObject({
      ok: true,
      terms: ["maraude", "or", "x"],
      match:
        '({title body} : "maraude"* OR {title_stems body_stems} : "maraud") AND ' +
        '({title body} : "or"* OR {title_stems body_stems} : "or") AND ' +
        '({title body} : "x"* OR {title_stems body_stems} : "x")',
    });
  });
});

describe("French stemming", () => {
  // A database of its own: each pair below is alone in it with the words it is about.
  const stemmed = tempDb().db;
  const publish = (title: string, body = "Une fiche du répertoire.") =>
    saveArticle(
      { db: stemmed, actor, now },
      null,
      articleInput({ title, bodyMarkdown: body, publishedAt: new Date("2026-01-15T10:00:00Z") }),
    );
  const found = (q: string) =>
    search(stemmed, q, { kind: "article", now }).groups.flatMap((group) =>
      group.hits.map((hit) => hit.title.replace(/<\/?mark>/g, "")),
    );

  // What a reader types, and the form the text uses: each finds the other.
  const PAIRS = [
    ["maraudes", "maraude"],
    ["équipes mobiles", "équipe mobile"],
    ["accompagnements", "accompagnement"],
    ["sociales", "social"],
    ["précarités", "précarité"],
  ] as const;

  it.each(PAIRS)("« %s » and « %s » find each other, accents or not", (inflected, plain) => {
    const a = publish(`Fiche A sur ${inflected}`);
    const b = publish(`Fiche B sur ${plain}`);
    try {
      for (const query of [inflected, plain, foldText(inflected), foldText(plain)]) {
        expect(found(query).sort(), query).toEqual([`Fiche A sur ${inflected}`, `Fiche B sur ${plain}`]);
      }
    } finally {
      deleteArticle({ db: stemmed, actor, now: new Date() }, a.id);
      deleteArticle({ db: stemmed, actor, now: new Date() }, b.id);
    }
  });

  // The plain forms are also prefixes of the inflected ones, which count as written: the ranking
  // shows where the query's words are not a prefix of the stem-only match.
  it.each([...PAIRS.map(([inflected, plain]) => [inflected, plain] as const), ["social", "sociaux"] as const])(
    "ranks the exact words « %s » above the stem-only « %s »",
    (query, other) => {
      // The stem-only match is written first and is the shorter text: neither the order of writing
      // nor bm25's preference for short texts puts the exact match first.
      const a = publish(`Sur ${other}`);
      const b = publish(`Fiche détaillée sur ${query}, pour le répertoire départemental`);
      try {
        expect(found(query)).toEqual([
          `Fiche détaillée sur ${query}, pour le répertoire départemental`,
          `Sur ${other}`,
        ]);
      } finally {
        deleteArticle({ db: stemmed, actor, now: new Date() }, a.id);
        deleteArticle({ db: stemmed, actor, now: new Date() }, b.id);
      }
    },
  );

  it("keeps a stem from matching unrelated words, and prefixes still work", () => {
    const a = publish("Les maraudeurs de la nuit");
    const b = publish("Une maraude");
    try {
      expect(found("marau").sort()).toEqual(["Les maraudeurs de la nuit", "Une maraude"]);
      expect(found("maraudes")).toEqual(["Une maraude"]);
      expect(found("hôpitaux")).toEqual([]);
    } finally {
      deleteArticle({ db: stemmed, actor, now: new Date() }, a.id);
      deleteArticle({ db: stemmed, actor, now: new Date() }, b.id);
    }
  });

  it("follows edits: the stems of a rewritten text replace the old ones", () => {
    const a = publish("Les précarités", "Accompagnements sociaux.");
    try {
      expect(found("sociales")).toEqual(["Les précarités"]);
      saveArticle(
        { db: stemmed, actor, now },
        a.id,
        articleInput({
          title: "Les équipes",
          slug: a.slug,
          bodyMarkdown: "Rien de plus.",
          publishedAt: new Date("2026-01-15T10:00:00Z"),
        }),
      );
      expect(found("sociales")).toEqual([]);
      expect(found("précarité")).toEqual([]);
      expect(found("équipe")).toEqual(["Les équipes"]);
    } finally {
      deleteArticle({ db: stemmed, actor, now: new Date() }, a.id);
    }
  });
});
