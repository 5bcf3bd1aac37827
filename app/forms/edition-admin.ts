import { z } from "zod";
import { requiredText } from "./fields.ts";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export const capacitySchema = z.object({
  intent: z.literal("capacity"),
  capacity: z.coerce
    .number({ error: "Indiquez un nombre de places." })
    .int({ error: "Indiquez un nombre entier de places." })
    .min(0, { error: "Le nombre de places ne peut pas être négatif." })
    .max(100_000, { error: "100 000 places au maximum." }),
});

export const logisticsSchema = z
  .object({
    intent: z.literal("logistics"),
    title: requiredText("Indiquez le titre de l’édition.", 200),
    date: z
      .string({ error: "Indiquez la date." })
      .regex(DATE, { error: "Date invalide (format attendu : AAAA-MM-JJ)." }),
    startTime: z.string({ error: "Indiquez l’heure de début." }).regex(TIME, { error: "Heure invalide (HH:MM)." }),
    endTime: z.string({ error: "Indiquez l’heure de fin." }).regex(TIME, { error: "Heure invalide (HH:MM)." }),
    venueId: z.coerce.number({ error: "Choisissez un lieu." }).int().positive({ error: "Choisissez un lieu." }),
  })
  .refine((value) => value.endTime > value.startTime, {
    path: ["endTime"],
    error: "L’heure de fin doit suivre l’heure de début.",
  });

export const cancelEditionSchema = z.object({
  intent: z.literal("cancel-edition"),
  confirm: z.literal("on", { error: "Cochez la case pour confirmer l’annulation." }),
});

export const cancelRegistrationSchema = z.object({
  intent: z.literal("cancel-registration"),
  registrationId: z.coerce.number().int().positive(),
});

export const resendEmailSchema = z.object({ intent: z.literal("resend") });
