import { z } from "zod";
import {
  isCalendarDay,
  NO_SUCH_DAY,
  optionalLocalDateTime,
  optionalText,
  requiredText,
  sendingConfirmation,
} from "./fields.ts";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const optionalDateTime = optionalLocalDateTime();

/** Every field of an edition an organiser edits; the venue is an existing one or a new one. */
export const editionSchema = z
  .object({
    title: requiredText("Indiquez le titre de l’édition.", 200),
    confirmation: sendingConfirmation,
    subtitle: optionalText(300),
    themeIds: z.array(z.coerce.number().int().positive()).default([]),
    newTheme: optionalText(100),
    date: z
      .string({ error: "Indiquez la date." })
      .regex(DATE, { error: "Date invalide (format attendu\u00a0: AAAA-MM-JJ)." })
      .refine(isCalendarDay, { error: NO_SUCH_DAY }),
    startTime: z.string({ error: "Indiquez l’heure de début." }).regex(TIME, { error: "Heure invalide (HH:MM)." }),
    endTime: z.string({ error: "Indiquez l’heure de fin." }).regex(TIME, { error: "Heure invalide (HH:MM)." }),
    venueId: z.union([z.literal("new"), z.coerce.number().int().positive()], {
      error: "Choisissez un lieu ou «\u00a0Nouveau lieu\u00a0».",
    }),
    newVenueName: optionalText(200),
    newVenueAddress: optionalText(300),
    newVenuePostcode: z
      .string()
      .trim()
      .regex(/^(\d{5})?$/, { error: "Code postal à 5 chiffres." })
      .optional()
      .transform((value) => value || null),
    newVenueCity: optionalText(120),
    newVenueAccess: optionalText(1000, true),
    newVenueAccessibility: optionalText(1000, true),
    summary: optionalText(3000, true),
    objectives: optionalText(3000, true),
    capacity: z.coerce
      .number({ error: "Indiquez un nombre de places." })
      .int({ error: "Indiquez un nombre entier de places." })
      .min(0, { error: "Le nombre de places ne peut pas être négatif." })
      .max(100_000, { error: "100\u00a0000 places au maximum." }),
    waitlistEnabled: z
      .enum(["on"])
      .optional()
      .transform((value) => value === "on"),
    registrationOpensAt: optionalDateTime,
    registrationClosesAt: optionalDateTime,
    contributionsOpensAt: optionalDateTime,
    contributionsClosesAt: optionalDateTime,
    signatoryName: optionalText(150),
    signatoryRole: optionalText(200),
  })
  .superRefine((value, ctx) => {
    if (value.endTime <= value.startTime) {
      ctx.addIssue({ code: "custom", path: ["endTime"], message: "L’heure de fin doit suivre l’heure de début." });
    }
    if (value.venueId === "new") {
      if (!value.newVenueName)
        ctx.addIssue({ code: "custom", path: ["newVenueName"], message: "Indiquez le nom du nouveau lieu." });
      if (!value.newVenueCity)
        ctx.addIssue({ code: "custom", path: ["newVenueCity"], message: "Indiquez la commune du nouveau lieu." });
    }
    const windows: Array<[keyof typeof value, keyof typeof value, string]> = [
      ["registrationOpensAt", "registrationClosesAt", "La clôture des inscriptions doit suivre leur ouverture."],
      ["contributionsOpensAt", "contributionsClosesAt", "La clôture de l’appel doit suivre son ouverture."],
    ];
    for (const [opens, closes, message] of windows) {
      const a = value[opens];
      const b = value[closes];
      if (typeof a === "string" && typeof b === "string" && b <= a)
        ctx.addIssue({ code: "custom", path: [closes], message });
    }
    if (value.signatoryRole && !value.signatoryName) {
      ctx.addIssue({
        code: "custom",
        path: ["signatoryName"],
        message: "Indiquez aussi le nom de la personne qui signe.",
      });
    }
  });

export type EditionFormValues = z.infer<typeof editionSchema>;

export const editionStatusSchema = z.object({
  intent: z.literal("status"),
  status: z.enum(["published", "draft", "held", "archived"], { error: "Statut inconnu." }),
});
