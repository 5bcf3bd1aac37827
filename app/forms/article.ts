import { z } from "zod";
import { ARTICLE_STATUSES } from "#app/domain/shared/vocabulary.ts";
import {
  DIRECTION_CONTROLS,
  DIRECTION_CONTROLS_MESSAGE,
  freeText,
  optionalLocalDateTime,
  optionalText,
  requiredText,
} from "./fields.ts";

export const articleSchema = z.object({
  intent: z.enum(["save", "preview"]),
  title: requiredText("Indiquez le titre de la synthèse.", 250),
  slug: z
    .string()
    .trim()
    .max(80, { error: "80\u00a0caractères au maximum." })
    .regex(/^[a-z0-9-]*$/, { error: "Lettres minuscules sans accent, chiffres et tirets seulement." })
    .optional()
    .transform((value) => value || null),
  standfirst: optionalText(1000, true),
  bodyMarkdown: freeText("Écrivez le texte de la synthèse.")
    .min(1, { error: "Écrivez le texte de la synthèse." })
    .max(200_000, { error: "200\u00a0000\u00a0caractères au maximum." })
    .refine((value) => !DIRECTION_CONTROLS.test(value), { error: DIRECTION_CONTROLS_MESSAGE }),
  furtherReadingMarkdown: freeText()
    .max(20_000, { error: "20\u00a0000\u00a0caractères au maximum." })
    .refine((value) => !DIRECTION_CONTROLS.test(value), { error: DIRECTION_CONTROLS_MESSAGE })
    .optional()
    .transform((value) => (value?.trim() ? value : null)),
  editionId: z
    .union([z.literal(""), z.coerce.number().int().positive()])
    .optional()
    .transform((value) => (typeof value === "number" ? value : null)),
  themeIds: z.array(z.coerce.number().int().positive()).default([]),
  status: z.enum(ARTICLE_STATUSES, { error: "Choisissez brouillon ou publiée." }),
  publishedAt: optionalLocalDateTime(),
  confirmEarly: z
    .literal("on")
    .optional()
    .transform((value) => value === "on"),
});

export const previewSchema = z.object({
  bodyMarkdown: freeText().max(200_000).default(""),
  furtherReadingMarkdown: freeText().max(20_000).default(""),
});
