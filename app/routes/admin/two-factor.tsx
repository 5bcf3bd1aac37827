import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "react-router";
import type { Route } from "./+types/two-factor";
import { SubmitButton, TextField } from "#app/components/form-fields.tsx";
import { useServerForm } from "#app/components/use-server-form.ts";
import { EVERY_ROLE } from "#app/domain/accounts/roles.ts";
import {
  confirmEnrolment,
  disableTwoFactor,
  startEnrolment,
  twoFactorStatus,
} from "#app/domain/accounts/two-factor.server.ts";
import { twoFactorSchema } from "#app/forms/two-factor.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { requireRole } from "#app/routes/_shared/admin-session.server.ts";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import { ServerForm } from "#app/components/server-form.tsx";
import { IntentButton } from "#app/components/row-action-form.tsx";

export const meta: Route.MetaFunction = () =>
  pageMeta("Double authentification", "Protéger votre compte par un code à usage unique.");

export async function loader({ context }: Route.LoaderArgs) {
  const user = requireRole(context, EVERY_ROLE);
  const status = twoFactorStatus(db(), user.id);
  const enrolment = status.pending ? await startEnrolment(db(), user.id) : null;
  return data({ status, enrolment }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = requireRole(context, EVERY_ROLE);
  const submission = parseWithZod(await request.formData(), { schema: twoFactorSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["code"] }) }, { status: 400 });
  }
  const value = submission.value;
  if (value.intent === "start") {
    if (!twoFactorStatus(db(), user.id).enabled) await startEnrolment(db(), user.id);
    throw redirect("/admin/double-authentification");
  }
  const result =
    value.intent === "confirm"
      ? confirmEnrolment(db(), user.id, value.code)
      : disableTwoFactor(db(), user.id, value.code);
  if (!result.ok) {
    return data(
      { result: submission.reply({ fieldErrors: { code: [result.message] }, hideFields: ["code"] }) },
      { status: 400 },
    );
  }
  throw await redirectWithFlash("/admin/double-authentification", {
    kind: "success",
    message:
      value.intent === "confirm"
        ? "La double authentification est activée. À chaque connexion, votre mot de passe puis un code de l’application vous seront demandés."
        : "La double authentification est désactivée.",
  });
}

/** « JBSW Y3DP EHPK 3PXP »: easier to copy by hand in groups of four. */
function grouped(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(" ") ?? secret;
}

export default function TwoFactor({ loaderData, actionData }: Route.ComponentProps) {
  const { status, enrolment } = loaderData;
  const [form, fields] = useServerForm(twoFactorSchema, {
    id: "double-authentification",
    lastResult: actionData?.result,
  });
  const codeField = (
    <TextField
      field={fields.code}
      label="Code à six chiffres affiché par l’application"
      autoComplete="one-time-code"
      inputMode="numeric"
      maxLength={20}
      required
    />
  );
  return (
    <>
      <h1>Double authentification</h1>
      {status.required && !status.enabled ? (
        <p className="notice notice--error" role="alert">
          L’équipe d’administration exige la double authentification pour votre compte. Activez-la pour accéder au reste
          de l’Espace organisation.
        </p>
      ) : null}
      <p>
        En plus du mot de passe, la connexion demande un code à six chiffres, renouvelé toutes les 30&nbsp;secondes par
        une application d’authentification installée sur votre téléphone (FreeOTP, Aegis, Google Authenticator,
        Microsoft Authenticator…). Un mot de passe dérobé ne suffit plus pour entrer.
      </p>

      {status.enabled ? (
        <section aria-labelledby="etat">
          <h2 id="etat">Activée</h2>
          {status.required ? (
            <p>L’équipe d’administration l’exige pour votre compte&nbsp;: elle ne peut pas être désactivée.</p>
          ) : (
            <ServerForm form={form} intent="disable">
              {codeField}
              <div>
                <button type="submit" className="button button--secondary">
                  Désactiver la double authentification
                </button>
              </div>
            </ServerForm>
          )}
        </section>
      ) : enrolment ? (
        <section aria-labelledby="activation">
          <h2 id="activation">Activation</h2>
          <ol>
            <li>Dans votre application, ajoutez un compte en scannant ce code QR.</li>
            <li>
              Sans appareil photo, saisissez plutôt la clé&nbsp;:{" "}
              <code className="totp-secret">{grouped(enrolment.secret)}</code>
            </li>
            <li>Saisissez ci-dessous le code que l’application affiche pour «&nbsp;CTS SIAO&nbsp;95&nbsp;».</li>
          </ol>
          <div
            className="totp-qr"
            role="img"
            aria-label="Code QR à scanner avec l’application d’authentification"
            dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }}
          />
          <ServerForm form={form} intent="confirm">
            {codeField}
            <SubmitButton>Activer</SubmitButton>
          </ServerForm>
        </section>
      ) : (
        <IntentButton intent="start">Activer la double authentification</IntentButton>
      )}
    </>
  );
}
