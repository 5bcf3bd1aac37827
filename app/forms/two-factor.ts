import { z } from "zod";

const code = z
  .string({ error: "Saisissez le code à six chiffres de votre application." })
  .trim()
  .max(20, { error: "Ce code est trop long : il compte six chiffres." })
  .refine((value) => /^\d{6}$/.test(value.replace(/[\s-]/g, "")), {
    error: "Le code compte six chiffres, sans lettres.",
  });

export const loginCodeSchema = z.object({
  code,
  redirectTo: z.string().max(2000).optional(),
});

export const twoFactorSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start") }),
  z.object({ intent: z.literal("confirm"), code }),
  z.object({ intent: z.literal("disable"), code }),
]);
