import { z } from "zod";
import { ARTICLE_STATUSES } from "#app/domain/shared/vocabulary.ts";
import { freeText, optionalText, requiredText } from "./fields.ts";

const DATETIME = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/;

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
    .max(200_000, { error: "200\u00a0000\u00a0caractères au maximum." }),
  furtherReadingMarkdown: freeText()
    .max(20_000, { error: "20\u00a0000\u00a0caractères au maximum." })
    .optional()
    .transform((value) => (value?.trim() ? value : null)),
  editionId: z
    .union([z.literal(""), z.coerce.number().int().positive()])
    .optional()
    .transform((value) => (typeof value === "number" ? value : null)),
  themeIds: z.array(z.coerce.number().int().positive()).default([]),
  status: z.enum(ARTICLE_STATUSES, { error: "Choisissez brouillon ou publiée." }),
  publishedAt: z
    .string()
    .regex(DATETIME, { error: "Date et heure invalides (format attendu\u00a0: AAAA-MM-JJ HH:MM)." })
    .optional(),
  confirmEarly: z
    .literal("on")
    .optional()
    .transform((value) => value === "on"),
});

export const previewSchema = z.object({
  bodyMarkdown: freeText().max(200_000).default(""),
  furtherReadingMarkdown: freeText().max(20_000).default(""),
});
