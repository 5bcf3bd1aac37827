import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "react-router";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import type { Route } from "./+types/my-registration-survey";
import { RadioGroupField, SubmitButton, TextAreaField } from "#app/components/form-fields.tsx";
import { useServerForm } from "#app/components/use-server-form.ts";
import {
  findSurveyAnswer,
  saveSurveyResponse,
  surveyAccess,
  surveyClosedMessage,
  SurveyError,
  surveySessions,
} from "#app/domain/survey/survey.server.ts";
import {
  NO_OPINION,
  OVERALL_LABELS,
  SURVEY_LIMITS,
  SURVEY_SCORES,
  USEFULNESS_LABELS,
} from "#app/domain/survey/values.ts";
import { surveySchema } from "#app/forms/survey.ts";
import { db } from "#app/lib/db.server.ts";
import { privatePageMeta } from "#app/lib/meta.ts";
import { requireRegistration, requireRegistrationWithEdition } from "#app/routes/_shared/private-page.server.ts";
import { formatDate, formatDateTime } from "#app/lib/time.ts";
import { ServerForm } from "#app/components/server-form.tsx";

export const meta: Route.MetaFunction = () =>
  privatePageMeta("Questionnaire de satisfaction", "Votre avis sur une coordination territoriale du SIAO 95.");

export function loader({ params }: Route.LoaderArgs) {
  const { registration, edition } = requireRegistrationWithEdition(params.token);
  const access = surveyAccess(db(), registration);
  const answer = findSurveyAnswer(db(), registration.id);
  const sessions = access.open ? surveySessions(db(), edition.id) : [];
  return {
    token: params.token,
    edition: { title: edition.title, startsAt: edition.startsAt },
    access: access.open
      ? { open: true as const, closesAt: access.closesAt }
      : { open: false as const, message: surveyClosedMessage(access.reason) },
    sessions,
    answeredAt: answer?.updatedAt ?? null,
    // The form holds the person's own answer again, so editing it starts from what they said.
    defaults: {
      overall: answer ? String(answer.overall) : "",
      scores: Object.fromEntries(
        sessions.map((session) => [
          `s${session.id}`,
          answer?.scores[session.id] ? String(answer.scores[session.id]) : NO_OPINION,
        ]),
      ),
      keep: answer?.keep ?? "",
      change: answer?.change ?? "",
      themes: answer?.themes.join("\n") ?? "",
      comment: answer?.comment ?? "",
    },
  };
}

export async function action({ params, request }: Route.ActionArgs) {
  const registration = requireRegistration(params.token);
  const submission = parseWithZod(await request.formData(), { schema: surveySchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    const saved = saveSurveyResponse(db(), registration.id, submission.value);
    if (saved.outcome === "refused") {
      return data({ result: submission.reply({ formErrors: [surveyClosedMessage(saved.reason)] }) }, { status: 403 });
    }
  } catch (error) {
    if (!(error instanceof SurveyError)) throw error;
    return data({ result: submission.reply({ formErrors: [error.message] }) }, { status: 400 });
  }
  throw await redirectWithFlash(`/inscription/${params.token}/questionnaire`, {
    kind: "success",
    message: "Merci\u00a0! Vos réponses sont enregistrées.",
  });
}

export default function MySurvey({ loaderData, actionData }: Route.ComponentProps) {
  const { token, edition, access, sessions, answeredAt, defaults } = loaderData;
  const [form, fields] = useServerForm(surveySchema, {
    id: "questionnaire",
    lastResult: actionData?.result,
    defaultValue: defaults,
  });
  const scoreFields = fields.scores.getFieldset();

  return (
    <div className="page narrow">
      <p className="eyebrow">Questionnaire de satisfaction</p>
      <h1>Votre avis sur «&nbsp;{edition.title}&nbsp;»</h1>
      <p className="lead">Coordination territoriale du {formatDate(edition.startsAt)}</p>

      {access.open ? (
        <>
          <p>
            Vos réponses aident l’équipe du SIAO&nbsp;95 à préparer les prochaines coordinations. Les organisateurs
            lisent des résultats d’ensemble&nbsp;: votre nom n’apparaît jamais à côté de vos réponses.{" "}
            {answeredAt
              ? `Vous avez répondu le ${formatDateTime(answeredAt)}\u00a0; vous pouvez modifier vos réponses`
              : "Vous pourrez modifier vos réponses"}
            {access.closesAt
              ? ` jusqu’au ${formatDateTime(access.closesAt)}.`
              : " tant que le questionnaire reste ouvert."}
          </p>
          <p>Seule la première question est obligatoire&nbsp;; elle est marquée d’un astérisque (*).</p>
          <ServerForm form={form}>
            <div className="survey-scale">
              <RadioGroupField
                field={fields.overall}
                legend={"Dans l’ensemble, êtes-vous satisfait·e de cette journée\u00a0?"}
                options={SURVEY_SCORES.map((score) => ({ value: String(score), label: OVERALL_LABELS[score] }))}
                required
              />
            </div>
            {sessions.length > 0 ? (
              <fieldset className="fieldset">
                <legend>Utilité de chaque séquence du programme</legend>
                <p className="field__hint">
                  De 1 (pas utile) à 5 (très utile). Laissez «&nbsp;Sans avis&nbsp;» pour une séquence que vous n’avez
                  pas suivie.
                </p>
                {sessions.map((session) => (
                  <div className="survey-scale" key={session.id}>
                    <RadioGroupField
                      field={scoreFields[`s${session.id}`]!}
                      legend={session.title}
                      options={[
                        ...SURVEY_SCORES.map((score) => ({ value: String(score), label: USEFULNESS_LABELS[score] })),
                        { value: NO_OPINION, label: "Sans avis" },
                      ]}
                    />
                  </div>
                ))}
              </fieldset>
            ) : null}
            <TextAreaField field={fields.keep} label="Ce qu’il faut garder" rows={3} maxLength={SURVEY_LIMITS.keep} />
            <TextAreaField
              field={fields.change}
              label="Ce qu’il faudrait changer"
              rows={3}
              maxLength={SURVEY_LIMITS.change}
            />
            <TextAreaField
              field={fields.themes}
              label="Thèmes souhaités pour les prochaines éditions"
              hint={`Un thème par ligne, ou séparés par des virgules\u00a0; ${SURVEY_LIMITS.themeCount}\u00a0au maximum.`}
              rows={3}
              maxLength={SURVEY_LIMITS.themes}
            />
            <TextAreaField
              field={fields.comment}
              label="Commentaire libre"
              rows={4}
              maxLength={SURVEY_LIMITS.comment}
            />
            <SubmitButton>{answeredAt ? "Mettre à jour mes réponses" : "Envoyer mes réponses"}</SubmitButton>
          </ServerForm>
        </>
      ) : (
        <div className="notice notice--warn">
          <p>{access.message}</p>
          {answeredAt ? <p>Vous aviez répondu le {formatDateTime(answeredAt)}&nbsp;: merci&nbsp;!</p> : null}
        </div>
      )}
      <p>
        <a href={`/inscription/${token}`}>Retour à mon inscription</a>
      </p>
    </div>
  );
}
