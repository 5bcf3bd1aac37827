import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, useSearchParams } from "react-router";
import type { Route } from "./+types/login-code";
import { SubmitButton, TextField } from "#app/components/form-fields.tsx";
import { useServerForm } from "#app/components/use-server-form.ts";
import { loginWithCode } from "#app/domain/accounts/auth.server.ts";
import { loginCodeSchema } from "#app/forms/two-factor.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import {
  clearedSecondFactorHeader,
  knownDeviceHeader,
  readKnownDevice,
  readPendingSecondFactor,
  safeRedirectTarget,
  sessionCookieHeader,
} from "#app/lib/session.server.ts";
import { requestInfo } from "#app/server/load-context.ts";
import { ServerForm } from "#app/components/server-form.tsx";

export const meta: Route.MetaFunction = () =>
  pageMeta("Code de connexion", "Deuxième étape de la connexion à l’Espace organisation.");

function expired() {
  return redirectWithFlash("/admin/connexion", {
    kind: "error",
    message: "La connexion a expiré avant la saisie du code. Recommencez avec votre mot de passe.",
  });
}

export async function loader({ request }: Route.LoaderArgs) {
  if ((await readPendingSecondFactor(request)) === null) throw await expired();
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const userId = await readPendingSecondFactor(request);
  if (userId === null) throw await expired();
  const submission = parseWithZod(await request.formData(), { schema: loginCodeSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["code"] }) }, { status: 400 });
  }
  const device = await readKnownDevice(request);
  const result = loginWithCode(db(), {
    userId,
    code: submission.value.code,
    ip: context.get(requestInfo).clientIp,
    userAgent: request.headers.get("User-Agent"),
  });
  if (!result.ok) {
    if (result.reason === "throttled") {
      const minutes = Math.max(1, Math.ceil(result.retryAfterMs / 60_000));
      return data(
        {
          result: submission.reply({
            formErrors: [`Trop de codes refusés. Réessayez dans ${minutes}\u00a0minute${minutes > 1 ? "s" : ""}.`],
            hideFields: ["code"],
          }),
        },
        { status: 429, headers: { "Retry-After": String(Math.ceil(result.retryAfterMs / 1000)) } },
      );
    }
    return data(
      {
        result: submission.reply({
          fieldErrors: {
            code: [
              "Ce code n’est pas valide ou a déjà servi. Saisissez le code affiché en ce moment par votre application.",
            ],
          },
          hideFields: ["code"],
        }),
      },
      { status: 401 },
    );
  }
  const headers = new Headers();
  headers.append("Set-Cookie", await sessionCookieHeader(result.sessionToken));
  headers.append("Set-Cookie", await clearedSecondFactorHeader());
  headers.append("Set-Cookie", await knownDeviceHeader(result.user.email, device));
  throw redirect(safeRedirectTarget(submission.value.redirectTo), { headers });
}

export default function LoginCode({ actionData }: Route.ComponentProps) {
  const [searchParams] = useSearchParams();
  const [form, fields] = useServerForm(loginCodeSchema, { id: "login-code", lastResult: actionData?.result });
  return (
    <div className="page narrow">
      <h1>Code de connexion</h1>
      <p>
        Votre compte est protégé par la double authentification. Ouvrez votre application d’authentification (FreeOTP,
        Aegis, Google Authenticator…) et saisissez le code à six chiffres affiché pour «&nbsp;CTS SIAO&nbsp;95&nbsp;».
      </p>
      <ServerForm fields={{ redirectTo: searchParams.get("redirectTo") ?? "" }} form={form}>
        <TextField
          field={fields.code}
          label="Code à six chiffres"
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={20}
          required
        />
        <SubmitButton>Valider</SubmitButton>
      </ServerForm>
      <p>
        Téléphone perdu ou changé&nbsp;? L’équipe d’administration peut réinitialiser la double authentification de
        votre compte.
      </p>
    </div>
  );
}
