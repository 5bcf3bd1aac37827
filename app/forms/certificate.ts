import { z } from "zod";
import { normaliseCode } from "#app/domain/certificates/values.ts";

/** The public form of `/attestation`: a code typed from a paper or PDF certificate. */
export const verificationSchema = z.object({
  code: z
    .string({ error: "Indiquez le code de vérification imprimé sur l’attestation." })
    .trim()
    .min(1, { error: "Indiquez le code de vérification imprimé sur l’attestation." })
    .max(40, { error: "Ce code est trop long\u00a0: il compte 10\u00a0caractères (par exemple K7QF-3M9P-XZ)." })
    .transform((value, ctx) => {
      const code = normaliseCode(value);
      if (!code) {
        ctx.addIssue({
          code: "custom",
          message:
            "Ce code n’a pas la forme attendue\u00a0: 10\u00a0lettres et chiffres, par exemple K7QF-3M9P-XZ (sans O, I, L, 0 ni 1).",
        });
        return z.NEVER;
      }
      return code;
    }),
});

/** The buttons of the « Attestations » tab. */
export const certificateActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("issue-all") }),
  z.object({ intent: z.literal("send") }),
  z.object({
    intent: z.enum(["issue", "regenerate", "revoke"]),
    registrationId: z.coerce.number().int().positive(),
  }),
]);
