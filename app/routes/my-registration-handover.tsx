import { data, redirect } from "react-router";
import type { Route } from "./+types/my-registration-handover";
import { PersonFields } from "#app/components/registration-fields.tsx";
import { useServerForm } from "#app/components/use-server-form.ts";
import { handOverRegistration } from "#app/domain/registrations/handover.server.ts";
import { registrantMayChange } from "#app/domain/registrations/self-service.ts";
import { handoverSchema } from "#app/forms/registration.ts";
import { privatePageMeta } from "#app/lib/meta.ts";
import { formatDate } from "#app/lib/time.ts";
import { frenchTypography } from "#app/lib/typography.ts";
import { requireRegistration, requireRegistrationWithEdition } from "#app/routes/_shared/private-page.server.ts";
import { readPublicPost } from "#app/routes/_shared/public-form.server.ts";
import { requestInfo } from "#app/server/load-context.ts";
import { ServerForm } from "#app/components/server-form.tsx";
import { SubmitOrKeep } from "#app/components/form-fields.tsx";
import { actBy } from "#app/routes/_shared/act.server.ts";

export const meta: Route.MetaFunction = () =>
  privatePageMeta("Céder ma place", "Donner votre place à une ou un collègue.");

const NOT_ALLOWED = frenchTypography(
  "Cette inscription ne peut plus être cédée : l’édition a commencé, ou l’inscription est annulée.",
);

export function loader({ params }: Route.LoaderArgs) {
  const { registration, edition } = requireRegistrationWithEdition(params.token);
  return data({
    token: params.token,
    title: edition.title,
    startsAt: edition.startsAt,
    status: registration.status,
    allowed: registrantMayChange("hand_over", edition, registration, new Date()),
    organisation: registration.organisation,
    structureType: registration.structureType,
  });
}

export async function action({ params, request, context }: Route.ActionArgs) {
  const registration = requireRegistration(params.token);
  const { submission, checked } = await readPublicPost(request, context, handoverSchema, "handover");
  if ("refused" in checked) return checked.refused;
  const outcome = handOverRegistration(
    actBy({
      userId: null,
      ip: context.get(requestInfo).clientIp,
    }),
    registration.id,
    checked.value,
  );
  switch (outcome.outcome) {
    case "handed_over":
      // The link of this page is dead now: the answer lives at an address of its own.
      throw redirect("/inscription-cedee");
    case "email_taken":
      return data(
        {
          result: submission.reply({
            fieldErrors: {
              email: [
                frenchTypography(
                  "Cette adresse est déjà inscrite à cette édition : choisissez une personne qui n’est pas encore inscrite.",
                ),
              ],
            },
          }),
        },
        { status: 409 },
      );
    case "not_allowed":
      return data({ result: submission.reply({ formErrors: [NOT_ALLOWED] }) }, { status: 409 });
  }
}

export default function HandOver({ loaderData, actionData }: Route.ComponentProps) {
  const { token, title, startsAt, status, allowed, organisation, structureType } = loaderData;
  const [form, fields] = useServerForm(handoverSchema, {
    id: "ceder",
    lastResult: actionData?.result ?? undefined,
    defaultValue: { organisation, structureType },
  });
  return (
    <div className="page narrow">
      <p className="eyebrow">Mon inscription</p>
      <h1>Céder ma place</h1>
      {allowed ? (
        <>
          <p>
            {frenchTypography(
              status === "confirmed"
                ? `Votre place à « ${title} » du ${formatDate(startsAt)} ira à la personne indiquée ci-dessous : elle recevra sa propre confirmation, son invitation et son lien personnel. Votre inscription sera annulée et votre lien ne fonctionnera plus.`
                : `Votre position sur la liste d’attente de « ${title} » du ${formatDate(startsAt)} ira à la personne indiquée ci-dessous, qui garde votre rang. Votre inscription sera annulée et votre lien ne fonctionnera plus.`,
            )}
          </p>
          <p>Les champs marqués d’un astérisque (*) sont obligatoires.</p>
          <ServerForm form={form}>
            <PersonFields
              fields={fields}
              labels={{
                firstName: "Son prénom",
                lastName: "Son nom",
                email: "Son adresse e-mail",
                organisation: "Sa structure",
                role: "Sa fonction",
                accessNeeds: "Ses besoins d’accessibilité ou d’adaptation",
                meal: "Cette personne déjeunera-t-elle sur place ?",
              }}
              hints={{ email: "Sa confirmation, son invitation d’agenda et son lien personnel y seront envoyés." }}
            />
            <div>
              <SubmitOrKeep keepHref={`/inscription/${token}`} keepLabel="Non, garder ma place">
                Céder ma place
              </SubmitOrKeep>
            </div>
          </ServerForm>
        </>
      ) : (
        <p className="notice notice--warn">{NOT_ALLOWED}</p>
      )}
    </div>
  );
}
