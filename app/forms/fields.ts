import { z } from "zod";
import { parisWallTimeToUtc } from "#app/lib/time.ts";
import { normaliseLineBreaks } from "#app/lib/typography.ts";

// Building blocks of the public forms, each with its French messages.

/**
 * Markup and control characters have no place in a name or an organisation; nor has U+FFFD,
 * which is what bytes that were not UTF-8 became on the way in; nor have the bidirectional
 * overrides and isolates, which turn round the rest of the line wherever the text is shown
 * (Arabic or Hebrew text needs none of them).
 */
export const FORBIDDEN = /[<>\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069\ufffd]/;
/** The same, LF and tabs allowed (CR never gets this far: see freeText). */
export const FORBIDDEN_MULTILINE = /[<>\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069\ufffd]/;
export const FORBIDDEN_MESSAGE = "Ce champ contient des caractères non autorisés (< > ou caractères de contrôle).";
/** For Markdown, where « < » is text: only the direction controls are refused. */
export const DIRECTION_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/;
export const DIRECTION_CONTROLS_MESSAGE =
  "Ce champ contient des caractères non autorisés (caractères invisibles qui inversent le sens du texte).";

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

const DATETIME = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/;
export const NO_SUCH_DAY = "Cette date n’existe pas dans le calendrier.";

/** « 2027-02-30 » has the right shape but is no day: refused with the form, not later by the domain. */
export function isCalendarDay(date: string): boolean {
  return parisWallTimeToUtc(date, "12:00") !== null;
}

/** An optional `datetime-local` field, in Paris time: the right shape, and a day that exists. */
export function optionalLocalDateTime() {
  return z
    .string()
    .regex(DATETIME, { error: "Date et heure invalides (format attendu\u00a0: AAAA-MM-JJ HH:MM)." })
    .refine((value) => isCalendarDay(value.slice(0, 10)), { error: NO_SUCH_DAY })
    .optional();
}
