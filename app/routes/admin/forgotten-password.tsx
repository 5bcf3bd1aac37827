import { useServerForm } from "#app/components/use-server-form.ts";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/forgotten-password";
import { SubmitButton, TextField } from "#app/components/form-fields.tsx";
import { requestPasswordReset } from "#app/domain/accounts/users.server.ts";
import { forgottenPasswordSchema } from "#app/forms/login.ts";
import { db } from "#app/lib/db.server.ts";
import { mailContext } from "#app/lib/mail-context.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { getUser } from "#app/lib/session.server.ts";
import { requestInfo } from "#app/server/load-context.ts";
import { ServerForm } from "#app/components/server-form.tsx";

export const meta: Route.MetaFunction = () =>
  pageMeta("Mot de passe oublié", "Recevoir par e-mail un lien pour choisir un nouveau mot de passe.");

/** The same words whether or not an account has this address: the page must not tell who has one. */
export const FORGOTTEN_PASSWORD_ANSWER =
  "Si un compte actif existe pour cette adresse, un e-mail vient d’y partir avec un lien pour choisir un nouveau mot de passe. Le lien reste valable une heure et ne sert qu’une fois. Pensez à regarder dans les indésirables.";

export async function loader({ request }: Route.LoaderArgs) {
  if (await getUser(request)) throw redirect("/admin/mot-de-passe");
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: forgottenPasswordSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false }, { status: 400 });
  const outcome = requestPasswordReset(db(), mailContext(), {
    email: submission.value.email,
    ip: context.get(requestInfo).clientIp,
  });
  if (!outcome.ok) {
    const minutes = Math.max(1, Math.ceil(outcome.retryAfterMs / 60_000));
    return data(
      {
        result: submission.reply({
          formErrors: [
            `Trop de demandes pour cette adresse ou depuis cette connexion. Réessayez dans ${minutes}\u00a0minute${minutes > 1 ? "s" : ""}.`,
          ],
        }),
        sent: false,
      },
      { status: 429, headers: { "Retry-After": String(Math.ceil(outcome.retryAfterMs / 1000)) } },
    );
  }
  return { result: submission.reply({ resetForm: true }), sent: true };
}

export default function ForgottenPassword({ actionData }: Route.ComponentProps) {
  const [form, fields] = useServerForm(forgottenPasswordSchema, {
    id: "mot-de-passe-oublie",
    lastResult: actionData?.result,
  });
  return (
    <div className="page narrow">
      <p className="eyebrow">Espace organisation</p>
      <h1>Mot de passe oublié</h1>
      {actionData?.sent ? (
        <p className="notice notice--ok" role="status">
          {FORGOTTEN_PASSWORD_ANSWER}
        </p>
      ) : null}
      <p>
        Indiquez l’adresse e-mail de votre compte&nbsp;: vous recevrez un lien pour choisir un nouveau mot de passe.
        Votre mot de passe actuel reste valable tant que ce lien n’a pas servi.
      </p>
      <ServerForm form={form}>
        <TextField field={fields.email} label="Adresse e-mail" type="email" autoComplete="username" required />
        <SubmitButton>Recevoir le lien</SubmitButton>
      </ServerForm>
      <p>
        <Link to="/admin/connexion">Retour à la connexion</Link>
      </p>
    </div>
  );
}
