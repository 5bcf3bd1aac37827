import { z } from "zod";
import { DIRECTION_CONTROLS, DIRECTION_CONTROLS_MESSAGE, freeText } from "./fields.ts";

export const messageSchema = z.object({
  intent: z.enum(["preview", "send"]),
  // The one-time key the page gave this form: a second post of it sends nothing more.
  batchId: z.uuid({ error: "Ce formulaire a expiré\u00a0: rechargez la page." }),
  groups: z
    .array(z.enum(["confirmed", "waitlisted"]), { error: "Choisissez au moins un groupe de destinataires." })
    .min(1, { error: "Choisissez au moins un groupe de destinataires." }),
  subject: z
    .string({ error: "Indiquez l’objet du message." })
    .trim()
    .min(1, { error: "Indiquez l’objet du message." })
    .max(200, { error: "200\u00a0caractères au maximum." })
    .refine((value) => !/[\r\n]/.test(value), { error: "L’objet tient sur une ligne." })
    .refine((value) => !DIRECTION_CONTROLS.test(value), { error: DIRECTION_CONTROLS_MESSAGE }),
  body: freeText("Écrivez le message.")
    .trim()
    .min(1, { error: "Écrivez le message." })
    .max(20_000, { error: "20\u00a0000\u00a0caractères au maximum." })
    .refine((value) => !DIRECTION_CONTROLS.test(value), { error: DIRECTION_CONTROLS_MESSAGE }),
});
