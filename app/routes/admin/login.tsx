import { useServerForm } from "#app/components/use-server-form.ts";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Link, redirect, useSearchParams } from "react-router";
import type { Route } from "./+types/login";
import { SubmitButton, TextField } from "#app/components/form-fields.tsx";
import { destroySession } from "#app/domain/accounts/sessions.server.ts";
import { login } from "#app/domain/accounts/auth.server.ts";
import { loginSchema } from "#app/forms/login.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import {
  getUser,
  knownDeviceHeader,
  pendingSecondFactorHeader,
  readKnownDevice,
  readSessionToken,
  safeRedirectTarget,
  sessionCookieHeader,
} from "#app/lib/session.server.ts";
import { requestInfo } from "#app/server/load-context.ts";
import { ServerForm } from "#app/components/server-form.tsx";

export const meta: Route.MetaFunction = () =>
  pageMeta("Connexion", "Connexion à l’Espace organisation des coordinations territoriales du SIAO 95.");

export async function loader({ request }: Route.LoaderArgs) {
  if (await getUser(request)) throw redirect("/admin");
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: loginSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const target = safeRedirectTarget(submission.value.redirectTo);
  const device = await readKnownDevice(request);
  const result = await login(db(), {
    email: submission.value.email,
    password: submission.value.password,
    ip: context.get(requestInfo).clientIp,
    device,
    userAgent: request.headers.get("User-Agent"),
  });
  if (!result.ok && result.reason === "second-factor") {
    throw redirect(`/admin/connexion/code?redirectTo=${encodeURIComponent(target)}`, {
      headers: { "Set-Cookie": await pendingSecondFactorHeader(result.userId) },
    });
  }
  if (!result.ok) {
    if (result.reason === "throttled") {
      const minutes = Math.max(1, Math.ceil(result.retryAfterMs / 60_000));
      return data(
        {
          result: submission.reply({
            formErrors: [
              `Trop de tentatives de connexion. Réessayez dans ${minutes}\u00a0minute${minutes > 1 ? "s" : ""}.`,
            ],
            hideFields: ["password"],
          }),
        },
        { status: 429, headers: { "Retry-After": String(Math.ceil(result.retryAfterMs / 1000)) } },
      );
    }
    return data(
      {
        result: submission.reply({
          formErrors: ["Adresse e-mail ou mot de passe incorrect."],
          hideFields: ["password"],
        }),
      },
      { status: 401 },
    );
  }
  // A session that existed before login is dropped: the new one gets a new id.
  const previous = await readSessionToken(request);
  if (previous) destroySession(db(), previous);
  const headers = new Headers();
  headers.append("Set-Cookie", await sessionCookieHeader(result.sessionToken));
  headers.append("Set-Cookie", await knownDeviceHeader(result.user.email, device));
  throw redirect(target, { headers });
}

export default function Login({ actionData }: Route.ComponentProps) {
  const [searchParams] = useSearchParams();
  const [form, fields] = useServerForm(loginSchema, {
    id: "login",
    lastResult: actionData?.result,
  });
  return (
    <div className="page narrow">
      <h1>Espace organisation</h1>
      <p>Connectez-vous avec le compte que l’équipe du SIAO&nbsp;95 vous a créé.</p>
      <ServerForm fields={{ redirectTo: searchParams.get("redirectTo") ?? "" }} form={form}>
        <TextField field={fields.email} label="Adresse e-mail" type="email" autoComplete="username" required />
        <TextField
          field={fields.password}
          label="Mot de passe"
          type="password"
          autoComplete="current-password"
          required
        />
        <SubmitButton>Se connecter</SubmitButton>
      </ServerForm>
      <p>
        <Link to="/admin/mot-de-passe-oublie">Mot de passe oublié&nbsp;?</Link>
      </p>
    </div>
  );
}
