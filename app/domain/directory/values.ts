import { z } from "zod";
import { foldText } from "#app/lib/fold.ts";
import { slugify } from "#app/lib/slug.ts";
import { frenchTypography } from "#app/lib/typography.ts";
import {
  DISPOSITIF_CATEGORIES,
  DISPOSITIF_CATEGORY_LABELS,
  type DispositifCategory,
} from "#app/domain/shared/vocabulary.ts";

// The values of a directory entry, checked and put in one canonical form. The organisers' form,
// the CSV import and the demo data all go through these functions, so that the same service
// typed twice is stored the same way, and a file exported then imported again changes nothing.
// No `.server` suffix: the form schema runs them in the browser too.

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

const NBSP = "\u00a0";
const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const fail = <T>(error: string): Checked<T> => ({ ok: false, error: frenchTypography(error) });

export const WHOLE_DEPARTEMENT = "Tout le département";

export const DISPOSITIF_LIMITS = {
  name: 200,
  operator: 200,
  subCategory: 100,
  publicItem: 100,
  publics: 20,
  commune: 60,
  communes: 200,
  description: 2000,
  website: 300,
} as const;

/** Markup and control characters have no place in a directory entry (line breaks are allowed in a description). */
const FORBIDDEN = /[<>\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;
const FORBIDDEN_MULTILINE = /[<>\u0000-\u0009\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

/**
 * Text as the directory shows it: spaces collapsed, typographic apostrophe, French spacing.
 * Applying it twice gives the same text.
 */
export function cleanText(value: string, multiline = false): string {
  const lines = value
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.replace(/[ \t\u00a0\u202f]+/g, " ").trim());
  const joined = multiline
    ? lines
        .join("\n")
        .replace(/\n{3,}/g, "\n\n")
        .trim()
    : lines.filter(Boolean).join(" ");
  // The space in « x » is re-added by frenchTypography from the collapsed plain space.
  return frenchTypography(joined.replace(/'/g, "’"));
}

export function checkText(
  value: string,
  options: { label: string; max: number; required?: boolean; multiline?: boolean },
): Checked<string | null> {
  const text = cleanText(value, options.multiline);
  if (!text) return options.required ? fail(`${options.label} manquant.`) : ok(null);
  if ((options.multiline ? FORBIDDEN_MULTILINE : FORBIDDEN).test(text)) {
    return fail(`${options.label}\u00a0: caractères non autorisés (< > ou caractères de contrôle).`);
  }
  if (text.length > options.max)
    return fail(`${options.label} trop long (${options.max}${NBSP}caractères au maximum).`);
  return ok(text);
}

/** « Veille sociale », « veille_sociale », « VEILLE SOCIALE » or « Sanitaire & social » all name a category. */
export function parseCategory(value: string): Checked<DispositifCategory> {
  const key = foldText(value)
    .replace(/[^a-z]+/g, " ")
    .replace(/\bet\b/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const found = DISPOSITIF_CATEGORIES.find(
    (category) =>
      key === category.replace(/_/g, " ") ||
      key ===
        foldText(DISPOSITIF_CATEGORY_LABELS[category])
          .replace(/\bet\b/g, " ")
          .replace(/\s+/g, " ")
          .trim(),
  );
  if (found) return ok(found);
  if (!value.trim()) return fail("Catégorie manquante (Insertion, Veille sociale ou Sanitaire et social).");
  return fail(`Catégorie inconnue « ${value.trim()} » (attendu : Insertion, Veille sociale ou Sanitaire et social).`);
}

/**
 * French numbers in pairs (« 01 99 00 12 34 »), from any usual way of typing them (dots,
 * dashes, +33, 0033, « +33 (0)1 »), or a short number such as 115.
 */
export function checkPhone(value: string): Checked<string | null> {
  const raw = value.trim();
  if (!raw) return ok(null);
  let digits = raw.replace(/\(0\)/g, "").replace(/[\s.\-()/\u00a0\u202f]/g, "");
  if (digits.startsWith("+33")) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith("0033")) digits = `0${digits.slice(4)}`;
  if (/^0[1-9]\d{8}$/.test(digits)) return ok(digits.replace(/(\d{2})(?=\d)/g, "$1 "));
  // Short numbers (115, 119, 3919) are typed as they are: « 12 34 » is a fragment, not a number.
  if (/^[13]\d{1,3}$/.test(raw)) return ok(raw);
  return fail(
    `Téléphone invalide « ${raw} » (attendu : 10 chiffres comme 01 99 00 12 34, ou un numéro court comme 115).`,
  );
}

const emailSchema = z.email();

export function checkEmail(value: string): Checked<string | null> {
  const raw = value.trim();
  if (!raw) return ok(null);
  const email = raw.toLowerCase();
  if (email.length > 254 || !emailSchema.safeParse(email).success) {
    return fail(`Adresse e-mail invalide « ${raw} » (exemple : contact@structure.fr).`);
  }
  return ok(email);
}

/** A web address; « www.exemple.org » gets its https://, anything but http(s) is refused. */
export function checkWebsite(value: string): Checked<string | null> {
  const raw = value.trim();
  if (!raw) return ok(null);
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `https://${raw}`;
  const refusal = fail<string | null>(
    `Site web invalide « ${raw} » (attendu : une adresse comme https://www.exemple.org).`,
  );
  if (withScheme.length > DISPOSITIF_LIMITS.website || /\s/.test(withScheme)) return refusal;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== "https:" && url.protocol !== "http:") return refusal;
    if (!/^[^.]+(\.[^.]+)+$/.test(url.hostname) || url.username || url.password) return refusal;
  } catch {
    return refusal;
  }
  return ok(withScheme);
}

export function checkYear(value: string): Checked<number | null> {
  const raw = value.trim();
  if (!raw) return ok(null);
  const year = Number(raw);
  if (!/^\d{4}$/.test(raw) || year < 2000 || year > 2100) {
    return fail(`Référentiel invalide « ${raw} » (attendu : une année comme 2025).`);
  }
  return ok(year);
}

export function checkYesNo(value: string, label: string): Checked<boolean> {
  const key = foldText(value.trim());
  if (["", "non", "n", "no", "false", "0", "faux"].includes(key)) return ok(false);
  if (["oui", "o", "yes", "true", "1", "vrai", "x"].includes(key)) return ok(true);
  return fail(`Valeur « ${value.trim()} » non reconnue pour « ${label} » (attendu : oui ou non).`);
}

/** Items of a list typed in one cell or one text box: one per line, or separated by commas or semicolons. */
function splitItems(value: string): string[] {
  return value
    .split(/[\n\r,;]+/)
    .map((item) => cleanText(item))
    .filter(Boolean);
}

function uniqueByFold(items: string[]): string[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = foldText(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Publics, stored one per line. */
export function checkPublics(value: string): Checked<string | null> {
  const items = uniqueByFold(splitItems(value));
  if (items.length === 0) return ok(null);
  const tooLong = items.find((item) => item.length > DISPOSITIF_LIMITS.publicItem);
  if (tooLong)
    return fail(
      `Public trop long « ${tooLong.slice(0, 40)}… » (${DISPOSITIF_LIMITS.publicItem}${NBSP}caractères au maximum).`,
    );
  if (items.length > DISPOSITIF_LIMITS.publics)
    return fail(`Trop de publics (${DISPOSITIF_LIMITS.publics} au maximum).`);
  if (items.some((item) => FORBIDDEN.test(item)))
    return fail("Publics : caractères non autorisés (< > ou caractères de contrôle).");
  return ok(items.join("\n"));
}

const WHOLE_DEPARTEMENT_KEYS = new Set([
  "tout le departement",
  "departement",
  "tout le val d oise",
  "val d oise",
  "tout le 95",
  "95",
]);

function isWholeDepartement(value: string): boolean {
  return WHOLE_DEPARTEMENT_KEYS.has(
    foldText(value)
      .replace(/[^a-z0-9]+/g, " ")
      .trim(),
  );
}

/** A commune's name: letters, spaces, hyphens and apostrophes (« Saint-Ouen-l’Aumône »), no digits. */
const COMMUNE = /^\p{L}[\p{L}\p{M} ’-]*\p{L}$/u;

/**
 * Communes covered, stored one per line; empty, or « Tout le département », means the whole
 * département (stored as null).
 */
export function checkCommunes(value: string): Checked<string | null> {
  if (!value.trim() || isWholeDepartement(value)) return ok(null);
  const items = uniqueByFold(splitItems(value));
  if (items.length === 0) return ok(null);
  const whole = items.find(isWholeDepartement);
  if (whole) {
    return fail(`Format de commune inconnu « ${whole} » : « ${WHOLE_DEPARTEMENT} » s’écrit seul, sans autre commune.`);
  }
  const bad = items.find((item) => !COMMUNE.test(item) || item.length > DISPOSITIF_LIMITS.commune);
  if (bad) {
    return fail(
      `Format de commune inconnu « ${bad} » (attendu : des noms de communes sans code postal, séparés par des virgules, ou « ${WHOLE_DEPARTEMENT} »).`,
    );
  }
  if (items.length > DISPOSITIF_LIMITS.communes)
    return fail(`Trop de communes (${DISPOSITIF_LIMITS.communes} au maximum).`);
  return ok(items.join("\n"));
}

/** The items of a stored list (publics, communes). */
export function listItems(stored: string | null): string[] {
  return stored ? stored.split("\n").filter(Boolean) : [];
}

/** What the territory column of a page or a file says. */
export function territoryLabel(communes: string | null): string {
  return communes ? listItems(communes).join(", ") : WHOLE_DEPARTEMENT;
}

/** The title of the printed directory: « Référentiel 2025 des dispositifs d’aller-vers du Val-d’Oise ». */
export function bookletTitle(year: number | null): string {
  return `${year ? `Référentiel ${year}` : "Répertoire"} des dispositifs d’aller-vers du Val-d’Oise`;
}

export type DirectoryCounts = {
  total: number;
  /** Entries flagged « exemple » (demo data), included in `total`. */
  examples: number;
  byCategory: Record<DispositifCategory, number>;
};

/**
 * « 14 dispositifs dans ce répertoire (dont 8 fiches d’exemple) : 5 en insertion, … ». The figure
 * always says where it was counted (`where`: « dans ce répertoire », « dans cette version »): a
 * printed référentiel counts its own services (51 in the 2025 booklet), and a bare « 14
 * dispositifs » under the title « Référentiel 2025 » would read as contradicting it.
 */
export function countsSentence(counts: DirectoryCounts, where: string): string {
  const plural = (n: number, word: string) => `${n}${NBSP}${word}${n > 1 ? "s" : ""}`;
  const examples = counts.examples ? ` (dont ${plural(counts.examples, "fiche")} d’exemple)` : "";
  const categories = DISPOSITIF_CATEGORIES.map(
    (category) => `${counts.byCategory[category]}${NBSP}en ${DISPOSITIF_CATEGORY_LABELS[category].toLowerCase()}`,
  ).join(", ");
  return `${plural(counts.total, "dispositif")} ${where}${examples}${NBSP}: ${categories}.`;
}

/** The key of a public or a commune in a filter URL: « Saint-Ouen-l’Aumône » → saint-ouen-l-aumone. */
export function filterKey(value: string): string {
  return slugify(value, 100);
}

/** Two entries with the same name and operator, accents and case aside, are the same service. */
export function identityKey(name: string, operator: string): string {
  const key = (value: string) =>
    foldText(value)
      .replace(/[^a-z0-9]+/g, " ")
      .trim();
  return `${key(name)}|${key(operator)}`;
}

/**
 * Largest CSV the import takes. Forms are capped at 256 KB (app/server/form-body.ts) and the
 * confirmation carries the file again in base64 (4/3 of its size).
 */
export const DIRECTORY_IMPORT_MAX_BYTES = 150 * 1024;

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The fields of an entry that organisers fill in, in the order of the form and of the CSV file. */
export const DISPOSITIF_FIELDS = [
  "name",
  "operator",
  "category",
  "subCategory",
  "publics",
  "communes",
  "description",
  "phone",
  "email",
  "website",
  "year",
  "isExample",
] as const;
export type DispositifField = (typeof DISPOSITIF_FIELDS)[number];

export type DispositifValues = {
  name: string;
  operator: string;
  category: DispositifCategory;
  subCategory: string | null;
  publics: string | null;
  communes: string | null;
  description: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  year: number | null;
  isExample: boolean;
};

/** Every optional field left blank: what a CSV without that column, or a bare entry, holds. */
export const EMPTY_DISPOSITIF_VALUES: Omit<DispositifValues, "name" | "operator" | "category"> = {
  subCategory: null,
  publics: null,
  communes: null,
  description: null,
  phone: null,
  email: null,
  website: null,
  year: null,
  isExample: false,
};

/** How each field is checked from what a person typed (a form field or a CSV cell). */
export const FIELD_CHECKS: { [F in DispositifField]: (raw: string) => Checked<DispositifValues[F]> } = {
  name: (raw) => checkText(raw, { label: "Nom", max: DISPOSITIF_LIMITS.name, required: true }) as Checked<string>,
  operator: (raw) =>
    checkText(raw, { label: "Opérateur", max: DISPOSITIF_LIMITS.operator, required: true }) as Checked<string>,
  category: parseCategory,
  subCategory: (raw) => checkText(raw, { label: "Sous-catégorie", max: DISPOSITIF_LIMITS.subCategory }),
  publics: checkPublics,
  communes: checkCommunes,
  description: (raw) => checkText(raw, { label: "Description", max: DISPOSITIF_LIMITS.description, multiline: true }),
  phone: checkPhone,
  email: checkEmail,
  website: checkWebsite,
  year: checkYear,
  isExample: (raw) => checkYesNo(raw, "Exemple"),
};

/** A stored value as a person would type it, so that checking it again gives it back unchanged. */
export function fieldAsText<F extends DispositifField>(field: F, value: DispositifValues[F]): string {
  if (value === null || value === undefined) return "";
  if (field === "isExample") return value ? "oui" : "non";
  if (field === "category") return DISPOSITIF_CATEGORY_LABELS[value as DispositifCategory];
  return String(value);
}

/**
 * Checks every field of an entry; the result is in canonical form. Errors are keyed by field.
 */
export function checkDispositif(raw: { [F in DispositifField]: string }):
  { ok: true; values: DispositifValues } | { ok: false; errors: Partial<Record<DispositifField, string>> } {
  const values: Partial<Record<DispositifField, unknown>> = {};
  const errors: Partial<Record<DispositifField, string>> = {};
  for (const field of DISPOSITIF_FIELDS) {
    const checked = FIELD_CHECKS[field](raw[field]);
    if (checked.ok) values[field] = checked.value;
    else errors[field] = checked.error;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, values: values as DispositifValues };
}
