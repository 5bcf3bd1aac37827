import { useForm } from "@conform-to/react";
import type { z } from "zod";

type Options = Omit<NonNullable<Parameters<typeof useForm>[0]>, "onValidate" | "shouldValidate" | "shouldRevalidate">;

/**
 * A Conform form validated by the server only: the same zod schema parses the post in the
 * action, and its errors come back through `lastResult`. No validation runs in the browser, so
 * a form behaves the same with and without JavaScript, and no message appears or disappears
 * under the pointer while someone clicks « Envoyer ». The schema only types the fields here.
 */
export function useServerForm<Schema extends z.ZodType<Record<string, unknown>>>(_schema: Schema, options: Options) {
  return useForm<z.output<Schema>>(options as never);
}
