import { useServerForm } from "#app/components/use-server-form.ts";
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "react-router";
import type { Route } from "./+types/set-password";
import { NewPasswordFields, SubmitButton } from "#app/components/form-fields.tsx";
import {
  checkAccountToken,
  setPasswordWithToken,
  UserError,
  type AccountTokenCheck,
} from "#app/domain/accounts/users.server.ts";
import { setPasswordSchema } from "#app/forms/users.ts";
import { db } from "#app/lib/db.server.ts";
import { privatePageMeta } from "#app/lib/meta.ts";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import { requestInfo } from "#app/server/load-context.ts";
import { ServerForm } from "#app/components/server-form.tsx";

// Public: the person has no password yet. The token in the URL is the only proof; it is checked
// by the loader (to show a clear page for a dead link) and again, in a transaction, by the action.

export const meta: Route.MetaFunction = () => [
  ...privatePageMeta("Choisir un mot de passe", "Choisir le mot de passe de votre compte d’organisateur."),
  // The URL carries a one-time secret: it must not travel as a referrer.
  { name: "referrer", content: "no-referrer" },
];

const DEAD_LINKS = {
  unknown: {
    status: 404,
    title: "Lien invalide",
    message:
      "Ce lien n’est pas valide. Vérifiez qu’il a été copié en entier. Si vous avez reçu plusieurs e-mails, seul le plus récent fonctionne\u00a0; sinon, demandez un nouveau lien avec «\u00a0Mot de passe oublié\u00a0?\u00a0» sur la page de connexion.",
  },
  used: {
    status: 410,
    title: "Lien déjà utilisé",
    message:
      "Ce lien a déjà servi à choisir un mot de passe\u00a0: il ne fonctionne qu’une fois. Connectez-vous avec ce mot de passe, ou demandez un nouveau lien avec «\u00a0Mot de passe oublié\u00a0?\u00a0» sur la page de connexion.",
  },
  expired: {
    status: 410,
    title: "Lien expiré",
    message:
      "Ce lien n’est plus valable. Demandez-en un nouveau avec «\u00a0Mot de passe oublié\u00a0?\u00a0» sur la page de connexion.",
  },
  inactive: {
    status: 410,
    title: "Compte désactivé",
    message: "Ce compte a été désactivé\u00a0: ce lien ne fonctionne plus. Adressez-vous à l’équipe d’administration.",
  },
} as const;

function liveLink(check: AccountTokenCheck) {
  if (check.status !== "valid") {
    const { status, title, message } = DEAD_LINKS[check.status];
    throw data({ title, message }, { status });
  }
  return check;
}

export function loader({ params }: Route.LoaderArgs) {
  const link = liveLink(checkAccountToken(db(), params.token));
  return { name: link.user.name, email: link.user.email, purpose: link.purpose };
}

export async function action({ params, request, context }: Route.ActionArgs) {
  liveLink(checkAccountToken(db(), params.token));
  const submission = parseWithZod(await request.formData(), { schema: setPasswordSchema });
  const hideFields = ["password", "confirmation"];
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields }) }, { status: 400 });
  try {
    liveLink(
      await setPasswordWithToken(db(), params.token, submission.value.password, context.get(requestInfo).clientIp),
    );
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    const errors = error.field ? { fieldErrors: { [error.field]: [error.message] } } : { formErrors: [error.message] };
    return data({ result: submission.reply({ ...errors, hideFields }) }, { status: error.status });
  }
  throw await redirectWithFlash("/admin/connexion", {
    kind: "success",
    message: "Votre mot de passe est enregistré. Connectez-vous avec votre adresse e-mail et ce mot de passe.",
  });
}

export default function SetPassword({ loaderData, actionData }: Route.ComponentProps) {
  const { name, email, purpose } = loaderData;
  const [form, fields] = useServerForm(setPasswordSchema, {
    id: "mot-de-passe",
    lastResult: actionData?.result,
  });
  return (
    <div className="page narrow">
      <p className="eyebrow">Espace organisation</p>
      <h1>{purpose === "invitation" ? "Choisir votre mot de passe" : "Choisir un nouveau mot de passe"}</h1>
      <p>
        {purpose === "invitation" ? `Bienvenue ${name}\u00a0! ` : `Bonjour ${name}. `}
        Choisissez le mot de passe du compte <strong>{email}</strong>. Ce lien ne sert qu’une fois.
      </p>
      <ServerForm form={form}>
        {/* Lets password managers file the new password under the right account. */}
        <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
        <NewPasswordFields
          password={fields.password}
          confirmation={fields.confirmation}
          label="Mot de passe"
          confirmationLabel="Le même mot de passe, une seconde fois"
        />
        <SubmitButton>Enregistrer mon mot de passe</SubmitButton>
      </ServerForm>
    </div>
  );
}
