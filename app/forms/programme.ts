import { z } from "zod";
import { SESSION_KINDS, SESSION_PERSON_ROLES } from "#app/domain/shared/vocabulary.ts";
import { emailField, optionalText, requiredText } from "./fields.ts";

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export const sessionSchema = z
  .object({
    intent: z.enum(["add-session", "update-session"]),
    sessionId: z.coerce.number().int().positive().optional(),
    kind: z.enum(SESSION_KINDS, { error: "Choisissez le type de séquence." }),
    title: requiredText("Indiquez le titre de la séquence.", 300),
    description: optionalText(3000, true),
    startTime: z.string({ error: "Indiquez l’heure de début." }).regex(TIME, { error: "Heure invalide (HH:MM)." }),
    endTime: z.string({ error: "Indiquez l’heure de fin." }).regex(TIME, { error: "Heure invalide (HH:MM)." }),
    room: optionalText(120),
  })
  .refine((value) => value.endTime > value.startTime, {
    path: ["endTime"],
    error: "L’heure de fin doit suivre l’heure de début.",
  });

export const attachSchema = z
  .object({
    intent: z.literal("attach"),
    sessionId: z.coerce.number().int().positive(),
    personId: z.union([z.literal("new"), z.coerce.number().int().positive()], {
      error: "Choisissez une personne ou «\u00a0Nouvelle personne\u00a0».",
    }),
    newName: optionalText(200),
    newRole: optionalText(300),
    newOrganisation: optionalText(200),
    role: z.enum(SESSION_PERSON_ROLES, { error: "Choisissez le rôle." }),
  })
  .refine((value) => value.personId !== "new" || Boolean(value.newName), {
    path: ["newName"],
    error: "Indiquez le nom de la nouvelle personne.",
  });

export const personSchema = z.object({
  intent: z.enum(["create", "update"]),
  personId: z.coerce.number().int().positive().optional(),
  name: requiredText("Indiquez le nom.", 200),
  role: optionalText(300),
  organisation: optionalText(200),
  email: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .pipe(emailField.optional())
    .transform((value) => value ?? null),
});
