import { z } from "zod";
import { STRUCTURE_TYPES } from "#app/domain/shared/vocabulary.ts";
import { emailField, requiredText } from "./fields.ts";

/**
 * A walk-in registration on the day: the essentials only. Many people at the door have no
 * address to give, or none they want to give: without one they get no email and no private link.
 */
export const walkInSchema = z.object({
  intent: z.literal("walk-in"),
  firstName: requiredText("Indiquez le prénom.", 100),
  lastName: requiredText("Indiquez le nom.", 100),
  email: z
    .preprocess(
      (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
      emailField.optional(),
    )
    .transform((value) => value ?? null),
  organisation: requiredText("Indiquez la structure.", 200),
  structureType: z.enum(STRUCTURE_TYPES, { error: "Choisissez un type de structure dans la liste." }),
});
