import { z } from "zod";
import { emailAddress } from "./fields.ts";

export const loginSchema = z.object({
  email: emailAddress("Indiquez votre adresse e-mail.", "Cette adresse e-mail n’est pas valide.", false),
  password: z.string({ error: "Indiquez votre mot de passe." }).max(1000, { error: "Ce mot de passe est trop long." }),
  redirectTo: z.string().max(2000).optional(),
});

export const forgottenPasswordSchema = z.object({
  email: emailAddress(
    "Indiquez l’adresse e-mail de votre compte.",
    "Cette adresse e-mail n’est pas valide (exemple\u00a0: prenom.nom@siao95.fr).",
    false,
  ),
});
