import { Form } from "react-router";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import type { Route } from "./+types/my-registration-erase";
import { eraseRegistration } from "#app/domain/privacy/privacy.server.ts";
import { registrantStanding } from "#app/domain/registrations/registrations.server.ts";
import { db } from "#app/lib/db.server.ts";
import { privatePageMeta } from "#app/lib/meta.ts";
import { requireRegistration } from "#app/routes/_shared/private-page.server.ts";
import { requestInfo } from "#app/server/load-context.ts";
import { actBy } from "#app/routes/_shared/act.server.ts";

export const meta: Route.MetaFunction = () =>
  privatePageMeta("Effacer mon inscription", "Effacer vos données personnelles.");

export function loader({ params }: Route.LoaderArgs) {
  const registration = requireRegistration(params.token);
  const standing = registrantStanding(db(), registration);
  // Before the start the seat is freed; from the start on, the anonymous presence stays counted.
  return { token: params.token, active: standing.cancel, started: standing.afterTheDay };
}

export async function action({ params, context }: Route.ActionArgs) {
  const registration = requireRegistration(params.token);
  eraseRegistration(actBy({ userId: null, ip: context.get(requestInfo).clientIp }), registration.id);
  // The private link no longer opens anything: the person lands on a neutral page.
  throw await redirectWithFlash("/donnees-personnelles", {
    kind: "success",
    message:
      "Votre inscription a été effacée. Si elle était confirmée, votre place a été libérée et un e-mail d’annulation retire l’événement de votre agenda\u00a0; cet e-mail est effacé à son tour dès son envoi.",
  });
}

export default function EraseRegistration({ loaderData }: Route.ComponentProps) {
  const { token, active, started } = loaderData;
  return (
    <div className="page narrow">
      <p className="eyebrow">Mon inscription</p>
      <h1>Effacer mon inscription</h1>
      <p>
        Votre nom, votre adresse e-mail, votre structure et vos besoins d’accessibilité seront effacés définitivement,
        ainsi que le contenu des courriels qui vous ont été envoyés. Ce lien personnel cessera de fonctionner.
        {active ? " Votre place sera libérée et l’événement retiré de votre agenda." : ""}
        {started ? " Votre présence ou votre absence à la journée reste comptée, sans votre nom." : ""}
      </p>
      <p>Seules restent des statistiques anonymes (le type de structure, pour compter les participants).</p>
      <Form method="post">
        <button type="submit" className="button button--danger">
          Effacer définitivement
        </button>{" "}
        <a href={`/inscription/${token}`}>Annuler</a>
      </Form>
    </div>
  );
}
