import { z } from "zod";
import { DIRECTORY_IMPORT_MAX_BYTES, FIELD_CHECKS, type Checked } from "#app/domain/directory/values.ts";
import { DISPOSITIF_CATEGORIES, DISPOSITIF_CORRECTION_FIELDS } from "#app/domain/shared/vocabulary.ts";
import { emailField, FORBIDDEN_MULTILINE, freeText, requiredText } from "./fields.ts";

/** A field checked by the same function as the CSV import, so both store the same canonical value. */
function checked<T>(check: (raw: string) => Checked<T>, missing?: string) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      const raw = value ?? "";
      if (missing && !raw.trim()) {
        ctx.addIssue({ code: "custom", message: missing });
        return z.NEVER;
      }
      const result = check(raw);
      if (!result.ok) {
        ctx.addIssue({ code: "custom", message: result.error });
        return z.NEVER;
      }
      return result.value;
    });
}

/** The organisers' form of a directory entry. */
export const dispositifSchema = z.object({
  name: checked(FIELD_CHECKS.name, "Indiquez le nom du dispositif."),
  operator: checked(FIELD_CHECKS.operator, "Indiquez l’opérateur (la structure qui porte le dispositif)."),
  category: z.enum(DISPOSITIF_CATEGORIES, { error: "Choisissez une catégorie." }),
  subCategory: checked(FIELD_CHECKS.subCategory),
  publics: checked(FIELD_CHECKS.publics),
  communes: checked(FIELD_CHECKS.communes),
  description: checked(FIELD_CHECKS.description),
  phone: checked(FIELD_CHECKS.phone),
  email: checked(FIELD_CHECKS.email),
  website: checked(FIELD_CHECKS.website),
  year: checked(FIELD_CHECKS.year),
  isExample: z
    .literal("on")
    .optional()
    .transform((value) => value === "on"),
});

/** « Référentiel » for the whole directory at once. */
export const directoryYearSchema = z.object({
  intent: z.literal("mark-year"),
  year: checked(FIELD_CHECKS.year, "Indiquez l’année du référentiel, par exemple 2025.").pipe(
    z.number({ error: "Indiquez l’année du référentiel, par exemple 2025." }),
  ),
});

/** « Signaler une correction », on the public page of a service. */
export const correctionSchema = z.object({
  name: requiredText("Indiquez votre nom.", 100),
  email: emailField,
  field: z.enum(DISPOSITIF_CORRECTION_FIELDS, { error: "Choisissez ce qui est à corriger." }),
  message: freeText("Décrivez la correction à apporter.")
    .trim()
    .min(1, { error: "Décrivez la correction à apporter." })
    .max(2000, { error: "2\u00a0000\u00a0caractères au maximum." })
    .refine((value) => !FORBIDDEN_MULTILINE.test(value), {
      error: "Ce champ contient des caractères non autorisés (< > ou caractères de contrôle).",
    }),
  /** Honeypot: hidden from people, filled by robots. */
  siteWeb: z.string().optional(),
});

/** The CSV file of an import; the browser refuses an oversized one before sending it. */
export const importUploadSchema = z.object({
  intent: z.literal("preview"),
  file: z
    .instanceof(File, { error: "Choisissez un fichier CSV." })
    .refine((file) => file.size > 0, { error: "Le fichier est vide." })
    .refine((file) => file.size <= DIRECTORY_IMPORT_MAX_BYTES, {
      error: `Ce fichier dépasse ${Math.round(DIRECTORY_IMPORT_MAX_BYTES / 1024)}\u00a0Ko\u00a0: découpez-le en plusieurs fichiers.`,
    }),
});
