import { data, Form, redirect } from "react-router";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import type { Route } from "./+types/my-registration-cancel";
import { loadEdition } from "#app/domain/editions/editions.server.ts";
import { LifecycleError } from "#app/domain/editions/lifecycle.ts";
import { cancelRegistration, registrantStanding } from "#app/domain/registrations/registrations.server.ts";
import { db } from "#app/lib/db.server.ts";
import { privatePageMeta } from "#app/lib/meta.ts";
import { requireRegistration } from "#app/routes/_shared/private-page.server.ts";
import { formatDate } from "#app/lib/time.ts";
import { frenchTypography } from "#app/lib/typography.ts";
import { requestInfo } from "#app/server/load-context.ts";
import { SubmitOrKeep } from "#app/components/form-fields.tsx";
import { actBy } from "#app/routes/_shared/act.server.ts";

export const meta: Route.MetaFunction = () =>
  privatePageMeta("Me désinscrire", "Annuler votre inscription à une coordination territoriale du SIAO 95.");

export function loader({ params }: Route.LoaderArgs) {
  const registration = requireRegistration(params.token);
  if (registration.status === "cancelled") throw redirect(`/inscription/${params.token}`);
  const { edition } = loadEdition(db(), registration.editionId);
  return data({
    token: params.token,
    status: registration.status,
    title: edition.title,
    startsAt: edition.startsAt,
    refusal: registrantStanding(db(), registration).cancelRefusal,
  });
}

export async function action({ params, context }: Route.ActionArgs) {
  const registration = requireRegistration(params.token);
  try {
    cancelRegistration(actBy({ userId: null, ip: context.get(requestInfo).clientIp }), registration.id);
  } catch (error) {
    if (!(error instanceof LifecycleError)) throw error;
    return data({ error: error.message }, { status: error.status });
  }
  throw await redirectWithFlash(`/inscription/${params.token}`, {
    kind: "success",
    message: "Votre désinscription est enregistrée. Un e-mail de confirmation vous a été envoyé.",
  });
}

export default function CancelRegistration({ loaderData, actionData }: Route.ComponentProps) {
  const { token, status, title, startsAt } = loaderData;
  const refusal = actionData?.error ?? loaderData.refusal;
  if (refusal) {
    return (
      <div className="page narrow">
        <p className="eyebrow">Mon inscription</p>
        <h1>Me désinscrire</h1>
        <p className="notice notice--error" role="alert">
          {refusal}
        </p>
        <p>
          <a href={`/inscription/${token}`}>Retour à mon inscription</a>
        </p>
      </div>
    );
  }
  return (
    <div className="page narrow">
      <p className="eyebrow">Mon inscription</p>
      <h1>Me désinscrire</h1>
      <p>
        {frenchTypography(
          status === "confirmed"
            ? `Vous êtes sur le point d’annuler votre inscription à « ${title} » du ${formatDate(startsAt)}. Votre place ira à la première personne de la liste d’attente, et l’événement sera retiré de votre agenda.`
            : `Vous êtes sur le point de quitter la liste d’attente de « ${title} » du ${formatDate(startsAt)}.`,
        )}
      </p>
      <Form method="post">
        <SubmitOrKeep keepHref={`/inscription/${token}`} keepLabel="Non, garder mon inscription">
          Confirmer ma désinscription
        </SubmitOrKeep>
      </Form>
    </div>
  );
}
