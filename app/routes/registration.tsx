import { useServerForm } from "#app/components/use-server-form.ts";
import { data } from "react-router";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import type { Route } from "./+types/registration";
import { CheckboxField, Honeypot, SubmitButton } from "#app/components/form-fields.tsx";
import { FormPageTitle, type FieldLabels } from "#app/components/error-summary.tsx";
import { personFieldLabels, PersonFields, RegistrationPrivacyNotice } from "#app/components/registration-fields.tsx";
import { register, type ClosedReason } from "#app/domain/registrations/registrations.server.ts";
import { registrationSchema } from "#app/forms/registration.ts";
import { db } from "#app/lib/db.server.ts";
import { mailContext } from "#app/lib/mail-context.server.ts";
import { formPageMeta, pageMeta } from "#app/lib/meta.ts";
import { publicRegistrationPage, requirePublicEditionSummary } from "#app/routes/_shared/public-edition.server.ts";
import { readPublicPost } from "#app/routes/_shared/public-form.server.ts";
import { formatDateTime, formatRange } from "#app/lib/time.ts";
import { ServerForm } from "#app/components/server-form.tsx";

const titleOf = (edition: { title: string }) => `Inscription — ${edition.title}`;

export const meta: Route.MetaFunction = ({ loaderData }) =>
  loaderData
    ? formPageMeta(
        titleOf(loaderData.edition),
        `S’inscrire à la coordination territoriale « ${loaderData.edition.title} » du SIAO 95.`,
      )
    : pageMeta("Inscription", "Inscription à une coordination territoriale du SIAO 95.");

export function loader({ params }: Route.LoaderArgs) {
  return publicRegistrationPage(params.slug);
}

export async function action({ params, request, context }: Route.ActionArgs) {
  const { submission, checked } = await readPublicPost(request, context, registrationSchema, "registration");
  if ("refused" in checked) return checked.refused;
  const { notice: _notice, siteWeb: _siteWeb, ...input } = checked.value;
  const outcome = register(db(), mailContext(), params.slug, input);
  switch (outcome.outcome) {
    case "confirmed":
    case "waitlisted":
      throw await redirectWithFlash(`/inscription/${outcome.token}`, {
        kind: "success",
        message: `Merci ${input.firstName}\u00a0! Un e-mail vient de partir vers ${input.email}. Gardez-le\u00a0: il contient le lien de cette page, qui vous est personnel.`,
      });
    case "already_registered":
      throw await redirectWithFlash(`/editions/${params.slug}/inscription`, {
        kind: "success",
        message:
          "Vous êtes déjà inscrit·e à cette édition avec cette adresse e-mail. Nous venons de vous renvoyer votre lien personnel par e-mail\u00a0: il vous permet de consulter, corriger ou annuler votre inscription.",
      });
    case "closed": {
      const { edition } = requirePublicEditionSummary(params.slug);
      return data(
        { result: submission.reply({ formErrors: [closedMessage(outcome.reason, edition.registrationOpensAt)] }) },
        { status: 409 },
      );
    }
  }
}

export function closedMessage(reason: ClosedReason, opensAt: Date | null): string {
  switch (reason) {
    case "not_yet_open":
      return opensAt
        ? `Les inscriptions ouvriront le ${formatDateTime(opensAt)}.`
        : "Les inscriptions ne sont pas encore ouvertes.";
    case "window_over":
      return "Les inscriptions sont closes.";
    case "cancelled":
      return "Cette édition est annulée.";
    case "edition_over":
      return "Cette édition a déjà eu lieu.";
    case "not_planned":
      return "Les inscriptions ne sont pas ouvertes pour cette édition.";
    case "full":
      return "Cette édition est complète et n’a pas de liste d’attente.";
    case "not_found":
      return "Édition introuvable.";
  }
}

const LISTED_LABEL = "Apparaître dans la liste des participants";
const NOTICE_LABEL = "J’ai pris connaissance de la notice d’information ci-dessus.";

const FIELD_LABELS: FieldLabels = [
  ...personFieldLabels([
    "firstName",
    "lastName",
    "email",
    "organisation",
    "role",
    "structureType",
    "accessNeeds",
    "meal",
  ]),
  ["listedInNetwork", LISTED_LABEL],
  ["notice", NOTICE_LABEL],
];

export default function RegistrationPage({ loaderData, actionData }: Route.ComponentProps) {
  const { edition, venue, availability } = loaderData;
  const [form, fields] = useServerForm(registrationSchema, {
    id: "inscription",
    lastResult: actionData?.result,
  });

  return (
    <div className="page">
      <FormPageTitle title={titleOf(edition)} result={actionData?.result} />
      <p className="eyebrow">Inscription</p>
      <h1>{edition.title}</h1>
      <p className="lead">
        {formatRange(edition.startsAt, edition.endsAt)}
        {venue ? ` — ${venue.name}, ${venue.city}` : ""}. <a href={`/editions/${edition.slug}`}>Voir le programme</a>
      </p>

      {availability.open ? (
        <>
          {availability.waitlist ? (
            <p className="notice notice--warn">
              Toutes les places sont prises. En vous inscrivant, vous rejoignez la liste d’attente&nbsp;: vous serez
              confirmé·e automatiquement, dans l’ordre d’arrivée, si une place se libère.
            </p>
          ) : (
            <p className="notice">
              {availability.seatsLeft} place{availability.seatsLeft > 1 ? "s" : ""} disponible
              {availability.seatsLeft > 1 ? "s" : ""}.
            </p>
          )}
          <p>Les champs marqués d’un astérisque (*) sont obligatoires.</p>
          <ServerForm form={form} fieldLabels={FIELD_LABELS}>
            <PersonFields
              fields={fields}
              hints={{
                email: "Votre confirmation et votre invitation d’agenda y seront envoyées.",
                accessNeeds:
                  "Par exemple : accès en fauteuil, interprétation en langue des signes, régime alimentaire.",
              }}
              autoFill
            />
            <CheckboxField
              field={fields.listedInNetwork}
              label={LISTED_LABEL}
              hint={
                "Facultatif. Votre nom, votre structure et votre fonction seront visibles des autres personnes inscrites à cette édition, depuis leur lien personnel, et de l’équipe organisatrice\u00a0; jamais votre adresse e-mail. Vous pourrez changer d’avis à tout moment depuis votre lien personnel."
              }
            />
            <Honeypot />
            <RegistrationPrivacyNotice
              recipients={
                "L’équipe organisatrice du SIAO\u00a095\u00a0; si vous cochez «\u00a0Apparaître dans la liste des participants\u00a0», les autres personnes inscrites à l’édition voient aussi votre nom, votre structure et votre fonction."
              }
            />
            <CheckboxField field={fields.notice} label={NOTICE_LABEL} />
            <SubmitButton>{availability.waitlist ? "Rejoindre la liste d’attente" : "Je m’inscris"}</SubmitButton>
          </ServerForm>
          <p>
            <a href={`/editions/${edition.slug}/inscription/equipe`}>
              Inscrire plusieurs collègues d’une même structure
            </a>{" "}
            · <a href={`/editions/${edition.slug}/inscription/lien`}>Déjà inscrit·e et lien perdu&nbsp;?</a>
          </p>
        </>
      ) : (
        <div className="notice notice--warn">
          <p>{closedMessage(availability.reason, edition.registrationOpensAt)}</p>
          <p>
            <a href={`/editions/${edition.slug}`}>Retour à la page de l’édition</a>
          </p>
        </div>
      )}
    </div>
  );
}
