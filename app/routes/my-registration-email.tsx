import { data } from "react-router";
import type { Route } from "./+types/my-registration-email";
import { TextField } from "#app/components/form-fields.tsx";
import { useServerForm } from "#app/components/use-server-form.ts";
import { EMAIL_CHANGE_VALIDITY_MS, requestEmailChange } from "#app/domain/registrations/email-change.server.ts";
import { registrantMayChange } from "#app/domain/registrations/self-service.ts";
import { emailChangeSchema } from "#app/forms/registration.ts";
import { db } from "#app/lib/db.server.ts";
import { mailContext } from "#app/lib/mail-context.server.ts";
import { privatePageMeta } from "#app/lib/meta.ts";
import { frenchTypography } from "#app/lib/typography.ts";
import { requireRegistration, requireRegistrationWithEdition } from "#app/routes/_shared/private-page.server.ts";
import { readPublicPost } from "#app/routes/_shared/public-form.server.ts";
import { ServerForm } from "#app/components/server-form.tsx";

export const meta: Route.MetaFunction = () =>
  privatePageMeta("Corriger mon adresse e-mail", "Changer l’adresse e-mail de votre inscription.");

const NOT_ALLOWED = frenchTypography(
  "L’adresse de cette inscription ne peut plus être changée : l’édition a commencé, ou l’inscription est annulée.",
);

export function loader({ params }: Route.LoaderArgs) {
  const { registration, edition } = requireRegistrationWithEdition(params.token);
  return data({
    token: params.token,
    email: registration.email,
    allowed: registrantMayChange("correct_email", edition, registration, new Date()),
    hours: EMAIL_CHANGE_VALIDITY_MS / 3_600_000,
  });
}

export async function action({ params, request, context }: Route.ActionArgs) {
  const registration = requireRegistration(params.token);
  // Each request emails an address the person typed: the public forms' rate limit applies.
  const { submission, checked } = await readPublicPost(request, context, emailChangeSchema, "email-change");
  if ("refused" in checked) return checked.refused;
  const outcome = requestEmailChange(db(), mailContext(), registration.id, checked.value.email);
  const fieldError = (message: string, status: number) =>
    data({ result: submission.reply({ fieldErrors: { email: [message] } }), sentTo: null }, { status });
  switch (outcome.outcome) {
    case "sent":
      return data({ result: null, sentTo: outcome.address });
    case "same_email":
      return fieldError("C’est déjà l’adresse de votre inscription.", 400);
    case "email_taken":
      return fieldError("Cette adresse est déjà inscrite à cette édition.", 409);
    case "not_allowed":
      return data({ result: submission.reply({ formErrors: [NOT_ALLOWED] }), sentTo: null }, { status: 409 });
  }
}

export default function ChangeEmail({ loaderData, actionData }: Route.ComponentProps) {
  const { token, email, allowed, hours } = loaderData;
  const sentTo = actionData && "sentTo" in actionData ? actionData.sentTo : null;
  const [form, fields] = useServerForm(emailChangeSchema, {
    id: "adresse",
    lastResult: actionData?.result ?? undefined,
  });
  return (
    <div className="page narrow">
      <p className="eyebrow">Mon inscription</p>
      <h1>Corriger mon adresse e-mail</h1>
      {sentTo ? (
        <p className="notice notice--ok" role="status">
          Un lien de confirmation vient de partir vers {sentTo}. Votre adresse changera quand vous l’aurez suivi (il
          fonctionne {hours}&nbsp;heures, une seule fois). D’ici là, rien ne change.
        </p>
      ) : null}
      {allowed ? (
        <>
          <p>
            Adresse actuelle&nbsp;: <strong>{email}</strong>. Nous enverrons un lien à la nouvelle adresse&nbsp;; elle
            ne remplacera l’actuelle qu’une fois ce lien suivi.
          </p>
          <ServerForm form={form}>
            <TextField
              field={fields.email}
              label="Nouvelle adresse e-mail"
              type="email"
              autoComplete="email"
              required
            />
            <div>
              <button type="submit" className="button">
                Envoyer le lien de confirmation
              </button>{" "}
              <a href={`/inscription/${token}`}>Retour à mon inscription</a>
            </div>
          </ServerForm>
        </>
      ) : (
        <p className="notice notice--warn">{NOT_ALLOWED}</p>
      )}
    </div>
  );
}
