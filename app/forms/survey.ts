import { z } from "zod";
import { NO_OPINION, splitThemes, SURVEY_LIMITS } from "#app/domain/survey/values.ts";
import { optionalLocalDateTime, optionalText } from "./fields.ts";

const SCORE_VALUES = ["1", "2", "3", "4", "5"] as const;

/**
 * The feedback survey. Each programme session is a radio group named `scores.s<session id>`,
 * whose « Sans avis » choice lets a person take back a score without JavaScript.
 */
export const surveySchema = z.object({
  overall: z
    .enum(SCORE_VALUES, { error: "Indiquez votre satisfaction générale, de 1 à 5." })
    .transform((value) => Number(value)),
  scores: z
    .record(
      z.string().regex(/^s\d{1,9}$/, { error: "Séquence du programme inconnue." }),
      z.enum([...SCORE_VALUES, NO_OPINION], { error: "Choisissez une note de 1 à 5, ou «\u00a0Sans avis\u00a0»." }),
    )
    .default({}),
  keep: optionalText(SURVEY_LIMITS.keep, true),
  change: optionalText(SURVEY_LIMITS.change, true),
  themes: optionalText(SURVEY_LIMITS.themes, true)
    .refine((value) => splitThemes(value).length <= SURVEY_LIMITS.themeCount, {
      error: `${SURVEY_LIMITS.themeCount}\u00a0thèmes au maximum.`,
    })
    .refine((value) => splitThemes(value).every((theme) => theme.length <= SURVEY_LIMITS.themeLength), {
      error: `Chaque thème tient en ${SURVEY_LIMITS.themeLength}\u00a0caractères au maximum.`,
    }),
  comment: optionalText(SURVEY_LIMITS.comment, true),
});

export type SurveyFormValues = z.output<typeof surveySchema>;

/** The closing date of the survey, set from the back-office; empty keeps it open while the edition is held. */
export const surveyClosingSchema = z.object({
  intent: z.literal("closing"),
  surveyClosesAt: optionalLocalDateTime(),
});

/** Opting in or out of the participants' list from the private link. */
export const networkListingSchema = z.object({
  listed: z.enum(["oui", "non"], { error: "Choix inconnu." }).transform((value) => value === "oui"),
});
