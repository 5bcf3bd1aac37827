import type { Submission } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type RouterContextProvider } from "react-router";
import type { z } from "zod";
import { publicFormLimiter } from "#app/lib/rate-limit.server.ts";
import { requestInfo } from "#app/server/load-context.ts";

/**
 * What every public form checks before its domain function runs, in this order: the rate limit
 * per client address, the schema, and the honeypot. Returns the refusal to send back, or the
 * parsed value.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySubmission = Submission<any, string[], any>;
type Parsed<S extends AnySubmission> = Extract<S, { status: "success" }>["value"];

export function checkPublicPost<S extends AnySubmission>(submission: S, form: string, clientIp: string | null) {
  const wait = publicFormLimiter().hit(`${form}:${clientIp ?? "unknown"}`);
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60_000);
    return {
      refused: data(
        {
          result: submission.reply({
            formErrors: [
              `Trop d’envois depuis votre connexion. Réessayez dans ${minutes}\u00a0minute${minutes > 1 ? "s" : ""}.`,
            ],
          }),
        },
        { status: 429, headers: { "Retry-After": String(Math.ceil(wait / 1000)) } },
      ),
    } as const;
  }
  if (submission.status !== "success")
    return { refused: data({ result: submission.reply() }, { status: 400 }) } as const;
  const value = submission.value as Parsed<S>;
  if ((value as { siteWeb?: unknown }).siteWeb) {
    return {
      refused: data(
        { result: submission.reply({ formErrors: ["Votre envoi n’a pas pu être accepté."] }) },
        { status: 400 },
      ),
    } as const;
  }
  return { value } as const;
}

/** The same checks on a public form's post, read from the request; the submission is kept for later replies. */
export async function readPublicPost<Schema extends z.ZodType<Record<string, unknown>>>(
  request: Request,
  context: Readonly<RouterContextProvider>,
  schema: Schema,
  form: string,
) {
  const submission = parseWithZod(await request.formData(), { schema });
  return { submission, checked: checkPublicPost(submission, form, context.get(requestInfo).clientIp) };
}
