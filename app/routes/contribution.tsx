import { parseWithZod } from "@conform-to/zod/v4";
import { data, useLocation } from "react-router";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import type { Route } from "./+types/contribution";
import { coSpeakerDefaults, ContributionForm } from "#app/components/contribution-form.tsx";
import {
  speakerView,
  updateOwnContribution,
  type SpeakerRights,
} from "#app/domain/contributions/submissions.server.ts";
import { CONTRIBUTION_FORMAT_LABELS } from "#app/domain/shared/vocabulary.ts";
import { contributionDetailsSchema } from "#app/forms/contribution.ts";
import { db } from "#app/lib/db.server.ts";
import { privatePageMeta } from "#app/lib/meta.ts";
import { formatDate, formatDateTime, formatRange, formatTime } from "#app/lib/time.ts";
import { invalidContributionLink, requireContribution } from "#app/routes/_shared/contribution-link.server.ts";
import { ContributionAbstract, Paragraphs } from "#app/components/paragraphs.tsx";
import { InviteDownload } from "#app/components/invite-download.tsx";

export const meta: Route.MetaFunction = () =>
  privatePageMeta("Ma contribution", "Votre proposition de contribution à une coordination territoriale du SIAO 95.");

export function loader({ params }: Route.LoaderArgs) {
  const contribution = requireContribution(params.token);
  const view = speakerView(db(), contribution);
  const { contribution: details } = view;
  return {
    token: params.token,
    ...view,
    defaultValue: {
      name: details.submitter.name,
      role: details.submitter.role ?? "",
      organisation: details.submitter.organisation ?? "",
      coSpeakers: coSpeakerDefaults(details.coSpeakers),
      title: details.title,
      abstract: details.abstract,
      format: details.format,
      wishedSessionId: details.wishedSessionId ? String(details.wishedSessionId) : "",
      availability: details.availability ?? "",
    },
  };
}

const REFUSED: Record<NonNullable<SpeakerRights["reason"]>, string> = {
  locked:
    "L’équipe organisatrice a verrouillé cette contribution pour l’examiner\u00a0: elle ne peut plus être modifiée.",
  closed: "L’appel à contributions est clos\u00a0: la contribution ne peut plus être modifiée.",
  // Said without telling which way it went: the answer reaches people when the organisers send it.
  decided: "L’équipe organisatrice examine cette contribution\u00a0: elle ne peut plus être modifiée.",
  withdrawn: "Cette contribution a été retirée\u00a0: elle ne peut plus être modifiée.",
};

export async function action({ params, request }: Route.ActionArgs) {
  requireContribution(params.token);
  // Only the token says which contribution this is: nothing in the form can point at another one.
  const submission = parseWithZod(await request.formData(), { schema: contributionDetailsSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = updateOwnContribution(db(), params.token, submission.value);
  switch (outcome.outcome) {
    case "saved":
      throw await redirectWithFlash(`/contribution/${params.token}`, {
        kind: "success",
        message: "Vos modifications sont enregistrées.",
      });
    case "not_found":
      throw invalidContributionLink();
    case "refused":
      return data({ result: submission.reply({ formErrors: [REFUSED[outcome.reason]] }) }, { status: 409 });
    case "invalid":
      return data(
        { result: submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }) },
        { status: 400 },
      );
  }
}

export default function MyContribution({ loaderData, actionData }: Route.ComponentProps) {
  const { token, edition, contribution, status, session, decisionMessage, rights, window, tablesRondes, defaultValue } =
    loaderData;
  const location = useLocation();
  return (
    <div className="page narrow">
      <p className="eyebrow">Ma contribution</p>
      <h1>{contribution.title}</h1>
      <p className="lead">
        Coordination territoriale «&nbsp;{edition.title}&nbsp;», {formatRange(edition.startsAt, edition.endsAt)}.
      </p>

      <section aria-labelledby="statut">
        <h2 id="statut">Statut</h2>
        {status === "withdrawn" ? (
          <p className="notice">Vous avez retiré cette contribution le {formatDate(contribution.updatedAt)}.</p>
        ) : status === "accepted" ? (
          <>
            <p className="notice notice--ok">
              <strong>Votre contribution est retenue.</strong>
            </p>
            {session ? (
              <dl className="meta-list">
                <dt>Séquence</dt>
                <dd>{session.title}</dd>
                <dt>Date</dt>
                <dd>{formatDate(session.startsAt)}</dd>
                <dt>Horaires</dt>
                <dd>
                  de {formatTime(session.startsAt)} à {formatTime(session.endsAt)}
                </dd>
                {session.room ? (
                  <>
                    <dt>Salle</dt>
                    <dd>{session.room}</dd>
                  </>
                ) : null}
              </dl>
            ) : null}
            {decisionMessage ? <DecisionMessage text={decisionMessage} /> : null}
            {session && edition.status !== "cancelled" ? (
              <InviteDownload href={`/contribution/${token}/invitation.ics`} />
            ) : null}
          </>
        ) : status === "declined" ? (
          <>
            <p className="notice">
              <strong>Votre contribution n’a pas été retenue.</strong> Merci de l’avoir proposée.
            </p>
            {decisionMessage ? <DecisionMessage text={decisionMessage} /> : null}
          </>
        ) : (
          <p className="notice">
            <strong>Votre proposition est en cours d’examen</strong> par l’équipe organisatrice et l’équipe de
            relecture. Vous recevrez la réponse par e-mail.
            {rights.editable && window.state === "open"
              ? ` Vous pouvez la modifier jusqu’au ${formatDateTime(window.closesAt)}.`
              : ""}
          </p>
        )}
        {!rights.editable && rights.reason && rights.reason !== "withdrawn" && status === "under_review" ? (
          <p>{REFUSED[rights.reason]}</p>
        ) : null}
      </section>

      {rights.editable ? (
        <section aria-labelledby="modifier">
          <h2 id="modifier">Modifier ma contribution</h2>
          <p>
            Adresse e-mail&nbsp;: <strong>{contribution.submitter.email}</strong> (pour en changer, retirez cette
            contribution puis proposez-la à nouveau avec la bonne adresse).
          </p>
          {/* Remounted after each save, so the fields show what was stored. */}
          <ContributionForm
            key={location.key}
            id="ma-contribution"
            mode="edit"
            lastResult={actionData?.result}
            defaultValue={defaultValue}
            tablesRondes={tablesRondes}
            submitLabel="Enregistrer mes modifications"
          />
        </section>
      ) : (
        <section aria-labelledby="proposition">
          <h2 id="proposition">Ma proposition</h2>
          {actionData?.result?.error?.[""] ? (
            <p className="notice notice--error" role="alert">
              {actionData.result.error[""].join(" ")}
            </p>
          ) : null}
          <dl className="meta-list">
            <dt>Format</dt>
            <dd>{CONTRIBUTION_FORMAT_LABELS[contribution.format]}</dd>
            {contribution.wishedSessionTitle ? (
              <>
                <dt>Table ronde souhaitée</dt>
                <dd>{contribution.wishedSessionTitle}</dd>
              </>
            ) : null}
            <dt>Intervenant·es</dt>
            <dd>
              <ul className="plain-list">
                {[contribution.submitter, ...contribution.coSpeakers].map((speaker, index) => (
                  <li key={index}>
                    {speaker.name}
                    {[speaker.role, speaker.organisation].filter(Boolean).length > 0
                      ? ` — ${[speaker.role, speaker.organisation].filter(Boolean).join(", ")}`
                      : ""}
                  </li>
                ))}
              </ul>
            </dd>
            {contribution.availability ? (
              <>
                <dt>Disponibilités ou contraintes</dt>
                <dd>{contribution.availability}</dd>
              </>
            ) : null}
          </dl>
          <ContributionAbstract text={contribution.abstract} />
        </section>
      )}

      {rights.withdrawable ? (
        <section aria-labelledby="retrait">
          <h2 id="retrait">Vous ne pouvez plus intervenir&nbsp;?</h2>
          <p>
            Retirez votre contribution&nbsp;: l’équipe organisatrice en sera informée
            {status === "accepted" ? " et vos intervenant·es seront retirés du programme" : ""}.
          </p>
          <p>
            <a className="button button--secondary" href={`/contribution/${token}/retrait`}>
              Retirer ma contribution
            </a>
          </p>
        </section>
      ) : null}
      <p>
        <a href={`/editions/${edition.slug}`}>Voir le programme de l’édition</a>
      </p>
    </div>
  );
}

function DecisionMessage({ text }: { text: string }) {
  return (
    <figure className="decision-message">
      <figcaption>Le mot de l’équipe organisatrice&nbsp;:</figcaption>
      <blockquote>
        <Paragraphs text={text} />
      </blockquote>
    </figure>
  );
}
