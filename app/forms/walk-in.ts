import { z } from "zod";
import { STRUCTURE_TYPES } from "#app/domain/shared/vocabulary.ts";
import { emailField, requiredText } from "./fields.ts";

/** A walk-in registration on the day: the essentials only. */
export const walkInSchema = z.object({
  intent: z.literal("walk-in"),
  firstName: requiredText("Indiquez le prénom.", 100),
  lastName: requiredText("Indiquez le nom.", 100),
  email: emailField,
  organisation: requiredText("Indiquez la structure.", 200),
  structureType: z.enum(STRUCTURE_TYPES, { error: "Choisissez un type de structure dans la liste." }),
});
