import { data } from "react-router";
import type { Route } from "./+types/registration-team";
import { CheckboxField, Honeypot, SubmitButton, TextField } from "#app/components/form-fields.tsx";
import { FormPageTitle, type FieldLabels } from "#app/components/error-summary.tsx";
import { personFieldLabels, PersonFields, RegistrationPrivacyNotice } from "#app/components/registration-fields.tsx";
import { useServerForm } from "#app/components/use-server-form.ts";
import { registerTeam, type TeamMemberOutcome } from "#app/domain/registrations/team.server.ts";
import { TEAM_ROWS, teamSchema } from "#app/forms/registration.ts";
import { db } from "#app/lib/db.server.ts";
import { mailContext } from "#app/lib/mail-context.server.ts";
import { formPageMeta, pageMeta } from "#app/lib/meta.ts";
import { formatRange } from "#app/lib/time.ts";
import { frenchTypography } from "#app/lib/typography.ts";
import { publicRegistrationPage, requirePublicEditionSummary } from "#app/routes/_shared/public-edition.server.ts";
import { readPublicPost } from "#app/routes/_shared/public-form.server.ts";
import { closedMessage } from "./registration.tsx";
import { ServerForm } from "#app/components/server-form.tsx";

const DESCRIPTION = "Inscrire plusieurs personnes d’une même structure à une coordination territoriale du SIAO 95.";
const titleOf = (edition: { title: string }) => `Inscrire une équipe — ${edition.title}`;

export const meta: Route.MetaFunction = ({ loaderData }) =>
  loaderData ? formPageMeta(titleOf(loaderData.edition), DESCRIPTION) : pageMeta("Inscrire une équipe", DESCRIPTION);

const ROW_LABELS = { firstName: "Prénom", lastName: "Nom", email: "Adresse e-mail", role: "Fonction" } as const;
const NOTICE_LABEL =
  "J’ai pris connaissance de la notice d’information ci-dessus et j’en ai informé les personnes que j’inscris.";

/** Each row's fields are named after their person, as the legend of the row does. */
const FIELD_LABELS: FieldLabels = [
  ...personFieldLabels(["organisation", "structureType"]),
  ...Array.from({ length: TEAM_ROWS }, (_, index) =>
    Object.entries(ROW_LABELS).map(
      ([name, label]) => [`members[${index}].${name}`, `Personne ${index + 1}, ${label.toLowerCase()}`] as const,
    ),
  ).flat(),
  ["notice", NOTICE_LABEL],
];

export function loader({ params }: Route.LoaderArgs) {
  return publicRegistrationPage(params.slug);
}

const TAKEN = frenchTypography("Cette personne est déjà inscrite à cette édition : retirez-la de la liste.");

export async function action({ params, request, context }: Route.ActionArgs) {
  const { submission, checked } = await readPublicPost(request, context, teamSchema, "registration");
  if ("refused" in checked) return checked.refused;
  const { organisation, structureType, members } = checked.value;
  const outcome = registerTeam(db(), mailContext(), params.slug, { organisation, structureType, members });
  switch (outcome.outcome) {
    case "registered":
      return data({ result: undefined, registered: outcome.members });
    case "emails_taken":
      return data(
        {
          result: submission.reply({
            fieldErrors: Object.fromEntries(
              outcome.indexes.map((index) => [`members[${members[index]!.row}].email`, [TAKEN]]),
            ),
          }),
        },
        { status: 409 },
      );
    case "not_enough_seats":
      return data(
        {
          result: submission.reply({
            formErrors: [
              frenchTypography(
                `Il ne reste que ${outcome.seatsLeft} place${outcome.seatsLeft > 1 ? "s" : ""} et cette édition n’a pas de liste d’attente : inscrivez moins de personnes.`,
              ),
            ],
          }),
        },
        { status: 409 },
      );
    case "closed": {
      const { edition } = requirePublicEditionSummary(params.slug);
      return data(
        { result: submission.reply({ formErrors: [closedMessage(outcome.reason, edition.registrationOpensAt)] }) },
        { status: 409 },
      );
    }
  }
}

function TeamResult({ members }: { members: TeamMemberOutcome[] }) {
  const confirmed = members.filter((m) => m.status === "confirmed");
  const waiting = members.filter((m) => m.status === "waitlisted");
  return (
    <>
      <p className="notice notice--ok" role="status">
        {members.length === 1 ? "La personne est inscrite" : `Les ${members.length} personnes sont inscrites`}. Chacune
        reçoit par e-mail sa confirmation et son lien personnel, qui lui permet de corriger ses informations (déjeuner,
        besoins d’accessibilité) ou de se désinscrire.
      </p>
      {confirmed.length > 0 ? (
        <section aria-labelledby="equipe-confirmee">
          <h2 id="equipe-confirmee">Place confirmée ({confirmed.length})</h2>
          <ul>
            {confirmed.map((m) => (
              <li key={m.email}>
                {m.firstName} {m.lastName} ({m.email})&nbsp;: place confirmée
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {waiting.length > 0 ? (
        <section aria-labelledby="equipe-attente">
          <h2 id="equipe-attente">Sur la liste d’attente ({waiting.length})</h2>
          <p>Ces personnes seront confirmées automatiquement, dans l’ordre, si des places se libèrent.</p>
          <ul>
            {waiting.map((m) => (
              <li key={m.email}>
                {m.firstName} {m.lastName} ({m.email})&nbsp;: liste d’attente,{" "}
                {m.position === 1 ? "1re" : `${m.position}e`} position
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export default function TeamRegistration({ loaderData, actionData }: Route.ComponentProps) {
  const { edition, availability } = loaderData;
  const [form, fields] = useServerForm(teamSchema, {
    id: "equipe",
    lastResult: actionData?.result,
    defaultValue: { members: Array.from({ length: TEAM_ROWS }, () => ({})) },
  });
  const rows = fields.members.getFieldList();
  const registered = actionData && "registered" in actionData ? actionData.registered : null;

  return (
    <div className="page">
      <FormPageTitle title={titleOf(edition)} result={actionData?.result} />
      <p className="eyebrow">Inscription d’équipe</p>
      <h1>{edition.title}</h1>
      <p className="lead">
        {formatRange(edition.startsAt, edition.endsAt)}. <a href={`/editions/${edition.slug}`}>Voir le programme</a>
      </p>
      {registered ? (
        <TeamResult members={registered} />
      ) : availability.open ? (
        <>
          <p className="notice">
            {availability.waitlist
              ? "Toutes les places sont prises\u00a0: les personnes inscrites rejoignent la liste d’attente, dans l’ordre du formulaire."
              : `${availability.seatsLeft} place${availability.seatsLeft > 1 ? "s" : ""} disponible${availability.seatsLeft > 1 ? "s" : ""}. Les places sont attribuées dans l’ordre du formulaire${"\u00a0"}; au-delà, les personnes rejoignent la liste d’attente.`}
          </p>
          <p>
            Inscrivez jusqu’à {TEAM_ROWS} collègues d’une même structure&nbsp;; les lignes laissées vides sont ignorées.
            Les champs marqués d’un astérisque (*) sont obligatoires.
          </p>
          <ServerForm form={form} fieldLabels={FIELD_LABELS}>
            <PersonFields
              fields={{ organisation: fields.organisation, structureType: fields.structureType }}
              autoFill
            />
            {rows.map((row, index) => {
              const person = row.getFieldset();
              return (
                <fieldset key={row.key} className="fieldset">
                  <legend>Personne {index + 1}</legend>
                  <TextField field={person.firstName} label={ROW_LABELS.firstName} maxLength={100} />
                  <TextField field={person.lastName} label={ROW_LABELS.lastName} maxLength={100} />
                  <TextField field={person.email} label={ROW_LABELS.email} type="email" maxLength={254} />
                  <TextField field={person.role} label={ROW_LABELS.role} maxLength={150} />
                </fieldset>
              );
            })}
            <Honeypot />
            <RegistrationPrivacyNotice
              recipients={
                "L’équipe organisatrice du SIAO\u00a095. Chaque personne inscrite reçoit son propre lien pour corriger ses informations, céder sa place ou se désinscrire."
              }
            />
            <CheckboxField field={fields.notice} label={NOTICE_LABEL} />
            <SubmitButton>Inscrire ces personnes</SubmitButton>
          </ServerForm>
        </>
      ) : (
        <div className="notice notice--warn">
          <p>{closedMessage(availability.reason, edition.registrationOpensAt)}</p>
        </div>
      )}
    </div>
  );
}
