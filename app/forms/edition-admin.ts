import { z } from "zod";
import { sendingConfirmation } from "./fields.ts";

export const cancelEditionSchema = z.object({
  intent: z.literal("cancel-edition"),
  confirm: z.literal("on", { error: "Cochez la case pour confirmer l’annulation." }),
  confirmation: sendingConfirmation,
});
