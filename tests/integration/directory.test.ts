import { parseWithZod } from "@conform-to/zod/v4";
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  articles,
  articleThemes,
  auditLog,
  dispositifCorrections,
  dispositifs,
  editionThemes,
  emails,
  themes,
} from "#db/schema.ts";
import { seedDispositifs, DEMO_DISPOSITIFS } from "#db/demo/dispositifs.ts";
import {
  directoryBooklet,
  activeDirectory,
  directoryLink,
  directoryPage,
  DispositifError,
  getPublicDispositif,
  listCorrections,
  listDispositifsAdmin,
  markDirectoryYear,
  requestCorrection,
  saveDispositif,
  setCorrectionStatus,
  setDispositifRetired,
  type DispositifInput,
} from "#app/domain/directory/dispositifs.server.ts";
import { search } from "#app/domain/site/search.server.ts";
import { publicPages } from "#app/domain/site/sitemap.server.ts";
import { setUserActive } from "#app/domain/accounts/users.server.ts";
import { correctionSchema, dispositifSchema } from "#app/forms/dispositif.ts";
import { createEdition, withContent } from "#tests/support/fixtures.ts";
import { dispositifInput } from "#tests/support/inputs.ts";
import { createStaffUser } from "#tests/support/staff.ts";
import { tempDb } from "#tests/support/temp-db.ts";

const { db } = tempDb();
const actor = { userId: null };
const now = new Date("2026-11-26T10:00:00Z");
const ctx = { appUrl: "http://cts.test" };

function service(overrides: Partial<DispositifInput> = {}): DispositifInput {
  return dispositifInput({ year: 2025, ...overrides });
}

/** Adds a directory entry, as an organiser saving the new-service form. */
function newService(overrides: Partial<DispositifInput> = {}) {
  return saveDispositif({ db, actor, now: new Date() }, null, service(overrides));
}

const names = (entries: Array<{ name: string }>) => entries.map((e) => e.name);

describe("writing a directory entry", () => {
  it("stores the canonical form: phone in pairs, lowercase email, https, French spacing, communes one per line", () => {
    const row = newService({
      name: "Équipe d'écoute : la nuit",
      operator: "Association exemple Veilleurs",
      phone: "+33 (0)1 99 00 50 01",
      email: "Nuit@Exemple.ORG",
      website: "veilleurs.exemple.org",
      communes: "Cergy, Pontoise\nCergy",
      publics: "Personnes à la rue; Familles",
    });
    expect(row).toMatchObject({
      slug: "equipe-d-ecoute-la-nuit",
      name: "Équipe d’écoute\u00a0: la nuit",
      phone: "01 99 00 50 01",
      email: "nuit@exemple.org",
      website: "https://veilleurs.exemple.org",
      communes: "Cergy\nPontoise",
      publics: "Personnes à la rue\nFamilles",
    });
    expect(newService({ name: "Tout le 95", communes: "Tout le département" }).communes).toBeNull();
  });

  it("refuses a second service with the same name and operator, an invalid value, and an unknown id", () => {
    expect(() => newService({ name: "EQUIPE D’ÉCOUTE : LA NUIT", operator: "association exemple veilleurs" })).toThrow(
      /porte déjà ce nom/,
    );
    try {
      newService({ name: "Autre", phone: "01 23" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DispositifError);
      expect((error as DispositifError).field).toBe("phone");
    }
    expect(() => saveDispositif({ db, actor, now: new Date() }, 999_999, service())).toThrow(/introuvable/);
  });

  it("keeps the slug when the name changes (shared links keep working), and gives a homonym its own", () => {
    const first = newService({ name: "Maraude", operator: "Association exemple A" });
    const second = newService({ name: "Maraude", operator: "Association exemple B" });
    expect([first.slug, second.slug]).toEqual(["maraude", "maraude-association-exemple-b"]);
    const renamed = saveDispositif(
      { db, actor, now: new Date() },
      first.id,
      service({ name: "Maraude du centre", operator: "Association exemple A" }),
    );
    expect(renamed.slug).toBe("maraude");
  });

  it("validates the organisers' form with the same rules, in French", () => {
    const form = new FormData();
    for (const [key, value] of Object.entries({
      name: "",
      operator: "Asso",
      category: "autre",
      phone: "12 34",
      website: "javascript:alert(1)",
      communes: "75001 Paris",
    })) {
      form.set(key, value);
    }
    const submission = parseWithZod(form, { schema: dispositifSchema });
    expect(submission.status).toBe("error");
    const errors = submission.reply().error!;
    expect(errors.name).toEqual(["Indiquez le nom du dispositif."]);
    expect(errors.category).toEqual(["Choisissez une catégorie."]);
    expect(errors.phone?.[0]).toMatch(/^Téléphone invalide/);
    expect(errors.website?.[0]).toMatch(/^Site web invalide/);
    expect(errors.communes?.[0]).toMatch(/^Format de commune inconnu/);
  });
});

describe("the public directory", () => {
  const local = tempDb().db;
  const add = (overrides: Partial<DispositifInput>) =>
    saveDispositif({ db: local, actor, now: new Date() }, null, service(overrides));
  const maraudeEst = add({
    name: "Maraude Est",
    category: "veille_sociale",
    subCategory: "Maraude sociale",
    publics: "Personnes à la rue",
    communes: "Gonesse\nSarcelles",
  });
  const maraudeCergy = add({
    name: "Maraude RDR",
    category: "veille_sociale",
    subCategory: "Maraude réduction des risques",
    publics: "Personnes à la rue\nUsagers de drogues",
    communes: "Cergy",
  });
  const emsp = add({
    name: "Équipe mobile santé",
    category: "sanitaire_social",
    subCategory: "EMSP",
    publics: "Personnes à la rue",
    communes: null,
  });
  const emploi = add({
    name: "Emploi mobile",
    category: "insertion",
    subCategory: "Insertion professionnelle",
    publics: "Jeunes",
    communes: "Cergy\nPontoise",
  });
  const scolaire = add({
    name: "Médiation scolaire",
    category: "insertion",
    subCategory: "Scolaire",
    publics: "Familles",
    communes: "Saint-Ouen-l’Aumône",
  });
  const retired = add({ name: "Ancienne maraude", category: "veille_sociale", communes: "Cergy" });
  setDispositifRetired({ db: local, actor, now: new Date() }, retired.id, true);

  it("counts per category as the booklet does, whatever the filters, and never shows retired services", () => {
    const all = directoryPage(local, {});
    expect(all.counts).toEqual({
      total: 5,
      examples: 0,
      byCategory: { insertion: 2, veille_sociale: 2, sanitaire_social: 1 },
    });
    // Category in the booklet's order, then sub-category, then name.
    expect(names(all.entries)).toEqual([
      "Emploi mobile",
      "Médiation scolaire",
      "Maraude RDR",
      "Maraude Est",
      "Équipe mobile santé",
    ]);
    expect(directoryPage(local, { category: "insertion" }).counts).toEqual(all.counts);
    expect(getPublicDispositif(local, retired.slug)).toBeNull();
    expect(getPublicDispositif(local, maraudeEst.slug)?.territory).toBe("Gonesse, Sarcelles");
    expect(getPublicDispositif(local, emsp.slug)?.territory).toBe("Tout le département");
  });

  it("filters by category, by public and by commune; a whole-département service serves every commune", () => {
    expect(names(directoryPage(local, { category: "veille_sociale" }).entries)).toEqual(["Maraude RDR", "Maraude Est"]);
    expect(names(directoryPage(local, { public: "personnes-a-la-rue" }).entries)).toEqual([
      "Maraude RDR",
      "Maraude Est",
      "Équipe mobile santé",
    ]);
    expect(names(directoryPage(local, { commune: "cergy" }).entries)).toEqual([
      "Emploi mobile",
      "Maraude RDR",
      "Équipe mobile santé",
    ]);
    expect(names(directoryPage(local, { commune: "saint-ouen-l-aumone" }).entries)).toEqual([
      "Médiation scolaire",
      "Équipe mobile santé",
    ]);
  });

  it("combines the filters", () => {
    expect(names(directoryPage(local, { category: "veille_sociale", commune: "cergy" }).entries)).toEqual([
      "Maraude RDR",
    ]);
    expect(names(directoryPage(local, { public: "personnes-a-la-rue", commune: "gonesse" }).entries)).toEqual([
      "Maraude Est",
      "Équipe mobile santé",
    ]);
    expect(
      names(
        directoryPage(local, { category: "sanitaire_social", public: "personnes-a-la-rue", commune: "pontoise" })
          .entries,
      ),
    ).toEqual(["Équipe mobile santé"]);
    expect(names(directoryPage(local, { category: "insertion", public: "personnes-a-la-rue" }).entries)).toEqual([]);
    expect(names(directoryPage(local, { commune: "commune-inconnue" }).entries)).toEqual(["Équipe mobile santé"]);
    expect(names(directoryPage(local, { public: "public-inconnu" }).entries)).toEqual([]);
  });

  it("offers as filter choices the publics and communes of the services shown, labelled as typed", () => {
    const { options, labels } = directoryPage(local, { commune: "saint-ouen-l-aumone" });
    expect(options.communes.map((o) => o.key)).toEqual([
      "cergy",
      "gonesse",
      "pontoise",
      "saint-ouen-l-aumone",
      "sarcelles",
    ]);
    expect(options.publics.map((o) => o.label)).toEqual([
      "Familles",
      "Jeunes",
      "Personnes à la rue",
      "Usagers de drogues",
    ]);
    expect(labels.commune).toBe("Saint-Ouen-l’Aumône");
  });

  it("prints the whole directory grouped by category, with the Référentiel year", () => {
    markDirectoryYear({ db: local, actor, now: new Date() }, 2026);
    const booklet = directoryBooklet(local);
    expect(booklet.year).toBe(2026);
    expect(booklet.groups.map((g) => [g.label, g.entries.length])).toEqual([
      ["Insertion", 2],
      ["Veille sociale", 2],
      ["Sanitaire et social", 1],
    ]);
    void [maraudeCergy, emploi, scolaire];
  });

  it("marks the yearly edition on every service still listed, and only those", () => {
    const changed = markDirectoryYear({ db: local, actor, now: new Date() }, 2027);
    expect(changed).toBe(5);
    expect(markDirectoryYear({ db: local, actor, now: new Date() }, 2027)).toBe(0);
    expect(local.select().from(dispositifs).where(eq(dispositifs.id, retired.id)).get()!.year).toBe(2025);
    expect(listDispositifsAdmin(local).year).toBe(2027);
    expect(() => markDirectoryYear({ db: local, actor, now: new Date() }, 1999)).toThrow(DispositifError);
  });

  it("lists retired services in the back-office, and un-retires them", () => {
    expect(listDispositifsAdmin(local).rows.find((r) => r.id === retired.id)?.retired).toBe(true);
    setDispositifRetired({ db: local, actor, now: new Date() }, retired.id, false);
    expect(directoryPage(local, {}).counts.total).toBe(6);
    setDispositifRetired({ db: local, actor, now: new Date() }, retired.id, true);
    const actions = local
      .select({ action: auditLog.action })
      .from(auditLog)
      .all()
      .map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(["dispositif.create", "dispositif.retire", "dispositif.unretire", "dispositif.year"]),
    );
  });

  it("gives the sitemap the directory and every listed service", () => {
    const paths = publicPages(local).map((p) => p.path);
    expect(paths).toContain("/dispositifs");
    expect(paths).toContain(`/dispositifs/${emsp.slug}`);
    expect(paths).not.toContain(`/dispositifs/${retired.slug}`);
  });
});

describe("search", () => {
  const titles = (q: string) =>
    search(db, q, { kind: "dispositif", now }).groups.flatMap((group) =>
      group.hits.map((hit) => hit.title.replace(/<\/?mark>/g, "")),
    );

  it("finds a service by an unaccented word of its name, operator, publics, communes or category", () => {
    const row = newService({
      name: "Éducateurs de rue du Vexin",
      operator: "Association exemple Sentinelle",
      category: "sanitaire_social",
      publics: "Adolescents en errance\nJeunes majeurs",
      communes: "Magny-en-Vexin\nMarines",
      description: "Présence éducative dans l’espace public.",
    });
    expect(titles("educateurs")).toEqual(["Éducateurs de rue du Vexin"]);
    expect(titles("sentinelle errance")).toEqual(["Éducateurs de rue du Vexin"]);
    expect(titles("magny")).toEqual(["Éducateurs de rue du Vexin"]);
    expect(titles("sanitaire educative")).toEqual(["Éducateurs de rue du Vexin"]);
    const hit = search(db, "educateurs", { now }).groups.find((g) => g.kind === "dispositif")!.hits[0]!;
    expect(hit.url).toBe(`/dispositifs/${row.slug}`);
    // The snippet keeps the fields apart and reads the lists as lists.
    const snippet = search(db, "marines", { now }).groups.find((g) => g.kind === "dispositif")!.hits[0]!.snippet;
    expect(snippet).toContain(
      "Adolescents en errance, Jeunes majeurs · Magny-en-Vexin, <mark>Marines</mark> · Présence",
    );
  });

  it("finds a service through the inflections a social worker types (« maraudes » for « Maraude »)", () => {
    newService({
      name: "Maraude sociale de nuit",
      operator: "Association exemple Lanterne",
      category: "veille_sociale",
      publics: "Personne isolée à la rue",
      communes: "Ermont",
      description: "Accompagnement vers l’hébergement.",
    });
    expect(titles("maraudes")).toContain("Maraude sociale de nuit");
    for (const query of ["maraudes sociales", "personnes isolees lanterne", "accompagnements lanterne"]) {
      expect(titles(query), query).toEqual(["Maraude sociale de nuit"]);
    }
  });

  it("follows edits, leaves the index when retired, comes back when un-retired, and leaves when deleted", () => {
    const row = db.select().from(dispositifs).where(eq(dispositifs.name, "Éducateurs de rue du Vexin")).get()!;
    saveDispositif(
      { db, actor, now: new Date() },
      row.id,
      service({
        name: "Présence de rue du Vexin",
        operator: "Association exemple Sentinelle",
        category: "sanitaire_social",
      }),
    );
    expect(titles("educateurs")).toEqual([]);
    expect(titles("presence")).toEqual(["Présence de rue du Vexin"]);
    setDispositifRetired({ db, actor, now: new Date() }, row.id, true);
    expect(titles("presence")).toEqual([]);
    expect(search(db, "presence vexin", { now }).groups.find((g) => g.kind === "dispositif")).toBeUndefined();
    setDispositifRetired({ db, actor, now: new Date() }, row.id, false);
    expect(titles("presence")).toEqual(["Présence de rue du Vexin"]);
    db.delete(dispositifs).where(eq(dispositifs.id, row.id)).run();
    expect(titles("presence")).toEqual([]);
  });
});

describe("corrections asked for by the public", () => {
  const target = newService({ name: "Accueil de jour mobile", operator: "Association exemple Relais" });

  it("stores the request and emails every active admin and organiser, through the outbox", async () => {
    const admin = await createStaffUser(db, "admin@siao95.example", "admin", "Alice Admin");
    await createStaffUser(db, "orga@siao95.example", "organiser", "Olivier Orga");
    await createStaffUser(db, "relecture@siao95.example", "reviewer", "Rita Relectrice");
    const gone = await createStaffUser(db, "parti@siao95.example", "organiser", "Paul Parti");
    setUserActive({ db, actor: { userId: admin.id }, now: new Date() }, gone.id, false);
    const before = db.select({ n: count() }).from(emails).get()!.n;

    const result = requestCorrection(
      db,
      ctx,
      target.slug,
      { name: "Nadia Relais", email: "nadia@exemple.org", field: "phone", message: "Nouveau numéro : 01 99 00 60 01" },
      now,
    );
    expect(result.notified).toBe(2);
    const stored = db.select().from(dispositifCorrections).where(eq(dispositifCorrections.id, result.id)).get()!;
    expect(stored).toMatchObject({
      dispositifId: target.id,
      requesterName: "Nadia Relais",
      requesterEmail: "nadia@exemple.org",
      field: "phone",
      status: "new",
    });
    expect(stored.message).toBe("Nouveau numéro\u00a0: 01 99 00 60 01");

    const sent = db.select().from(emails).all().slice(before).map(withContent);
    expect(sent.map((e) => e.toAddress).sort()).toEqual(["admin@siao95.example", "orga@siao95.example"]);
    for (const email of sent) {
      expect(email.kind).toBe("dispositif.correction");
      expect(email.status).toBe("pending");
      expect(email.subject).toBe("Demande de correction\u00a0: Accueil de jour mobile");
      expect(email.text).toContain("Nadia Relais (nadia@exemple.org)");
      expect(email.text).toContain("Téléphone");
      expect(email.text).toContain("Nouveau numéro\u00a0: 01 99 00 60 01");
      expect(email.text).toContain(`http://cts.test/dispositifs/${target.slug}`);
      expect(email.text).toContain("http://cts.test/admin/dispositifs/corrections");
    }
  });

  it("escapes what the person typed in the email", () => {
    requestCorrection(
      db,
      ctx,
      target.slug,
      { name: "X", email: "x@exemple.org", field: "other", message: "<script>alert(1)</script>" },
      now,
    );
    const last = withContent(db.select().from(emails).all().at(-1)!);
    expect(last.html).not.toContain("<script>");
    expect(last.html).toContain("&lt;script&gt;");
  });

  it("refuses a request for an unknown or retired service, writing nothing", () => {
    const before = db.select({ n: count() }).from(dispositifCorrections).get()!.n;
    const input = { name: "X", email: "x@exemple.org", field: "other" as const, message: "Test" };
    expect(() => requestCorrection(db, ctx, "inconnu", input, now)).toThrow(DispositifError);
    const retired = newService({ name: "Fermé", operator: "Association exemple Relais" });
    setDispositifRetired({ db, actor, now: new Date() }, retired.id, true);
    try {
      requestCorrection(db, ctx, retired.slug, input, now);
      expect.unreachable();
    } catch (error) {
      expect((error as DispositifError).status).toBe(404);
    }
    expect(db.select({ n: count() }).from(dispositifCorrections).get()!.n).toBe(before);
  });

  it("refuses bad input with a French message for each field", () => {
    const form = new FormData();
    for (const [key, value] of Object.entries({ name: "", email: "pas une adresse", field: "couleur", message: "   " }))
      form.set(key, value);
    const errors = parseWithZod(form, { schema: correctionSchema }).reply().error!;
    expect(errors).toEqual({
      name: ["Indiquez votre nom."],
      email: ["Cette adresse e-mail n’est pas valide (exemple\u00a0: prenom.nom@structure.fr)."],
      field: ["Choisissez ce qui est à corriger."],
      message: ["Décrivez la correction à apporter."],
    });
    const tooLong = new FormData();
    for (const [key, value] of Object.entries({
      name: "<b>",
      email: "a@exemple.org",
      field: "phone",
      message: "x".repeat(2001),
    }))
      tooLong.set(key, value);
    const longErrors = parseWithZod(tooLong, { schema: correctionSchema }).reply().error!;
    expect(longErrors.name?.[0]).toMatch(/caractères non autorisés/);
    expect(longErrors.message).toEqual(["2\u00a0000\u00a0caractères au maximum."]);
    const ok = new FormData();
    for (const [key, value] of Object.entries({
      name: "Nadia",
      email: "nadia@exemple.org",
      field: "phone",
      message: "Ligne 1\nLigne 2",
      siteWeb: "",
    }))
      ok.set(key, value);
    expect(parseWithZod(ok, { schema: correctionSchema }).status).toBe("success");
  });

  it("lists requests by status for the back-office, marks them handled and opens them again", () => {
    const [first] = listCorrections(db, "new");
    expect(first).toBeDefined();
    setCorrectionStatus({ db, actor: { userId: null }, now }, first!.id, "done");
    expect(listCorrections(db, "done").map((c) => c.id)).toContain(first!.id);
    expect(listCorrections(db, "new").map((c) => c.id)).not.toContain(first!.id);
    setCorrectionStatus({ db, actor: { userId: null }, now }, first!.id, "new");
    expect(listCorrections(db, "new").map((c) => c.id)).toContain(first!.id);
    expect(() => setCorrectionStatus({ db, actor: { userId: null }, now }, 999_999, "done")).toThrow(/introuvable/);
    expect(listDispositifsAdmin(db).newCorrections).toBeGreaterThan(0);
  });
});

describe("links from the aller-vers editions and syntheses", () => {
  it("shows the block on an edition or a synthesis of the aller-vers theme, not elsewhere", () => {
    const theme = db.insert(themes).values({ slug: "aller-vers", name: "Aller-vers" }).returning().get();
    const onTheme = createEdition(db, now);
    db.insert(editionThemes).values({ editionId: onTheme.id, themeId: theme.id }).run();
    const elsewhere = createEdition(db, now);
    const active = activeDirectory(db);
    const years = active.map((entry) => entry.year).filter((year): year is number => year !== null);
    expect(active.length).toBeGreaterThan(0);
    expect(directoryLink(db, { editionId: onTheme.id })).toEqual({
      total: active.length,
      examples: active.filter((entry) => entry.isExample).length,
      year: years.length ? Math.max(...years) : null,
    });
    expect(directoryLink(db, { editionId: elsewhere.id })).toBeNull();
    const ofEdition = db.insert(articles).values({ slug: "s1", title: "S1", editionId: onTheme.id }).returning().get();
    const themed = db.insert(articles).values({ slug: "s2", title: "S2" }).returning().get();
    db.insert(articleThemes).values({ articleId: themed.id, themeId: theme.id }).run();
    const other = db.insert(articles).values({ slug: "s3", title: "S3", editionId: elsewhere.id }).returning().get();
    expect(directoryLink(db, { articleId: ofEdition.id })).not.toBeNull();
    expect(directoryLink(db, { articleId: themed.id })).not.toBeNull();
    expect(directoryLink(db, { articleId: other.id })).toBeNull();
  });
});

describe("demo entries", () => {
  const demo = tempDb().db;

  it("are clearly examples, cover the three categories and the usual sub-categories, with fictitious contacts only", () => {
    expect(seedDispositifs(demo).created).toHaveLength(DEMO_DISPOSITIFS.length);
    const rows = demo.select().from(dispositifs).all();
    expect(rows.every((r) => r.isExample && r.name.includes("(exemple)") && r.year === 2025)).toBe(true);
    expect(new Set(rows.map((r) => r.category))).toEqual(new Set(["insertion", "veille_sociale", "sanitaire_social"]));
    expect(rows.map((r) => r.subCategory)).toEqual(
      expect.arrayContaining([
        "Maraude sociale",
        "Maraude réduction des risques",
        "EMSP",
        "ESSIP",
        "AVDL",
        "Insertion professionnelle",
        "Scolaire",
        "Accès aux droits",
      ]),
    );
    for (const row of rows) {
      expect(row.operator).toMatch(/exemple/i);
      if (row.phone) expect(row.phone).toMatch(/^01 99 00 \d\d \d\d$/);
      if (row.email) expect(row.email).toMatch(/@exemple\.org$|\.example$/);
      if (row.website) expect(new URL(row.website).hostname).toMatch(/(^|\.)exemple\.org$|\.example$/);
    }
  });

  it("are not duplicated by a second run", () => {
    const again = seedDispositifs(demo);
    expect(again.created).toEqual([]);
    expect(demo.select({ n: count() }).from(dispositifs).get()!.n).toBe(DEMO_DISPOSITIFS.length);
  });
});
