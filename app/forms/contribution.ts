import { z } from "zod";
import { CONTRIBUTION_FORMATS } from "#app/domain/shared/vocabulary.ts";
import { characterCountMessage } from "#app/lib/character-count.ts";
import { normaliseLineBreaks } from "#app/lib/typography.ts";
import { emailField, FORBIDDEN_MESSAGE, FORBIDDEN_MULTILINE, freeText, optionalText, requiredText } from "./fields.ts";

/** Longest abstract, in characters: the live counter shows it, the server enforces it. */
export const ABSTRACT_MAX_LENGTH = 1500;
/** Co-speaker rows shown without JavaScript; with it, people may add rows up to the maximum. */
export const CO_SPEAKER_ROWS = 3;
export const CO_SPEAKER_MAX = 6;

/**
 * Length of a long text (an abstract, a reply) as the counter, the form and the domain count it. Browsers submit a
 * textarea's line breaks as CRLF but count them as one character while typing, so line breaks
 * count once here too; an emoji or any character outside the basic plane counts once, as a
 * person counts it (and as zod's own length check does), not as its two UTF-16 units.
 */
export function typedLength(value: string): number {
  let length = 0;
  for (const _character of normaliseLineBreaks(value)) length++;
  return length;
}

/** The answer to a text over its limit: by how much, in the live counter's words. */
function tooLongMessage(value: string, max: number): string | null {
  const length = typedLength(value);
  return length > max ? `${characterCountMessage(length, max)}.` : null;
}

export function abstractTooLongMessage(value: string): string | null {
  return tooLongMessage(value, ABSTRACT_MAX_LENGTH);
}

function requiredMultiline(missing: string, max: number) {
  return (
    freeText(missing)
      .trim()
      .min(1, { error: missing })
      // Without JavaScript there is no live counter: the answer says by how much, as the counter would.
      .max(max, { error: (issue) => tooLongMessage(String(issue.input), max) ?? undefined })
      .refine((value) => !FORBIDDEN_MULTILINE.test(value), { error: FORBIDDEN_MESSAGE })
  );
}

const optionalEmail = z
  .string()
  .trim()
  .optional()
  .transform((value) => value || undefined)
  .pipe(emailField.optional())
  .transform((value) => value ?? null);

const coSpeakerRow = z.object({
  name: optionalText(200),
  role: optionalText(150),
  organisation: optionalText(200),
  email: optionalEmail,
});

export type CoSpeakerInput = { name: string; role: string | null; organisation: string | null; email: string | null };

/**
 * The optional co-speaker rows. Rows left empty are dropped; a row with anything in it needs a
 * name. Errors point at the row people filled, so they are checked before empty rows go.
 */
const coSpeakers = z
  .array(coSpeakerRow.optional())
  .max(CO_SPEAKER_MAX, { error: `${CO_SPEAKER_MAX}\u00a0co-intervenants au maximum.` })
  .optional()
  .superRefine((rows, ctx) => {
    rows?.forEach((row, index) => {
      if (row && !row.name && (row.role || row.organisation || row.email)) {
        ctx.addIssue({
          code: "custom",
          path: [index, "name"],
          message: "Indiquez le nom et le prénom de cette personne.",
        });
      }
    });
  })
  .transform((rows): CoSpeakerInput[] =>
    (rows ?? []).flatMap((row) =>
      row?.name ? [{ name: row.name, role: row.role, organisation: row.organisation, email: row.email }] : [],
    ),
  );

/** What a speaker can change later from their private page (everything but the email address). */
export const contributionDetailsSchema = z.object({
  name: requiredText("Indiquez votre nom et votre prénom.", 200),
  role: requiredText("Indiquez votre fonction.", 150),
  organisation: requiredText("Indiquez votre structure.", 200),
  coSpeakers,
  title: requiredText("Indiquez le titre de votre contribution.", 200),
  abstract: requiredMultiline("Rédigez le résumé de votre contribution.", ABSTRACT_MAX_LENGTH),
  format: z.enum(CONTRIBUTION_FORMATS, { error: "Choisissez un format dans la liste." }),
  wishedSessionId: z
    .number({ error: "Choisissez une table ronde dans la liste." })
    .int({ error: "Choisissez une table ronde dans la liste." })
    .positive({ error: "Choisissez une table ronde dans la liste." })
    .optional()
    .transform((value) => value ?? null),
  availability: optionalText(1000, true),
});

export type ContributionDetailsValues = z.output<typeof contributionDetailsSchema>;

export const contributionSchema = contributionDetailsSchema.extend({
  email: emailField,
  notice: z.literal("on", { error: "Confirmez que vous avez pris connaissance de la notice d’information." }),
  /** Honeypot: hidden from people, filled by robots. */
  siteWeb: z.string().optional(),
});

// ------------------------------------------------------------ back-office

export const reviewSchema = z.object({
  intent: z.literal("review"),
  score: z
    .number({ error: "Choisissez une note de 1 à 5." })
    .int({ error: "Choisissez une note de 1 à 5." })
    .min(1, { error: "Choisissez une note de 1 à 5." })
    .max(5, { error: "Choisissez une note de 1 à 5." }),
  comment: optionalText(2000, true),
});

export const acceptSchema = z.object({
  intent: z.literal("accept"),
  sessionId: z
    .number({ error: "Choisissez la séquence du programme." })
    .int()
    .positive({ error: "Choisissez la séquence du programme." }),
  message: optionalText(3000, true),
});

export const declineSchema = z.object({
  intent: z.literal("decline"),
  message: requiredMultiline("Écrivez le message qui accompagnera la réponse.", 3000),
});
