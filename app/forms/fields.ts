import { z } from "zod";

// Building blocks of the public forms, each with its French messages.

/**
 * Markup and control characters have no place in a name or an organisation; nor has U+FFFD,
 * which is what bytes that were not UTF-8 became on the way in.
 */
const FORBIDDEN = /[<>\u0000-\u001f\u007f\ufffd]/;
/** The same, line breaks and tabs allowed. */
export const FORBIDDEN_MULTILINE = /[<>\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/;
export const FORBIDDEN_MESSAGE = "Ce champ contient des caractères non autorisés (< > ou caractères de contrôle).";

export function requiredText(missing: string, max: number) {
  return z
    .string({ error: missing })
    .trim()
    .min(1, { error: missing })
    .max(max, { error: `${max}\u00a0caractères au maximum.` })
    .refine((value) => !FORBIDDEN.test(value), { error: FORBIDDEN_MESSAGE });
}

export function optionalText(max: number, multiline = false) {
  return z
    .string()
    .trim()
    .max(max, { error: `${max}\u00a0caractères au maximum.` })
    .refine((value) => !(multiline ? FORBIDDEN_MULTILINE : FORBIDDEN).test(value), { error: FORBIDDEN_MESSAGE })
    .optional()
    .transform((value) => (value ? value : null));
}

export const emailField = z
  .string({ error: "Indiquez votre adresse e-mail." })
  .trim()
  .min(1, { error: "Indiquez votre adresse e-mail." })
  .max(254, { error: "Cette adresse e-mail est trop longue." })
  .pipe(z.email({ error: "Cette adresse e-mail n’est pas valide (exemple\u00a0: prenom.nom@structure.fr)." }));

export const yesNo = (missing: string) =>
  z.enum(["oui", "non"], { error: missing }).transform((value) => value === "oui");
