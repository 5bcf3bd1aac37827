import { z } from "zod";

export const loginSchema = z.object({
  email: z
    .string({ error: "Indiquez votre adresse e-mail." })
    .trim()
    .max(254, { error: "Cette adresse e-mail est trop longue." })
    .pipe(z.email({ error: "Cette adresse e-mail n’est pas valide." })),
  password: z.string({ error: "Indiquez votre mot de passe." }).max(1000, { error: "Ce mot de passe est trop long." }),
  redirectTo: z.string().max(2000).optional(),
});

export const forgottenPasswordSchema = z.object({
  email: z
    .string({ error: "Indiquez l’adresse e-mail de votre compte." })
    .trim()
    .max(254, { error: "Cette adresse e-mail est trop longue." })
    .pipe(z.email({ error: "Cette adresse e-mail n’est pas valide (exemple\u00a0: prenom.nom@siao95.fr)." })),
});
