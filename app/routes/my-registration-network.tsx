import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form } from "react-router";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import type { Route } from "./+types/my-registration-network";
import { NetworkTable } from "#app/components/network-table.tsx";
import { networkForRegistration, setNetworkListing } from "#app/domain/registrations/network.server.ts";
import { loadEdition } from "#app/domain/editions/editions.server.ts";
import { networkListingSchema } from "#app/forms/survey.ts";
import { db } from "#app/lib/db.server.ts";
import { privatePageMeta } from "#app/lib/meta.ts";
import { requireRegistration } from "#app/routes/_shared/private-page.server.ts";
import { formatDate } from "#app/lib/time.ts";
import { invariantResponse } from "#app/routes/_shared/invariant.ts";

export const meta: Route.MetaFunction = () =>
  privatePageMeta("Liste des participants", "Les personnes inscrites à une coordination territoriale du SIAO 95.");

const CANCELLED = {
  title: "Liste réservée aux personnes inscrites",
  message:
    "Cette inscription est annulée\u00a0: la liste des participants n’est visible que des personnes inscrites à l’édition.",
};

export function loader({ params }: Route.LoaderArgs) {
  const registration = requireRegistration(params.token);
  const view = networkForRegistration(db(), registration);
  invariantResponse(view.allowed, 403, CANCELLED);
  const { edition } = loadEdition(db(), registration.editionId);
  return {
    token: params.token,
    edition: { title: edition.title, startsAt: edition.startsAt },
    listed: view.listed,
    people: view.people,
  };
}

export async function action({ params, request }: Route.ActionArgs) {
  const registration = requireRegistration(params.token);
  const submission = parseWithZod(await request.formData(), { schema: networkListingSchema });
  if (submission.status !== "success")
    throw data({ title: "Demande incorrecte", message: "Choix inconnu." }, { status: 400 });
  if (!setNetworkListing(db(), registration.id, submission.value.listed)) throw data(CANCELLED, { status: 409 });
  throw await redirectWithFlash(`/inscription/${params.token}/participants`, {
    kind: "success",
    message: submission.value.listed
      ? "Vous apparaissez désormais dans la liste."
      : "Vous n’apparaissez plus dans la liste.",
  });
}

export default function MyNetwork({ loaderData }: Route.ComponentProps) {
  const { token, edition, listed, people } = loaderData;
  return (
    <div className="page narrow">
      <p className="eyebrow">Mon inscription</p>
      <h1>Liste des participants</h1>
      <p className="lead">
        {edition.title} — {formatDate(edition.startsAt)}
      </p>

      <section aria-labelledby="ma-presence">
        <h2 id="ma-presence">Ma présence dans la liste</h2>
        <p>
          {listed
            ? "Votre nom, votre structure et votre fonction sont visibles des autres personnes inscrites à cette édition et de l’équipe organisatrice."
            : "Vous n’apparaissez pas dans la liste. Si vous le souhaitez, votre nom, votre structure et votre fonction y seront visibles des autres personnes inscrites à cette édition et de l’équipe organisatrice."}{" "}
          Votre adresse e-mail n’y figure jamais.
        </p>
        <Form method="post">
          <input type="hidden" name="listed" value={listed ? "non" : "oui"} />
          <button type="submit" className={listed ? "button button--secondary" : "button"}>
            {listed ? "Ne plus apparaître dans la liste" : "Apparaître dans la liste"}
          </button>
        </Form>
      </section>

      <section aria-labelledby="participants">
        <h2 id="participants">Les participants</h2>
        <p>
          Seules les personnes qui l’ont choisi apparaissent ici. Cette liste sert à retrouver des collègues et à se
          contacter entre structures du secteur&nbsp;: merci de ne pas la diffuser.
        </p>
        <NetworkTable
          people={people}
          caption={`Participants ayant choisi d’apparaître dans la liste (${people.length})`}
        />
      </section>
      <p>
        <a href={`/inscription/${token}`}>Retour à mon inscription</a>
      </p>
    </div>
  );
}
