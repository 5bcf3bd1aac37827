import { parse } from "csv-parse/sync";
import { count, eq } from "drizzle-orm";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { auditLog, dispositifs } from "#db/schema.ts";
import {
  applyImport,
  CSV_COLUMNS,
  decodeCsv,
  directoryCsv,
  ImportFileError,
  IMPORT_TTL_MS,
  MAX_IMPORT_BYTES,
  openImport,
  previewImport,
  sealImport,
  type ImportPreview,
} from "#app/domain/directory/import.server.ts";
import {
  saveDispositif,
  setDispositifRetired,
  type DispositifInput,
} from "#app/domain/directory/dispositifs.server.ts";
import { dispositifInput } from "#tests/support/inputs.ts";
import { tempDb } from "#tests/support/temp-db.ts";

const { db } = tempDb();
/** An empty directory, to import the export of the first one into. */
const other = tempDb();
const actor = { userId: null };
const SECRET = "a-test-secret-that-is-long-enough-0123456789";

const utf8 = (text: string, bom = false) => new Uint8Array(Buffer.from(`${bom ? "\uFEFF" : ""}${text}`, "utf8"));
const windows1252 = (text: string) => new Uint8Array(iconv.encode(text, "windows-1252"));

function importAll(bytes: Uint8Array) {
  const preview = previewImport(db, bytes);
  const outcome = applyImport({ db, actor, now: new Date() }, bytes, preview.digest);
  if (outcome.status !== "applied") throw new Error("stale import");
  return { preview, outcome };
}

const rowAt = (preview: ImportPreview, line: number) => preview.rows.find((row) => row.line === line)!;
const reasonsAt = (preview: ImportPreview, line: number) => {
  const row = rowAt(preview, line);
  return row.status === "invalid" ? row.reasons.join(" | ") : `(${row.status})`;
};

const service = dispositifInput;
const newService = (overrides: Partial<DispositifInput>) =>
  saveDispositif({ db, actor, now: new Date() }, null, service(overrides));

describe("reading the file: encodings and separators", () => {
  const header = "Nom;Opérateur;Catégorie;Sous-catégorie;Publics;Communes";
  const line =
    "Éducateur de rue;Association exemple Œuvre d’été;Veille sociale;Maraude sociale;Personnes à la rue;Saint-Ouen-l’Aumône";
  const text = `${header}\r\n${line}\r\n`;

  it("decides the encoding by whether the bytes are valid UTF-8", () => {
    expect(decodeCsv(utf8(text))).toEqual({ text, encoding: "utf-8" });
    expect(decodeCsv(utf8(text, true))).toEqual({ text, encoding: "utf-8" });
    const legacy = decodeCsv(windows1252(text));
    expect(legacy.encoding).toBe("windows-1252");
    expect(legacy.text).toBe(text);
    // The bytes really differ: « É » is one byte in Windows-1252, two in UTF-8.
    expect(windows1252("É")).toEqual(new Uint8Array([0xc9]));
  });

  it.each([
    ["UTF-8 without BOM, ;", utf8(text), "utf-8", ";"],
    ["UTF-8 with BOM, ;", utf8(text, true), "utf-8", ";"],
    ["Windows-1252, ;", windows1252(text), "windows-1252", ";"],
    [
      "UTF-8 with BOM, , and quoted cells",
      utf8(
        `Nom,Opérateur,Catégorie,Sous-catégorie,Publics,Communes\n"Éducateur de rue","Association exemple Œuvre d’été",Veille sociale,Maraude sociale,"Personnes à la rue",Saint-Ouen-l’Aumône\n`,
        true,
      ),
      "utf-8",
      ",",
    ],
    [
      "Windows-1252, ,",
      windows1252(
        `Nom,Opérateur,Catégorie,Sous-catégorie,Publics,Communes\nÉducateur de rue,Association exemple Œuvre d’été,Veille sociale,Maraude sociale,Personnes à la rue,Saint-Ouen-l’Aumône\n`,
      ),
      "windows-1252",
      ",",
    ],
  ])("previews %s with the accents intact", (_label, bytes, encoding, delimiter) => {
    const preview = previewImport(db, bytes);
    expect(preview).toMatchObject({ encoding, delimiter, counts: { new: 1, changed: 0, unchanged: 0, invalid: 0 } });
    expect(preview.rows[0]).toMatchObject({
      line: 2,
      status: "new",
      name: "Éducateur de rue",
      operator: "Association exemple Œuvre d’été",
      category: "Veille sociale",
    });
  });

  it("lists in one cell with commas inside a ;-file, multi-line cells, and numbers rows as the spreadsheet does", () => {
    const file = utf8(
      'Nom;Opérateur;Catégorie;Publics;Description\nA;Asso;Insertion;"Jeunes, Familles";"Ligne 1\nLigne 2"\n\nB;Asso;Logement;;\n;;;;\n',
    );
    const preview = previewImport(db, file);
    expect(preview.rows.map((r) => [r.line, r.status])).toEqual([
      [2, "new"],
      [5, "invalid"],
    ]);
  });

  it("refuses a file it cannot use, saying why", () => {
    expect(() => previewImport(db, utf8(""))).toThrow(ImportFileError);
    expect(() => previewImport(db, utf8("   \n  "))).toThrow(/vide/);
    expect(() => previewImport(db, utf8("Nom;Catégorie\nA;Insertion\n"))).toThrow(
      /obligatoire manquante\u00a0: «\u00a0Opérateur\u00a0»/,
    );
    expect(() => previewImport(db, utf8("Intitulé;Structure\nA;B\n"))).toThrow(/Colonnes obligatoires manquantes/);
    expect(() => previewImport(db, utf8("Nom;Nom;Opérateur;Catégorie\n"))).toThrow(/apparaît deux fois/);
    expect(() => previewImport(db, utf8('Nom;Opérateur;Catégorie\n"A;B;Insertion\n'))).toThrow(/guillemets/);
    expect(() => previewImport(db, new Uint8Array(MAX_IMPORT_BYTES + 1).fill(65))).toThrow(/dépasse/);
  });

  it("ignores unknown columns and says so", () => {
    const preview = previewImport(db, utf8("Nom;Opérateur;Catégorie;Remarques internes\nA;Asso;Insertion;à revoir\n"));
    expect(preview.ignoredHeaders).toEqual(["Remarques internes"]);
    expect(preview.counts.new).toBe(1);
  });
});

describe("invalid rows, each with its reason", () => {
  const file = utf8(
    [
      "Identifiant;Nom;Opérateur;Catégorie;Communes;Téléphone;E-mail;Site web;Référentiel;Exemple",
      ";;Association exemple;Insertion;;;;;;", // 2 missing name
      ";Sans catégorie;Association exemple;Logement;;;;;;", // 3 unknown category
      ";Mauvais courriel;Association exemple;Insertion;;;pas-une-adresse;;;", // 4 invalid email
      ";Mauvais téléphone;Association exemple;Insertion;;12 34;;;;", // 5 invalid phone
      ";Mauvais site;Association exemple;Insertion;;;;ftp://exemple.org;;", // 6 invalid URL
      ";Mauvaise commune;Association exemple;Insertion;95000 Cergy;;;;;", // 7 unknown commune format
      ";Doublon;Association exemple;Insertion;;;;;;", // 8 first of a pair
      ";DOUBLON;association EXEMPLE;Veille sociale;;;;;;", // 9 the same service again
      ";Mauvaise année;Association exemple;Insertion;;;;;20x5;", // 10 invalid year
      ";Mauvais exemple;Association exemple;Insertion;;;;;;peut-être", // 11 invalid yes/no
      "Mon Identifiant;Mauvais identifiant;Association exemple;Insertion;;;;;;", // 12 invalid identifiant
      ";Sans opérateur;;Insertion;;;;;;", // 13 missing operator
      ";Tout et Cergy;Association exemple;Insertion;Tout le département, Cergy;;;;;", // 14 whole département plus a commune
      ";<b>Balise</b>;Association exemple;Insertion;;;;;;", // 15 markup
      ";Sens \u202einversé;Association exemple;Insertion;;;;;;", // 16 a direction override
    ].join("\n"),
  );
  const preview = previewImport(db, file);

  it("names the missing name, the unknown category, and every malformed contact", () => {
    expect(reasonsAt(preview, 2)).toBe("Nom manquant.");
    expect(reasonsAt(preview, 3)).toBe(
      "Catégorie inconnue «\u00a0Logement\u00a0» (attendu\u00a0: Insertion, Veille sociale ou Sanitaire et social).",
    );
    expect(reasonsAt(preview, 4)).toMatch(/^Adresse e-mail invalide «\u00a0pas-une-adresse\u00a0»/);
    expect(reasonsAt(preview, 5)).toMatch(/^Téléphone invalide «\u00a012 34\u00a0»/);
    expect(reasonsAt(preview, 6)).toMatch(/^Site web invalide «\u00a0ftp:\/\/exemple.org\u00a0»/);
    expect(reasonsAt(preview, 7)).toMatch(/^Format de commune inconnu «\u00a095000 Cergy\u00a0»/);
    expect(reasonsAt(preview, 10)).toMatch(/^Référentiel invalide «\u00a020x5\u00a0»/);
    expect(reasonsAt(preview, 11)).toMatch(/^Valeur «\u00a0peut-être\u00a0» non reconnue pour «\u00a0Exemple\u00a0»/);
    expect(reasonsAt(preview, 12)).toMatch(/^Identifiant invalide «\u00a0Mon Identifiant\u00a0»/);
    expect(reasonsAt(preview, 13)).toBe("Opérateur manquant.");
    expect(reasonsAt(preview, 14)).toMatch(/^Format de commune inconnu «\u00a0Tout le département\u00a0»/);
    expect(reasonsAt(preview, 15)).toMatch(/caractères non autorisés/);
    expect(reasonsAt(preview, 16)).toMatch(/caractères non autorisés/);
  });

  it("flags a service listed twice (accents and case aside), pointing at the first line", () => {
    expect(rowAt(preview, 8).status).toBe("new");
    expect(reasonsAt(preview, 9)).toBe("En double dans le fichier\u00a0: même dispositif que la ligne 8.");
  });

  it("counts and writes only the valid rows when confirmed", () => {
    expect(preview.counts).toEqual({ new: 1, changed: 0, unchanged: 0, invalid: 14 });
    const before = db.select({ n: count() }).from(dispositifs).get()!.n;
    const outcome = applyImport({ db, actor, now: new Date() }, file, preview.digest);
    expect(outcome).toEqual({ status: "applied", created: 1, updated: 0, invalid: 14 });
    expect(db.select({ n: count() }).from(dispositifs).get()!.n).toBe(before + 1);
  });
});

describe("importing, again and again", () => {
  const header =
    "Nom;Opérateur;Catégorie;Sous-catégorie;Publics;Communes;Description;Téléphone;E-mail;Site web;Référentiel";
  const rows = [
    "Maraude du soir;Association exemple Repères;veille sociale;Maraude sociale;Personnes à la rue, Familles;Argenteuil, Bezons;Tournées : trois soirs par semaine.;+33 1 99 00 40 01;Contact@Exemple.org;www.reperes.exemple.org;2025",
    "Équipe santé;Centre exemple;Sanitaire & social;EMSP;;Tout le département;;01.99.00.40.02;;;2025",
    "Emploi jeunes;Association exemple Cap;INSERTION;Insertion professionnelle;Jeunes;;;;;;",
  ];
  const file = utf8(`${header}\n${rows.join("\n")}\n`);

  it("creates the services in canonical form", () => {
    const { preview, outcome } = importAll(file);
    expect(preview.counts).toEqual({ new: 3, changed: 0, unchanged: 0, invalid: 0 });
    expect(outcome).toMatchObject({ created: 3, updated: 0 });
    const maraude = db.select().from(dispositifs).where(eq(dispositifs.name, "Maraude du soir")).get()!;
    expect(maraude).toMatchObject({
      slug: "maraude-du-soir",
      category: "veille_sociale",
      publics: "Personnes à la rue\nFamilles",
      communes: "Argenteuil\nBezons",
      description: "Tournées\u00a0: trois soirs par semaine.",
      phone: "01 99 00 40 01",
      email: "contact@exemple.org",
      website: "https://www.reperes.exemple.org",
      year: 2025,
      isExample: false,
      retiredAt: null,
    });
    const sante = db.select().from(dispositifs).where(eq(dispositifs.name, "Équipe santé")).get()!;
    expect(sante).toMatchObject({ category: "sanitaire_social", communes: null, phone: "01 99 00 40 02" });
  });

  it("changes nothing the second time: every row unchanged, nothing written, not even the journal", () => {
    const updatedAt = db.select({ id: dispositifs.id, updatedAt: dispositifs.updatedAt }).from(dispositifs).all();
    const audits = db.select({ n: count() }).from(auditLog).get()!.n;
    const preview = previewImport(db, file);
    expect(preview.counts).toEqual({ new: 0, changed: 0, unchanged: 3, invalid: 0 });
    expect(applyImport({ db, actor, now: new Date(Date.now() + 60_000) }, file, preview.digest)).toEqual({
      status: "applied",
      created: 0,
      updated: 0,
      invalid: 0,
    });
    expect(db.select({ id: dispositifs.id, updatedAt: dispositifs.updatedAt }).from(dispositifs).all()).toEqual(
      updatedAt,
    );
    expect(db.select({ n: count() }).from(auditLog).get()!.n).toBe(audits);
  });

  it("shows what changed, from what to what, and writes only that", () => {
    const edited = utf8(
      `${header}\n${rows[0]!.replace("+33 1 99 00 40 01", "01 99 00 40 09").replace("Argenteuil, Bezons", "Argenteuil")}\n${rows[1]}\n`,
    );
    const preview = previewImport(db, edited);
    expect(preview.counts).toEqual({ new: 0, changed: 1, unchanged: 1, invalid: 0 });
    const changed = rowAt(preview, 2);
    expect(changed.status === "changed" && changed.changes).toEqual([
      { field: "communes", label: "Communes", from: "Argenteuil, Bezons", to: "Argenteuil" },
      { field: "phone", label: "Téléphone", from: "01 99 00 40 01", to: "01 99 00 40 09" },
    ]);
    expect(applyImport({ db, actor, now: new Date() }, edited, preview.digest)).toMatchObject({
      created: 0,
      updated: 1,
    });
    expect(db.select().from(dispositifs).where(eq(dispositifs.name, "Maraude du soir")).get()).toMatchObject({
      phone: "01 99 00 40 09",
      communes: "Argenteuil",
    });
  });

  it("leaves alone the fields of columns the file does not have", () => {
    const partial = utf8(
      "Nom;Opérateur;Catégorie;Téléphone\nMaraude du soir;Association exemple Repères;Veille sociale;01 99 00 40 01\n",
    );
    const { preview } = importAll(partial);
    expect(preview.counts.changed).toBe(1);
    expect(db.select().from(dispositifs).where(eq(dispositifs.name, "Maraude du soir")).get()).toMatchObject({
      phone: "01 99 00 40 01",
      communes: "Argenteuil",
      email: "contact@exemple.org",
      year: 2025,
    });
  });

  it("refuses to write when the directory changed after the preview, and returns the new preview", () => {
    const edited = utf8(`${header}\n${rows[2]!.replace(";;;;;;", ";;;01 99 00 40 03;;;")}\n`);
    const preview = previewImport(db, edited);
    expect(preview.counts.changed).toBe(1);
    const emploi = db.select().from(dispositifs).where(eq(dispositifs.name, "Emploi jeunes")).get()!;
    saveDispositif({ db, actor, now: new Date() }, emploi.id, {
      ...service({
        name: "Emploi jeunes",
        operator: "Association exemple Cap",
        subCategory: "Insertion professionnelle",
        publics: "Jeunes",
      }),
      phone: "01 99 00 40 04",
    });
    const outcome = applyImport({ db, actor, now: new Date() }, edited, preview.digest);
    expect(outcome.status).toBe("stale");
    expect(db.select().from(dispositifs).where(eq(dispositifs.id, emploi.id)).get()!.phone).toBe("01 99 00 40 04");
  });

  it("uses the identifiant to match, to rename, and as the slug of a new service", () => {
    const renamed = utf8(
      "Identifiant;Nom;Opérateur;Catégorie\nmaraude-du-soir;Maraude du soir et de nuit;Association exemple Repères;Veille sociale\nnouvelle-fiche;Nouvelle fiche;Association exemple Repères;Insertion\n",
    );
    const { preview } = importAll(renamed);
    expect(preview.rows.map((r) => r.status)).toEqual(["changed", "new"]);
    expect(db.select().from(dispositifs).where(eq(dispositifs.slug, "maraude-du-soir")).get()!.name).toBe(
      "Maraude du soir et de nuit",
    );
    expect(db.select().from(dispositifs).where(eq(dispositifs.slug, "nouvelle-fiche")).get()!.name).toBe(
      "Nouvelle fiche",
    );
    // A new identifiant with the name and operator of an existing service would duplicate it.
    const twin = previewImport(
      db,
      utf8("Identifiant;Nom;Opérateur;Catégorie\nautre-id;Nouvelle fiche;Association exemple Repères;Insertion\n"),
    );
    expect(reasonsAt(twin, 2)).toMatch(/Un autre dispositif du répertoire porte déjà ce nom/);
  });

  it("retires and brings back through the Retiré column", () => {
    const retire = utf8("Nom;Opérateur;Catégorie;Retiré\nNouvelle fiche;Association exemple Repères;Insertion;oui\n");
    const { preview } = importAll(retire);
    const row = rowAt(preview, 2);
    expect(row.status === "changed" && row.changes).toEqual([
      { field: "retired", label: "Retiré", from: "non", to: "oui" },
    ]);
    expect(db.select().from(dispositifs).where(eq(dispositifs.slug, "nouvelle-fiche")).get()!.retiredAt).not.toBeNull();
    expect(previewImport(db, retire).counts.unchanged).toBe(1);
    importAll(utf8("Nom;Opérateur;Catégorie;Retiré\nNouvelle fiche;Association exemple Repères;Insertion;non\n"));
    expect(db.select().from(dispositifs).where(eq(dispositifs.slug, "nouvelle-fiche")).get()!.retiredAt).toBeNull();
  });
});

describe("export, then import", () => {
  it("writes the format the import reads: BOM, ;, CRLF, French headers, one row per service, retired ones included", () => {
    const tricky = newService({
      name: "=Service ; « piège »",
      operator: "Association exemple, avec virgule",
      category: "sanitaire_social",
      subCategory: "ESSIP",
      publics: "Personnes à la rue\nFamilles",
      communes: "Cergy\nSaint-Ouen-l’Aumône",
      description: 'Première ligne : avec « guillemets » et "doubles".\n\n- une liste\n- sur deux lignes',
      phone: "115",
      email: "essip@exemple.org",
      website: "https://essip.exemple.org/page?x=1",
      year: 2024,
      isExample: true,
    });
    const retired = newService({ name: "Ancien service", operator: "Association exemple" });
    setDispositifRetired({ db, actor, now: new Date() }, retired.id, true);

    const csv = directoryCsv(db);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain("\r\n");
    // Read by the parser, not by our code.
    const records = parse(csv.slice(1), { delimiter: ";" }) as string[][];
    expect(records[0]).toEqual(CSV_COLUMNS.map((c) => c.header));
    expect(records).toHaveLength(1 + db.select({ n: count() }).from(dispositifs).get()!.n);
    const trickyRow = records.find((r) => r[0] === tricky.slug)!;
    // A cell that starts like a formula is neutralised for spreadsheets.
    expect(trickyRow[1]).toBe("'=Service\u00a0; «\u00a0piège\u00a0»");
    expect(trickyRow.slice(3, 7)).toEqual([
      "Sanitaire et social",
      "ESSIP",
      "Personnes à la rue, Familles",
      "Cergy, Saint-Ouen-l’Aumône",
    ]);
    expect(records.find((r) => r[0] === retired.slug)!.at(-1)).toBe("oui");

    const preview = previewImport(db, utf8(csv));
    expect(preview.counts).toEqual({ new: 0, changed: 0, unchanged: records.length - 1, invalid: 0 });
    expect(applyImport({ db, actor, now: new Date() }, utf8(csv), preview.digest)).toMatchObject({
      created: 0,
      updated: 0,
    });
  });

  it("stays a no-op after a spreadsheet saves it again in Windows-1252, with , as separator", () => {
    const records = parse(directoryCsv(db).slice(1), { delimiter: ";" }) as string[][];
    const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
    const resaved = records.map((r) => r.map(quote).join(",")).join("\r\n");
    const preview = previewImport(db, windows1252(resaved));
    expect(preview.encoding).toBe("windows-1252");
    expect(preview.counts).toEqual({ new: 0, changed: 0, unchanged: records.length - 1, invalid: 0 });
  });

  it("recreates the same directory in an empty database", () => {
    const csv = directoryCsv(db);
    const preview = previewImport(other.db, utf8(csv));
    expect(preview.counts.invalid).toBe(0);
    applyImport({ db: other.db, actor, now: new Date() }, utf8(csv), preview.digest);
    const strip = (rows: Array<typeof dispositifs.$inferSelect>) =>
      rows
        .map(({ id: _id, createdAt: _c, updatedAt: _u, retiredAt, ...rest }) => ({
          ...rest,
          retired: retiredAt !== null,
        }))
        .sort((a, b) => a.slug.localeCompare(b.slug));
    expect(strip(other.db.select().from(dispositifs).all())).toEqual(strip(db.select().from(dispositifs).all()));
  });
});

describe("the file kept between preview and confirmation", () => {
  const bytes = utf8("Nom;Opérateur;Catégorie\nA;B;Insertion\n");
  const now = new Date("2026-11-26T10:00:00Z");

  it("opens for the organiser who uploaded it, within the hour", () => {
    const sealed = sealImport(SECRET, 7, bytes, now);
    expect(Buffer.from(openImport(SECRET, 7, sealed, new Date(now.getTime() + 10 * 60_000)))).toEqual(
      Buffer.from(bytes),
    );
  });

  it("refuses another organiser, a changed file, another secret and an old preview", () => {
    const sealed = sealImport(SECRET, 7, bytes, now);
    expect(() => openImport(SECRET, 8, sealed, now)).toThrow(/pas valable/);
    const [issued, , signature] = sealed.split(".");
    const forged = `${issued}.${Buffer.from("Nom;Opérateur;Catégorie\nX;Y;Insertion\n").toString("base64url")}.${signature}`;
    expect(() => openImport(SECRET, 7, forged, now)).toThrow(/pas valable/);
    expect(() => openImport(`${SECRET}-other`, 7, sealed, now)).toThrow(/pas valable/);
    expect(() => openImport(SECRET, 7, "garbage", now)).toThrow(ImportFileError);
    expect(() => openImport(SECRET, 7, sealed, new Date(now.getTime() + IMPORT_TTL_MS + 1))).toThrow(/expiré/);
  });
});

describe("export of rows stored before line breaks were normalised", () => {
  const legacy = tempDb();

  it("writes LF line breaks and no lone CR", () => {
    const entry = saveDispositif({ db: legacy.db, actor, now: new Date() }, null, service({ name: "Accueil de jour" }));
    legacy.db
      .update(dispositifs)
      .set({ description: "Ouvert le matin\rFermé le dimanche\r\n- douches" })
      .where(eq(dispositifs.id, entry.id))
      .run();
    const csv = directoryCsv(legacy.db);
    expect(csv).not.toMatch(/\r(?!\n)/);
    const records = parse(csv.slice(1), { delimiter: ";" }) as string[][];
    const column = CSV_COLUMNS.findIndex((c) => c.key === "description");
    expect(records.find((r) => r[0] === entry.slug)![column]).toBe("Ouvert le matin\nFermé le dimanche\n- douches");
  });
});
