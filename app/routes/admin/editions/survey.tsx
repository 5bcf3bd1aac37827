import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "react-router";
import { plural } from "#app/lib/flash.ts";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import type { Route } from "./+types/survey";
import { TextField } from "#app/components/form-fields.tsx";
import { SurveyResultsView } from "#app/components/survey-results.tsx";
import { useServerForm } from "#app/components/use-server-form.ts";
import { ORGANISERS } from "#app/domain/accounts/roles.ts";
import { surveyResults } from "#app/domain/survey/results.server.ts";
import {
  sendSurveyInvitations,
  setSurveyClosing,
  SurveyAdminError,
  surveyWindow,
} from "#app/domain/survey/survey.server.ts";
import { surveyClosingSchema } from "#app/forms/survey.ts";
import { requireEditionAccess } from "#app/routes/_shared/admin-edition.server.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { formatDateTime, parisDateString, parisTimeString } from "#app/lib/time.ts";
import { ErrorNotice } from "#app/components/notice.tsx";
import { ServerForm } from "#app/components/server-form.tsx";
import { IntentButton } from "#app/components/row-action-form.tsx";
import { actBy } from "#app/routes/_shared/act.server.ts";

export const meta: Route.MetaFunction = () =>
  pageMeta("Questionnaire de satisfaction", "Invitations et résultats du questionnaire.");

export async function loader({ params, context }: Route.LoaderArgs) {
  const { edition } = requireEditionAccess(context, params.editionId, ORGANISERS);
  const window = surveyWindow(edition);
  return {
    editionId: edition.id,
    window: window.open ? { open: true as const } : { open: false as const, reason: window.reason },
    closesAt: edition.surveyClosesAt,
    closesAtValue: edition.surveyClosesAt
      ? `${parisDateString(edition.surveyClosesAt)}T${parisTimeString(edition.surveyClosesAt)}`
      : "",
    results: surveyResults(db(), edition.id),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor, edition } = requireEditionAccess(context, params.editionId, ORGANISERS);
  const formData = await request.formData();
  const back = `/admin/editions/${edition.id}/questionnaire`;

  if (formData.get("intent") === "invite") {
    try {
      const { queued } = sendSurveyInvitations(actBy(actor), edition.id);
      throw await redirectWithFlash(back, {
        kind: "success",
        message:
          queued > 0
            ? `${plural(queued, "invitation ajoutée", "invitations ajoutées")} à la file d’envoi.`
            : "Aucune nouvelle invitation\u00a0: chaque personne présente l’a déjà reçue.",
      });
    } catch (error) {
      if (!(error instanceof SurveyAdminError)) throw error;
      return data({ intent: "invite" as const, inviteError: error.message, result: undefined }, { status: 409 });
    }
  }

  const submission = parseWithZod(formData, { schema: surveyClosingSchema });
  if (submission.status !== "success")
    return data({ intent: "closing" as const, inviteError: null, result: submission.reply() }, { status: 400 });
  try {
    setSurveyClosing(actBy(actor), edition.id, submission.value.surveyClosesAt);
  } catch (error) {
    if (!(error instanceof SurveyAdminError)) throw error;
    return data(
      {
        intent: "closing" as const,
        inviteError: null,
        result: submission.reply({ fieldErrors: { surveyClosesAt: [error.message] } }),
      },
      { status: 400 },
    );
  }
  throw await redirectWithFlash(back, { kind: "success", message: "Date de clôture enregistrée." });
}

export default function EditionSurvey({ loaderData, actionData }: Route.ComponentProps) {
  const { editionId, window, closesAt, closesAtValue, results } = loaderData;
  const [form, fields] = useServerForm(surveyClosingSchema, {
    id: "cloture-questionnaire",
    lastResult: actionData?.intent === "closing" ? actionData.result : undefined,
    defaultValue: { surveyClosesAt: closesAtValue },
  });
  const { invitation } = results;

  return (
    <>
      <h1>Questionnaire de satisfaction</h1>

      <section aria-labelledby="invitations">
        <h2 id="invitations">Invitations</h2>
        <p>
          Chaque personne dont la présence a été enregistrée reçoit une fois, par e-mail, le lien vers le questionnaire
          sur sa page personnelle. {invitation.present}&nbsp;personne{invitation.present > 1 ? "s" : ""} présente
          {invitation.present > 1 ? "s" : ""}, {invitation.invited}&nbsp;invitée{invitation.invited > 1 ? "s" : ""},{" "}
          {invitation.pending}&nbsp;à inviter.
        </p>
        <ErrorNotice message={actionData?.inviteError} />
        {window.open ? (
          invitation.pending > 0 ? (
            <IntentButton intent="invite">Envoyer l’invitation ({invitation.pending})</IntentButton>
          ) : null
        ) : (
          <p className="notice">
            {window.reason === "not_held"
              ? "Le questionnaire s’ouvre quand l’édition est marquée comme tenue (Vue d’ensemble, «\u00a0Marquer comme tenue\u00a0»)."
              : "Le questionnaire est clos\u00a0: plus personne ne peut répondre ni être invité."}
          </p>
        )}
      </section>

      <section aria-labelledby="cloture">
        <h2 id="cloture">Clôture</h2>
        <p>
          {closesAt
            ? `Les réponses sont acceptées jusqu’au ${formatDateTime(closesAt)}.`
            : "Sans date de clôture, le questionnaire reste ouvert tant que l’édition est «\u00a0tenue\u00a0»\u00a0; il se ferme quand elle est archivée."}
        </p>
        <ServerForm form={form} intent="closing" className="form form--inline">
          <TextField
            field={fields.surveyClosesAt}
            label="Clôture du questionnaire (heure de Paris)"
            type="datetime-local"
          />
          <div>
            <button type="submit" className="button button--secondary">
              Enregistrer la date
            </button>
          </div>
        </ServerForm>
      </section>

      <SurveyResultsView results={results} />
      <p>
        <a href={`/admin/editions/${editionId}/questionnaire.csv`}>Exporter les réponses en CSV (anonyme)</a>
      </p>
    </>
  );
}
