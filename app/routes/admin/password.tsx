import { useServerForm } from "#app/components/use-server-form.ts";
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "react-router";
import { requireRole } from "#app/routes/_shared/admin-session.server.ts";
import { plural } from "#app/lib/flash.ts";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import type { Route } from "./+types/password";
import { NewPasswordFields, SubmitButton, TextField } from "#app/components/form-fields.tsx";
import { EVERY_ROLE } from "#app/domain/accounts/roles.ts";
import { changeOwnPassword, UserError } from "#app/domain/accounts/users.server.ts";
import { changePasswordSchema } from "#app/forms/users.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { readSessionToken } from "#app/lib/session.server.ts";
import { requestInfo } from "#app/server/load-context.ts";
import { ServerForm } from "#app/components/server-form.tsx";

export const meta: Route.MetaFunction = () => pageMeta("Mon mot de passe", "Changer le mot de passe de votre compte.");

export async function loader({ context }: Route.LoaderArgs) {
  const user = requireRole(context, EVERY_ROLE);
  return { email: user.email };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = requireRole(context, EVERY_ROLE);
  const submission = parseWithZod(await request.formData(), { schema: changePasswordSchema });
  const hideFields = ["currentPassword", "newPassword", "confirmation"];
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields }) }, { status: 400 });
  let result: Awaited<ReturnType<typeof changeOwnPassword>>;
  try {
    result = await changeOwnPassword(db(), {
      userId: user.id,
      currentPassword: submission.value.currentPassword,
      newPassword: submission.value.newPassword,
      keepSessionToken: await readSessionToken(request),
      ip: context.get(requestInfo).clientIp,
    });
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    const errors = error.field ? { fieldErrors: { [error.field]: [error.message] } } : { formErrors: [error.message] };
    return data({ result: submission.reply({ ...errors, hideFields }) }, { status: error.status });
  }
  if (!result.ok && result.reason === "throttled") {
    const minutes = Math.max(1, Math.ceil(result.retryAfterMs / 60_000));
    return data(
      {
        result: submission.reply({
          formErrors: [
            `Trop de tentatives avec un mot de passe actuel incorrect. Réessayez dans ${minutes}\u00a0minute${minutes > 1 ? "s" : ""}.`,
          ],
          hideFields,
        }),
      },
      { status: 429, headers: { "Retry-After": String(Math.ceil(result.retryAfterMs / 1000)) } },
    );
  }
  if (!result.ok) {
    return data(
      {
        result: submission.reply({
          fieldErrors: { currentPassword: ["Ce n’est pas votre mot de passe actuel."] },
          hideFields,
        }),
      },
      { status: 400 },
    );
  }
  const closed = result.otherSessionsClosed;
  const sessions =
    closed > 0
      ? `${plural(closed, "autre session ouverte", "autres sessions ouvertes")} avec votre compte ${closed > 1 ? "ont été fermées" : "a été fermée"}.`
      : "Aucune autre session n’était ouverte avec votre compte.";
  throw await redirectWithFlash("/admin/mot-de-passe", {
    kind: "success",
    message: `Votre mot de passe est modifié. ${sessions}`,
  });
}

export default function Password({ loaderData, actionData }: Route.ComponentProps) {
  const { email } = loaderData;
  const [form, fields] = useServerForm(changePasswordSchema, {
    id: "mon-mot-de-passe",
    lastResult: actionData?.result,
  });
  return (
    <>
      <h1>Mon mot de passe</h1>
      <p>
        Changer votre mot de passe ferme toutes vos autres sessions (sur un autre ordinateur, un téléphone…)&nbsp;;
        celle-ci reste ouverte.
      </p>
      <ServerForm form={form}>
        <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
        <TextField
          field={fields.currentPassword}
          label="Mot de passe actuel"
          type="password"
          autoComplete="current-password"
          required
        />
        <NewPasswordFields
          password={fields.newPassword}
          confirmation={fields.confirmation}
          label="Nouveau mot de passe"
          confirmationLabel="Le nouveau mot de passe, une seconde fois"
        />
        <SubmitButton>Changer mon mot de passe</SubmitButton>
      </ServerForm>
    </>
  );
}
