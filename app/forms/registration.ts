import { z } from "zod";
import { STRUCTURE_TYPES } from "#app/domain/shared/vocabulary.ts";
import { emailField, optionalText, requiredText, yesNo } from "./fields.ts";

/** The details a person can correct later from their private page. */
export const registrationDetailsSchema = z.object({
  firstName: requiredText("Indiquez votre prénom.", 100),
  lastName: requiredText("Indiquez votre nom.", 100),
  organisation: requiredText("Indiquez votre structure.", 200),
  role: optionalText(150),
  structureType: z.enum(STRUCTURE_TYPES, { error: "Choisissez un type de structure dans la liste." }),
  accessNeeds: optionalText(1000, true),
  meal: yesNo("Indiquez si vous déjeunerez sur place."),
});

export const registrationSchema = registrationDetailsSchema.extend({
  email: emailField,
  /** Unticked by default: appearing in the participants' list is a choice, never assumed. */
  listedInNetwork: z
    .enum(["on"], { error: "Cochez la case ou laissez-la vide." })
    .optional()
    .transform((value) => value === "on"),
  notice: z.literal("on", { error: "Confirmez que vous avez pris connaissance de la notice d’information." }),
  /** Honeypot: hidden from people, filled by robots. */
  siteWeb: z.string().optional(),
});

export const lostLinkSchema = z.object({ email: emailField });
