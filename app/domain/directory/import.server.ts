import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import iconv from "iconv-lite";
import { dispositifs } from "#db/schema.ts";
import { immediate, type Db } from "#app/lib/db.server.ts";
import { foldText } from "#app/lib/fold.ts";
import { frenchTypography, normaliseLineBreaks } from "#app/lib/typography.ts";
import { recordAudit } from "#app/domain/shared/audit.server.ts";
import {
  checkYesNo,
  DIRECTORY_IMPORT_MAX_BYTES,
  DISPOSITIF_FIELDS,
  EMPTY_DISPOSITIF_VALUES,
  FIELD_CHECKS,
  identityKey,
  listItems,
  SLUG_PATTERN,
  territoryLabel,
  WHOLE_DEPARTEMENT,
  type DispositifField,
  type DispositifValues,
} from "./values.ts";
import {
  changedFields,
  compareEntries,
  uniqueDispositifSlug,
  valuesOf,
  type Dispositif,
} from "./dispositifs.server.ts";
import { DISPOSITIF_CATEGORY_LABELS, type DispositifCategory } from "#app/domain/shared/vocabulary.ts";
import type { Act } from "#app/domain/shared/actor.ts";

// The directory as a spreadsheet: the organisers export it, edit it in Excel or LibreOffice, and
// import it back; or they import the list they already keep. The import is a preview first
// (every row new, changed, unchanged or invalid, with the reason), then, once confirmed, one
// transaction. The same file twice changes nothing, and export → import is a no-op.

export const MAX_IMPORT_BYTES = DIRECTORY_IMPORT_MAX_BYTES;
/** How long a preview can be confirmed. */
export const IMPORT_TTL_MS = 60 * 60_000;

export class ImportFileError extends Error {
  constructor(message: string) {
    super(frenchTypography(message));
  }
}

type ColumnKey = DispositifField | "slug" | "retired";

/** The columns of the file, in the order of the export; headers are matched without accents or case. */
export const CSV_COLUMNS: ReadonlyArray<{
  key: ColumnKey;
  header: string;
  aliases: readonly string[];
  required?: boolean;
  help: string;
}> = [
  {
    key: "slug",
    header: "Identifiant",
    aliases: ["identifiant", "id", "slug"],
    help: "L’adresse de la fiche (/dispositifs/identifiant). Vide pour un nouveau dispositif ; à garder tel quel sinon.",
  },
  {
    key: "name",
    header: "Nom",
    aliases: ["nom", "nom du dispositif", "dispositif"],
    required: true,
    help: "Obligatoire.",
  },
  {
    key: "operator",
    header: "Opérateur",
    aliases: ["operateur", "structure", "porteur", "organisme"],
    required: true,
    help: "La structure qui porte le dispositif. Obligatoire.",
  },
  {
    key: "category",
    header: "Catégorie",
    aliases: ["categorie"],
    required: true,
    help: "Insertion, Veille sociale ou Sanitaire et social. Obligatoire.",
  },
  {
    key: "subCategory",
    header: "Sous-catégorie",
    aliases: ["sous categorie"],
    help: "Par exemple : Maraude sociale, EMSP, AVDL, Accès aux droits.",
  },
  {
    key: "publics",
    header: "Publics",
    aliases: ["publics", "public", "public cible", "publics cibles"],
    help: "Séparés par des virgules.",
  },
  {
    key: "communes",
    header: "Communes",
    aliases: ["communes", "commune", "territoire"],
    help: `Noms de communes séparés par des virgules, ou « ${WHOLE_DEPARTEMENT} » (une case vide veut dire la même chose).`,
  },
  {
    key: "description",
    header: "Description",
    aliases: ["description", "description courte", "presentation"],
    help: "Quelques lignes, 2 000 caractères au maximum.",
  },
  {
    key: "phone",
    header: "Téléphone",
    aliases: ["telephone", "tel"],
    help: "10 chiffres (01 99 00 12 34, +33 1 99 00 12 34…) ou un numéro court (115).",
  },
  {
    key: "email",
    header: "E-mail",
    aliases: ["e mail", "email", "courriel", "adresse e mail", "mail"],
    help: "Une adresse.",
  },
  {
    key: "website",
    header: "Site web",
    aliases: ["site web", "site", "site internet", "url"],
    help: "https:// est ajouté s’il manque.",
  },
  {
    key: "year",
    header: "Référentiel",
    aliases: ["referentiel", "annee", "annee du referentiel"],
    help: "L’année du référentiel pour lequel la fiche a été vérifiée, par exemple 2025.",
  },
  {
    key: "isExample",
    header: "Exemple",
    aliases: ["exemple"],
    help: "oui pour une fiche d’exemple (démonstration), sinon non ou vide.",
  },
  {
    key: "retired",
    header: "Retiré",
    aliases: ["retire", "retiree"],
    help: "oui pour retirer le dispositif du répertoire public, non pour l’y remettre.",
  },
];

const FIELD_LABELS: Record<ColumnKey, string> = Object.fromEntries(CSV_COLUMNS.map((c) => [c.key, c.header])) as Record<
  ColumnKey,
  string
>;

// ---------------------------------------------------------------- reading the file

export type Encoding = "utf-8" | "windows-1252";

/**
 * Bytes to text. A spreadsheet saves either UTF-8 (with or without a BOM) or, on Windows, the
 * ANSI code page (Windows-1252): bytes that are not valid UTF-8 are read as Windows-1252.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: Encoding } {
  try {
    // `fatal` throws on the first invalid sequence; the BOM, if any, is dropped.
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), "windows-1252"), encoding: "windows-1252" };
  }
}

const headerKey = (header: string) =>
  foldText(header)
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/** The separator of the header line (outside quotes): `;` from French Excel, `,` elsewhere, or a tab. */
function detectDelimiter(text: string): ";" | "," | "\t" {
  const firstLine = text.split("\n").find((line) => line.trim()) ?? "";
  const outsideQuotes = firstLine.replace(/"[^"]*"/g, "");
  const counts = ([";", ",", "\t"] as const).map((d) => ({ d, n: outsideQuotes.split(d).length - 1 }));
  const best = counts.reduce((a, b) => (b.n > a.n ? b : a));
  return best.n > 0 ? best.d : ";";
}

/** Undoes the quote the export puts before a cell that a spreadsheet would take for a formula. */
function unescapeCell(value: string): string {
  return /^'[=+\-@\t\r\n]/.test(value) ? value.slice(1) : value;
}

export type ParsedCsv = {
  delimiter: ";" | "," | "\t";
  columns: ColumnKey[];
  ignoredHeaders: string[];
  rows: Array<{ line: number; cells: Partial<Record<ColumnKey, string>> }>;
};

export function parseDirectoryCsv(text: string): ParsedCsv {
  const normalised = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (!normalised.trim()) throw new ImportFileError("Le fichier est vide.");
  const delimiter = detectDelimiter(normalised);
  let records: Array<{ record: string[]; info: { lines: number }; raw: string }>;
  try {
    records = parse(normalised, {
      delimiter,
      info: true,
      raw: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line =
      typeof (error as { lines?: unknown }).lines === "number"
        ? ` (vers la ligne ${(error as { lines: number }).lines})`
        : "";
    throw new ImportFileError(`Le fichier n’a pas pu être lu comme un tableau CSV${line} : vérifiez les guillemets.`);
  }
  const [header, ...body] = records;
  if (!header) throw new ImportFileError("Le fichier est vide.");

  const columns: Array<ColumnKey | null> = [];
  const ignoredHeaders: string[] = [];
  for (const cell of header.record) {
    const key = headerKey(cell);
    const column = CSV_COLUMNS.find((c) => c.aliases.includes(key));
    if (!column) {
      columns.push(null);
      if (cell.trim()) ignoredHeaders.push(cell.trim());
      continue;
    }
    if (columns.includes(column.key)) throw new ImportFileError(`La colonne « ${column.header} » apparaît deux fois.`);
    columns.push(column.key);
  }
  const missing = CSV_COLUMNS.filter((c) => c.required && !columns.includes(c.key)).map((c) => `« ${c.header} »`);
  if (missing.length) {
    throw new ImportFileError(
      `Colonne${missing.length > 1 ? "s" : ""} obligatoire${missing.length > 1 ? "s" : ""} manquante${missing.length > 1 ? "s" : ""} : ${missing.join(", ")}. La première ligne doit porter les noms des colonnes, séparés par des points-virgules ou des virgules.`,
    );
  }

  const rows = body
    // A spreadsheet saves trailing rows of empty cells (« ;;;; »): they are not entries.
    .filter(({ record }) => record.some((cell) => cell.trim()))
    .map(({ record, info, raw }) => {
      // The line where the row starts, as the spreadsheet numbers it (a quoted cell may span lines).
      const inner = raw.replace(/^\n+/, "").replace(/\n$/, "");
      const line = info.lines - (inner.match(/\n/g)?.length ?? 0);
      const cells: Partial<Record<ColumnKey, string>> = {};
      columns.forEach((key, index) => {
        if (key) cells[key] = unescapeCell(record[index] ?? "");
      });
      return { line, cells };
    });
  return { delimiter, columns: columns.filter((c): c is ColumnKey => c !== null), ignoredHeaders, rows };
}

// ---------------------------------------------------------------- preview

export type ImportChange = { field: ColumnKey; label: string; from: string; to: string };

export type ImportRow =
  | { line: number; status: "new"; name: string; operator: string; category: string }
  | { line: number; status: "changed"; name: string; slug: string; changes: ImportChange[] }
  | { line: number; status: "unchanged"; name: string; slug: string }
  | { line: number; status: "invalid"; name: string | null; reasons: string[] };

export type ImportPreview = {
  encoding: Encoding;
  delimiter: ";" | "," | "\t";
  ignoredHeaders: string[];
  rows: ImportRow[];
  counts: Record<ImportRow["status"], number>;
  /** Fingerprint of what confirming would write: a confirmation is refused if it changed meanwhile. */
  digest: string;
};

type Action =
  | { kind: "insert"; slug: string | null; values: DispositifValues; retired: boolean }
  | { kind: "update"; id: number; values: Partial<DispositifValues>; retired?: boolean };

function display(field: ColumnKey, value: unknown): string {
  if (value === null || value === undefined || value === "") return "(vide)";
  switch (field) {
    case "category":
      return DISPOSITIF_CATEGORY_LABELS[value as DispositifCategory];
    case "isExample":
    case "retired":
      return value ? "oui" : "non";
    case "publics":
      return listItems(value as string).join(", ");
    case "communes":
      return territoryLabel(value as string);
    default:
      return String(value);
  }
}

/** Reads the file against the directory as it is now: what each row would do, and the writes. */
function planImport(db: Db, bytes: Uint8Array): { preview: ImportPreview; actions: Action[] } {
  if (bytes.byteLength === 0) throw new ImportFileError("Le fichier est vide.");
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    throw new ImportFileError(
      `Le fichier dépasse ${Math.round(MAX_IMPORT_BYTES / 1024)} Ko : découpez-le en plusieurs fichiers.`,
    );
  }
  const { text, encoding } = decodeCsv(bytes);
  const csv = parseDirectoryCsv(text);

  const existing = db.select().from(dispositifs).all();
  const bySlug = new Map(existing.map((row) => [row.slug, row]));
  const byKey = new Map<string, Dispositif[]>();
  for (const row of existing) {
    const key = identityKey(row.name, row.operator);
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  const seenSlugs = new Map<string, number>();
  const seenKeys = new Map<string, number>();
  const seenTargets = new Map<number, number>();

  const rows: ImportRow[] = [];
  const actions: Action[] = [];
  for (const { line, cells } of csv.rows) {
    const reasons: string[] = [];
    const checked: Partial<DispositifValues> = {};
    for (const field of DISPOSITIF_FIELDS) {
      if (!csv.columns.includes(field)) continue;
      const result = FIELD_CHECKS[field](cells[field] ?? "");
      if (result.ok) (checked as Record<string, unknown>)[field] = result.value;
      else reasons.push(result.error);
    }
    let retired: boolean | undefined;
    if (csv.columns.includes("retired")) {
      const result = checkYesNo(cells.retired ?? "", "Retiré");
      if (result.ok) retired = result.value;
      else reasons.push(result.error);
    }
    const slugCell = (cells.slug ?? "").trim();
    const slug = slugCell && SLUG_PATTERN.test(slugCell) && slugCell.length <= 80 ? slugCell : null;
    if (slugCell && !slug) {
      reasons.push(
        frenchTypography(`Identifiant invalide « ${slugCell} » (lettres minuscules sans accent, chiffres et tirets).`),
      );
    }

    const key = checked.name && checked.operator ? identityKey(checked.name, checked.operator) : null;
    const sameKey = key ? (byKey.get(key) ?? []) : [];
    let target: Dispositif | undefined;
    if (slug) {
      target = bySlug.get(slug);
    } else if (!slugCell && sameKey.length > 1) {
      reasons.push(
        frenchTypography(
          "Plusieurs dispositifs du répertoire portent ce nom pour cet opérateur : indiquez lequel dans la colonne « Identifiant ».",
        ),
      );
    } else if (!slugCell) {
      target = sameKey[0];
    }
    // Matched by name, the row is that service; named by its identifiant (or new), it must not
    // take the name and operator of another one.
    const twin = slug ? sameKey.find((row) => row.id !== target?.id) : undefined;
    if (twin) {
      reasons.push(
        frenchTypography(
          `Un autre dispositif du répertoire porte déjà ce nom pour cet opérateur (identifiant « ${twin.slug} »).`,
        ),
      );
    }

    const duplicateOf =
      (slug ? seenSlugs.get(slug) : undefined) ??
      (key ? seenKeys.get(key) : undefined) ??
      (target ? seenTargets.get(target.id) : undefined);
    if (duplicateOf !== undefined) {
      reasons.push(frenchTypography(`En double dans le fichier : même dispositif que la ligne ${duplicateOf}.`));
    } else {
      if (slug) seenSlugs.set(slug, line);
      if (key) seenKeys.set(key, line);
      if (target) seenTargets.set(target.id, line);
    }

    if (reasons.length) {
      rows.push({ line, status: "invalid", name: checked.name ?? ((cells.name ?? "").trim() || null), reasons });
      continue;
    }
    if (target) {
      const before = valuesOf(target);
      const after = { ...before, ...checked };
      const changes: ImportChange[] = changedFields(before, after).map((field) => ({
        field,
        label: FIELD_LABELS[field],
        from: display(field, before[field]),
        to: display(field, after[field]),
      }));
      const retiredChanged = retired !== undefined && retired !== (target.retiredAt !== null);
      if (retiredChanged)
        changes.push({
          field: "retired",
          label: FIELD_LABELS.retired,
          from: display("retired", !retired),
          to: display("retired", retired),
        });
      if (changes.length === 0) {
        rows.push({ line, status: "unchanged", name: target.name, slug: target.slug });
        continue;
      }
      rows.push({ line, status: "changed", name: after.name, slug: target.slug, changes });
      const values = Object.fromEntries(
        changes.filter((c) => c.field !== "retired").map((c) => [c.field, after[c.field as DispositifField]]),
      );
      actions.push({ kind: "update", id: target.id, values, ...(retiredChanged ? { retired } : {}) });
      continue;
    }
    const values = { ...EMPTY_DISPOSITIF_VALUES, ...checked } as DispositifValues;
    rows.push({
      line,
      status: "new",
      name: values.name,
      operator: values.operator,
      category: DISPOSITIF_CATEGORY_LABELS[values.category],
    });
    actions.push({ kind: "insert", slug, values, retired: retired ?? false });
  }

  const counts = { new: 0, changed: 0, unchanged: 0, invalid: 0 };
  for (const row of rows) counts[row.status]++;
  const digest = createHash("sha256").update(JSON.stringify({ rows, actions })).digest("hex");
  return {
    preview: { encoding, delimiter: csv.delimiter, ignoredHeaders: csv.ignoredHeaders, rows, counts, digest },
    actions,
  };
}

/** What importing this file would do; writes nothing. */
export function previewImport(db: Db, bytes: Uint8Array): ImportPreview {
  return planImport(db, bytes).preview;
}

export type ImportOutcome =
  | { status: "applied"; created: number; updated: number; invalid: number }
  | { status: "stale"; preview: ImportPreview };

/**
 * Writes what the preview showed, in one transaction. The file is read again against the
 * directory as it is now: if that no longer gives the preview the organiser confirmed (someone
 * edited the directory meanwhile), nothing is written and the new preview is returned.
 */
export function applyImport(act: Act, bytes: Uint8Array, digest: string): ImportOutcome {
  const { db, actor, now } = act;
  return immediate(db, () => {
    const { preview, actions } = planImport(db, bytes);
    if (preview.digest !== digest) return { status: "stale", preview };
    let created = 0;
    let updated = 0;
    // Rows that name their identifiant first, so that a generated slug never takes one of theirs.
    const inserts = actions.filter((a) => a.kind === "insert").sort((a, b) => (a.slug ? 0 : 1) - (b.slug ? 0 : 1));
    for (const action of inserts) {
      db.insert(dispositifs)
        .values({
          ...action.values,
          slug: action.slug ?? uniqueDispositifSlug(db, action.values.name, action.values.operator),
          retiredAt: action.retired ? now : null,
          createdAt: now,
          updatedAt: now,
        })
        .run();
      created++;
    }
    for (const action of actions) {
      if (action.kind !== "update") continue;
      db.update(dispositifs)
        .set({
          ...action.values,
          ...(action.retired === undefined ? {} : { retiredAt: action.retired ? now : null }),
          updatedAt: now,
        })
        .where(eq(dispositifs.id, action.id))
        .run();
      updated++;
    }
    if (created + updated > 0) {
      recordAudit(db, actor, {
        action: "dispositif.import",
        entityType: "dispositif",
        details: { created, updated, invalid: preview.counts.invalid },
      });
    }
    return { status: "applied", created, updated, invalid: preview.counts.invalid };
  });
}

// ---------------------------------------------------------------- between preview and confirmation

// The preview page carries the file back in a hidden field, signed with the app secret, so the
// confirmation works without JavaScript and without keeping anything on the server. The
// signature binds the organiser and the time: nobody can confirm a file they did not upload,
// nor an old preview.

function mac(secret: string, userId: number, issuedAt: number, payload: string): Buffer {
  return createHmac("sha256", secret).update(`dispositif-import\n${userId}\n${issuedAt}\n${payload}`).digest();
}

export function sealImport(secret: string, userId: number, bytes: Uint8Array, now: Date = new Date()): string {
  const payload = Buffer.from(bytes).toString("base64url");
  const issuedAt = now.getTime();
  return `${issuedAt}.${payload}.${mac(secret, userId, issuedAt, payload).toString("base64url")}`;
}

/** The file of a sealed preview, or an error in French when it is forged, someone else’s or too old. */
export function openImport(secret: string, userId: number, sealed: string, now: Date = new Date()): Uint8Array {
  const [issued, payload, signature] = sealed.split(".");
  const issuedAt = Number(issued);
  const invalid = new ImportFileError("Cet aperçu n’est pas valable : importez le fichier de nouveau.");
  if (!payload || !signature || !Number.isSafeInteger(issuedAt)) throw invalid;
  const expected = mac(secret, userId, issuedAt, payload);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid;
  if (now.getTime() - issuedAt > IMPORT_TTL_MS || issuedAt > now.getTime() + 60_000) {
    throw new ImportFileError("Cet aperçu a expiré : importez le fichier de nouveau.");
  }
  return Buffer.from(payload, "base64url");
}

// ---------------------------------------------------------------- export

/**
 * A cell of the export. Text that starts like a formula gets a leading quote, so a spreadsheet
 * never runs it; the import takes that quote off again (stored text never starts with « ' »:
 * apostrophes are typographic). Line breaks are LF, as in csvCell.
 */
function cell(value: string): string {
  const lines = normaliseLineBreaks(value);
  const text = /^[=+\-@\t\n]/.test(lines) ? `'${lines}` : lines;
  return /[;,"\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The whole directory, retired services included, in the format the import reads: UTF-8 with a
 * BOM, `;`, CRLF, French headers, so that French Excel opens it as it is.
 */
export function directoryCsv(db: Db): string {
  const rows = db.select().from(dispositifs).all().sort(compareEntries);
  const lines = [
    CSV_COLUMNS.map((c) => c.header),
    ...rows.map((row) =>
      CSV_COLUMNS.map(({ key }) => {
        switch (key) {
          case "slug":
            return row.slug;
          case "retired":
            return row.retiredAt ? "oui" : "non";
          case "category":
            return DISPOSITIF_CATEGORY_LABELS[row.category];
          case "publics":
            return listItems(row.publics).join(", ");
          case "communes":
            return territoryLabel(row.communes);
          case "isExample":
            return row.isExample ? "oui" : "non";
          default: {
            const value = row[key];
            return value === null || value === undefined ? "" : String(value);
          }
        }
      }),
    ),
  ];
  return `\uFEFF${lines.map((cells) => cells.map(cell).join(";")).join("\r\n")}\r\n`;
}

/** The columns as the import page documents them. */
export function csvColumnsHelp() {
  return CSV_COLUMNS.map(({ header, required, help }) => ({
    header,
    required: Boolean(required),
    help: frenchTypography(help),
  }));
}
