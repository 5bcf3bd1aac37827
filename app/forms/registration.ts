import { z } from "zod";
import { STRUCTURE_TYPES } from "#app/domain/shared/vocabulary.ts";
import { emailField, FORBIDDEN, FORBIDDEN_MESSAGE, freeText, optionalText, requiredText, yesNo } from "./fields.ts";

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

/** « Céder ma place »: the colleague's details, as the registration form asks them. */
export const handoverSchema = registrationDetailsSchema.extend({
  email: emailField,
});

export const emailChangeSchema = z.object({ email: emailField });

/** Rows of the team form; empty rows are ignored, so it works without JavaScript. */
export const TEAM_ROWS = 8;

const looseText = (max: number) =>
  freeText()
    .trim()
    .max(max, { error: `${max}\u00a0caractères au maximum.` })
    .refine((value) => !FORBIDDEN.test(value), { error: FORBIDDEN_MESSAGE })
    .optional()
    .transform((value) => value ?? "");

const teamRow = z
  .object({ firstName: looseText(100), lastName: looseText(100), email: looseText(254), role: looseText(150) })
  .superRefine((row, check) => {
    if (!row.firstName && !row.lastName && !row.email && !row.role) return;
    if (!row.firstName) check.addIssue({ code: "custom", path: ["firstName"], message: "Indiquez son prénom." });
    if (!row.lastName) check.addIssue({ code: "custom", path: ["lastName"], message: "Indiquez son nom." });
    if (!row.email) check.addIssue({ code: "custom", path: ["email"], message: "Indiquez son adresse e-mail." });
    else if (!emailField.safeParse(row.email).success)
      check.addIssue({
        code: "custom",
        path: ["email"],
        message: "Cette adresse e-mail n’est pas valide (exemple\u00a0: prenom.nom@structure.fr).",
      });
  });

export const teamSchema = z
  .object({
    organisation: requiredText("Indiquez la structure.", 200),
    structureType: z.enum(STRUCTURE_TYPES, { error: "Choisissez un type de structure dans la liste." }),
    members: z
      .array(teamRow)
      .max(TEAM_ROWS, { error: `${TEAM_ROWS}\u00a0personnes au maximum par envoi.` })
      .default([]),
    notice: z.literal("on", { error: "Confirmez que vous avez pris connaissance de la notice d’information." }),
    siteWeb: z.string().optional(),
  })
  .superRefine((form, check) => {
    const filled = form.members.filter((row) => row.firstName || row.lastName || row.email || row.role);
    if (filled.length === 0) {
      check.addIssue({
        code: "custom",
        path: ["members", 0, "firstName"],
        message: "Indiquez au moins une personne.",
      });
    }
    const seen = new Set<string>();
    form.members.forEach((row, index) => {
      const key = row.email.toLowerCase();
      if (!key) return;
      if (seen.has(key)) {
        check.addIssue({
          code: "custom",
          path: ["members", index, "email"],
          message: "Cette adresse figure déjà plus haut dans le formulaire.",
        });
      }
      seen.add(key);
    });
  })
  .transform(({ members, ...rest }) => ({
    ...rest,
    // Each person keeps the number of their row, so an error from the domain lands next to it.
    members: members
      .map((row, rowIndex) => ({ ...row, row: rowIndex, role: row.role || null }))
      .filter((row) => row.firstName),
  }));
