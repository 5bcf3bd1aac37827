import { z } from "zod";
import { USER_ROLES } from "#app/domain/shared/vocabulary.ts";
import { emailAddress, requiredText } from "./fields.ts";

// Forms of the organiser accounts: invitations, account edits, passwords, and the journal filter.

/**
 * MIN_PASSWORD_LENGTH of app/lib/password.server.ts, repeated because that module loads argon2
 * and cannot reach the browser; tests/integration/users-admin.test.ts checks they agree, and the
 * domain checks the length again.
 */
export const PASSWORD_MIN_LENGTH = 12;
const PASSWORD_MAX_LENGTH = 1000;

const newPassword = (missing: string) =>
  z
    .string({ error: missing })
    .min(PASSWORD_MIN_LENGTH, {
      error: `Le mot de passe doit compter au moins ${PASSWORD_MIN_LENGTH}\u00a0caractères.`,
    })
    .max(PASSWORD_MAX_LENGTH, { error: "Ce mot de passe est trop long." });

const confirmation = z
  .string({ error: "Saisissez le mot de passe une seconde fois." })
  .max(PASSWORD_MAX_LENGTH, { error: "Ce mot de passe est trop long." });

const accountEmail = emailAddress(
  "Indiquez l’adresse e-mail de la personne.",
  "Cette adresse e-mail n’est pas valide (exemple\u00a0: prenom.nom@siao95.fr).",
);

const accountName = requiredText("Indiquez le nom de la personne.", 100);

/** Admins invite organisers and reviewers; making someone admin is a separate, later step. */
export const INVITABLE_ROLES = ["organiser", "reviewer"] as const;

export const inviteUserSchema = z.object({
  email: accountEmail,
  name: accountName,
  role: z.enum(INVITABLE_ROLES, { error: "Choisissez un rôle dans la liste." }),
});

export const updateUserSchema = z.object({
  intent: z.literal("update"),
  name: accountName,
  role: z.enum(USER_ROLES, { error: "Choisissez un rôle dans la liste." }),
});

export const deactivateUserSchema = z.object({
  intent: z.literal("deactivate"),
  confirm: z.literal("on", { error: "Cochez la case pour confirmer la désactivation." }),
});

export const reactivateUserSchema = z.object({ intent: z.literal("reactivate") });

export const resetPasswordSchema = z.object({
  intent: z.literal("reset-password"),
  confirm: z.literal("on", { error: "Cochez la case pour confirmer la réinitialisation." }),
});

export const setPasswordSchema = z
  .object({
    password: newPassword("Choisissez un mot de passe."),
    confirmation,
  })
  .refine((value) => value.password === value.confirmation, {
    path: ["confirmation"],
    error: "Les deux saisies ne sont pas identiques.",
  });

export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: "Indiquez votre mot de passe actuel." })
      .max(PASSWORD_MAX_LENGTH, { error: "Ce mot de passe est trop long." }),
    newPassword: newPassword("Choisissez un nouveau mot de passe."),
    confirmation,
  })
  .refine((value) => value.newPassword === value.confirmation, {
    path: ["confirmation"],
    error: "Les deux saisies ne sont pas identiques.",
  })
  .refine((value) => value.newPassword !== value.currentPassword, {
    path: ["newPassword"],
    error: "Le nouveau mot de passe doit être différent de l’actuel.",
  });

/**
 * The journal's filter, read from the query string. A value that makes no sense is dropped rather
 * than refused: a filter link pasted with a typo still shows the journal.
 */
export const auditFilterSchema = z.object({
  action: z
    .string()
    .trim()
    .max(100)
    .regex(/^[a-z_.]*$/)
    .optional()
    .catch(undefined)
    .transform((value) => value || null),
  utilisateur: z
    .union([z.literal("aucun"), z.coerce.number().int().positive()])
    .optional()
    .catch(undefined)
    .transform((value) => (value === "aucun" ? ("none" as const) : (value ?? null))),
  page: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .optional()
    .catch(undefined)
    .transform((value) => value ?? 1),
});
