import { z } from "zod";
import { normaliseLineBreaks } from "#app/lib/typography.ts";

// Building blocks of the public forms, each with its French messages.

/**
 * Markup and control characters have no place in a name or an organisation; nor has U+FFFD,
 * which is what bytes that were not UTF-8 became on the way in.
 */
export const FORBIDDEN = /[<>\u0000-\u001f\u007f\ufffd]/;
/** The same, LF and tabs allowed (CR never gets this far: see freeText). */
export const FORBIDDEN_MULTILINE = /[<>\u0000-\u0008\u000b-\u001f\u007f\ufffd]/;
export const FORBIDDEN_MESSAGE = "Ce champ contient des caractères non autorisés (< > ou caractères de contrôle).";

/**
 * Free text as stored: line breaks as LF before anything is checked or counted, so a line break
 * counts once, as the browser counted it, and no CR reaches an invite, a CSV or an email.
 */
export function freeText(error?: string) {
  return z.string(error === undefined ? undefined : { error }).overwrite(normaliseLineBreaks);
}

export function requiredText(missing: string, max: number) {
  return freeText(missing)
    .trim()
    .min(1, { error: missing })
    .max(max, { error: `${max}\u00a0caractères au maximum.` })
    .refine((value) => !FORBIDDEN.test(value), { error: FORBIDDEN_MESSAGE });
}

export function optionalText(max: number, multiline = false) {
  return freeText()
    .trim()
    .max(max, { error: `${max}\u00a0caractères au maximum.` })
    .refine((value) => !(multiline ? FORBIDDEN_MULTILINE : FORBIDDEN).test(value), { error: FORBIDDEN_MESSAGE })
    .optional()
    .transform((value) => (value ? value : null));
}

/**
 * An email address: `missing` when there is none, `invalid` when it is not one. The login form
 * answers `invalid` to spaces alone (`blankIsMissing` false), as it always has.
 */
export function emailAddress(missing: string, invalid: string, blankIsMissing = true) {
  const text = z.string({ error: missing }).trim();
  return (blankIsMissing ? text.min(1, { error: missing }) : text)
    .max(254, { error: "Cette adresse e-mail est trop longue." })
    .pipe(z.email({ error: invalid }));
}

export const emailField = emailAddress(
  "Indiquez votre adresse e-mail.",
  "Cette adresse e-mail n’est pas valide (exemple\u00a0: prenom.nom@structure.fr).",
);

export const yesNo = (missing: string) =>
  z.enum(["oui", "non"], { error: missing }).transform((value) => value === "oui");

/**
 * The fingerprint of the preview an organiser confirmed (see `applyIfConfirmed`): absent on the
 * first submission, which shows what the change will send.
 */
export const sendingConfirmation = z
  .string()
  .regex(/^[\w-]{1,64}$/, { error: "Confirmation invalide\u00a0: relisez l’aperçu et confirmez à nouveau." })
  .optional();
