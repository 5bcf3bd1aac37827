import { useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link, useLocation } from "react-router";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import type { Route } from "./+types/detail";
import { RadioGroupField, SelectField, SubmitButton, TextAreaField } from "#app/components/form-fields.tsx";
import { ScoreSummary } from "#app/components/score.tsx";
import { EVERY_ROLE, ORGANISERS, roleAllows } from "#app/domain/accounts/roles.ts";
import { contributionDetail, sessionChoices } from "#app/domain/contributions/admin.server.ts";
import {
  acceptContribution,
  ContributionError,
  declineContribution,
  setLocked,
} from "#app/domain/contributions/decisions.server.ts";
import { saveReview } from "#app/domain/contributions/reviews.server.ts";
import {
  CONTRIBUTION_FORMAT_LABELS,
  CONTRIBUTION_STATUS_LABELS,
  REVIEW_SCORE_LABELS,
  REVIEW_SCORES,
  SESSION_KIND_LABELS,
} from "#app/domain/shared/vocabulary.ts";
import { acceptSchema, declineSchema, reviewSchema } from "#app/forms/contribution.ts";
import { requireEditionAccess } from "#app/routes/_shared/admin-edition.server.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { formatDateTime, formatShortDate, formatTime } from "#app/lib/time.ts";
import { invariantResponse } from "#app/routes/_shared/invariant.ts";
import { DataTable } from "#app/components/data-table.tsx";
import { ErrorNotice } from "#app/components/notice.tsx";
import { ServerForm } from "#app/components/server-form.tsx";
import { ContributionAbstract } from "#app/components/paragraphs.tsx";
import { actBy } from "#app/routes/_shared/act.server.ts";

export const meta: Route.MetaFunction = ({ loaderData }) =>
  pageMeta(
    loaderData ? `Contribution — ${loaderData.contribution.title}` : "Contribution",
    "Une contribution, ses évaluations et sa décision.",
  );

/** The id of the URL, or a 404: nothing else may say which contribution is meant. */
function contributionIdOf(value: string | undefined): number {
  const id = Number(value);
  invariantResponse(Number.isSafeInteger(id) && id > 0, 404, { title: "Contribution introuvable" });
  return id;
}

/** A contribution of another edition, or none: the same 404 as an unknown URL. */
function rethrowAsNotFound(error: unknown): never {
  if (error instanceof ContributionError && error.kind === "not_found")
    throw data({ title: "Contribution introuvable" }, { status: 404 });
  throw error;
}

export async function loader({ params, context }: Route.LoaderArgs) {
  const { user, edition } = requireEditionAccess(context, params.editionId, EVERY_ROLE);
  const contributionId = contributionIdOf(params.contributionId);
  let contribution;
  try {
    contribution = contributionDetail(db(), edition.id, contributionId, { id: user.id, role: user.role });
  } catch (error) {
    rethrowAsNotFound(error);
  }
  const organiser = roleAllows(user.role, ORGANISERS);
  return {
    editionId: edition.id,
    contribution,
    organiser,
    sessions: organiser ? sessionChoices(db(), edition.id) : [],
  };
}

type FormId = "evaluation" | "acceptation" | "refus";

export async function action({ request, params, context }: Route.ActionArgs) {
  const { user, actor, edition } = requireEditionAccess(context, params.editionId, EVERY_ROLE);
  const contributionId = contributionIdOf(params.contributionId);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const back = (done: keyof typeof DONE, anchor: string) =>
    redirectWithFlash(`/admin/editions/${edition.id}/contributions/${contributionId}#${anchor}`, {
      kind: "success",
      message: DONE[done],
    });
  // Scoring is open to every role; deciding and locking are the organisers'.
  if (["accept", "decline", "lock", "unlock"].includes(intent) && !roleAllows(user.role, ORGANISERS)) {
    throw data({ message: "Votre rôle ne donne pas accès à cette action." }, { status: 403 });
  }

  const formId: FormId | null =
    intent === "review" ? "evaluation" : intent === "accept" ? "acceptation" : intent === "decline" ? "refus" : null;
  const schema =
    intent === "review"
      ? reviewSchema
      : intent === "accept"
        ? acceptSchema
        : intent === "decline"
          ? declineSchema
          : null;
  const submission = schema ? parseWithZod(formData, { schema }) : null;
  try {
    if (submission && submission.status !== "success") {
      return data({ formId, result: submission.reply(), error: null }, { status: 400 });
    }
    const value = submission?.status === "success" ? submission.value : null;
    if (value?.intent === "review") {
      saveReview(db(), edition.id, contributionId, actor, value);
      throw await back("note", "mon-evaluation");
    }
    if (value?.intent === "accept") {
      acceptContribution(actBy(actor), edition.id, contributionId, value);
      throw await back("acceptee", "decision");
    }
    if (value?.intent === "decline") {
      declineContribution(actBy(actor), edition.id, contributionId, value);
      throw await back("refusee", "decision");
    }
    if (intent === "lock" || intent === "unlock") {
      setLocked(actBy(actor), edition.id, contributionId, intent === "lock");
      throw await back(intent === "lock" ? "verrouillee" : "deverrouillee", "decision");
    }
  } catch (error) {
    if (!(error instanceof ContributionError) || error.kind === "not_found") rethrowAsNotFound(error);
    if (error.field && submission) {
      return data(
        { formId, result: submission.reply({ fieldErrors: { [error.field]: [error.message] } }), error: null },
        { status: 400 },
      );
    }
    return data({ formId, result: undefined, error: error.message }, { status: 409 });
  }
  return data({ formId: null, result: undefined, error: "Demande incomplète." }, { status: 400 });
}

const DONE = {
  note: "Votre note est enregistrée.",
  acceptee:
    "Contribution acceptée\u00a0: ses intervenant·es figurent au programme. La réponse partira avec «\u00a0Notifier toutes les décisions\u00a0», depuis la liste.",
  refusee: "Refus enregistré. La réponse partira avec «\u00a0Notifier toutes les décisions\u00a0», depuis la liste.",
  verrouillee: "Modification verrouillée\u00a0: la personne ne peut plus changer sa proposition.",
  deverrouillee:
    "Modification déverrouillée\u00a0: la personne peut de nouveau changer sa proposition pendant l’appel.",
} as const;

type LoaderData = Route.ComponentProps["loaderData"];
type ActionData = Route.ComponentProps["actionData"];

export default function ContributionPage({ loaderData, actionData }: Route.ComponentProps) {
  const { editionId, contribution, organiser, sessions } = loaderData;
  const location = useLocation();
  const speakers = [contribution.submitter, ...contribution.coSpeakers];
  const resultFor = (id: FormId) => (actionData?.formId === id ? actionData.result : undefined);
  return (
    <>
      <p>
        <Link to={`/admin/editions/${editionId}/contributions`}>Toutes les contributions</Link>
      </p>
      <h1>{contribution.title}</h1>
      <ErrorNotice message={actionData?.error} />
      <p>
        <strong>{CONTRIBUTION_STATUS_LABELS[contribution.status]}</strong>
        {contribution.acceptedSessionTitle ? ` — ${contribution.acceptedSessionTitle}` : ""}
        {contribution.lockedAt && contribution.status === "submitted" ? " · modification verrouillée" : ""}
      </p>

      <section aria-labelledby="proposition">
        <h2 id="proposition">Proposition</h2>
        <dl className="meta-list">
          <dt>Format</dt>
          <dd>{CONTRIBUTION_FORMAT_LABELS[contribution.format]}</dd>
          <dt>Table ronde souhaitée</dt>
          <dd>{contribution.wishedSessionTitle ?? "Sans préférence"}</dd>
          <dt>Reçue le</dt>
          <dd>{formatDateTime(contribution.createdAt)}</dd>
          {contribution.updatedAt.getTime() !== contribution.createdAt.getTime() ? (
            <>
              <dt>Dernière modification</dt>
              <dd>{formatDateTime(contribution.updatedAt)}</dd>
            </>
          ) : null}
          {contribution.availability ? (
            <>
              <dt>Disponibilités ou contraintes</dt>
              <dd className="contribution-abstract">{contribution.availability}</dd>
            </>
          ) : null}
        </dl>
        <h3>Intervenant·es</h3>
        <ul>
          {speakers.map((speaker, index) => (
            <li key={index}>
              <strong>{speaker.name}</strong>
              {[speaker.role, speaker.organisation].filter(Boolean).length > 0
                ? ` — ${[speaker.role, speaker.organisation].filter(Boolean).join(", ")}`
                : ""}
              {speaker.email ? (
                <>
                  {" "}
                  (<a href={`mailto:${speaker.email}`}>{speaker.email}</a>)
                </>
              ) : null}
              {index === 0 ? <small> — a proposé la contribution</small> : null}
            </li>
          ))}
        </ul>
        <ContributionAbstract text={contribution.abstract} />
      </section>

      <section aria-labelledby="mon-evaluation">
        <h2 id="mon-evaluation">Mon évaluation</h2>
        {contribution.status === "withdrawn" ? (
          <p>Cette contribution a été retirée&nbsp;: elle ne s’évalue plus.</p>
        ) : (
          <ReviewForm key={location.key} lastResult={resultFor("evaluation")} mine={contribution.reviews.mine} />
        )}
      </section>

      <section aria-labelledby="avis">
        <h2 id="avis">Avis de la relecture</h2>
        <Reviews reviews={contribution.reviews} />
      </section>

      {organiser ? (
        <section aria-labelledby="decision">
          <h2 id="decision">Décision</h2>
          <Decision key={location.key} contribution={contribution} sessions={sessions} resultFor={resultFor} />
        </section>
      ) : null}
    </>
  );
}

function ReviewForm({
  lastResult,
  mine,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  mine: LoaderData["contribution"]["reviews"]["mine"];
}) {
  const [form, fields] = useForm({
    id: "evaluation",
    lastResult,
    defaultValue: mine ? { score: String(mine.score), comment: mine.comment ?? "" } : undefined,
  });
  return (
    <ServerForm form={form} intent="review">
      {mine ? (
        <p>
          Vous avez donné {mine.score}&nbsp;/&nbsp;5 le {formatShortDate(mine.updatedAt)}. Vous pouvez changer votre
          note.
        </p>
      ) : null}
      <RadioGroupField
        field={fields.score}
        legend="Note"
        options={REVIEW_SCORES.map((score) => ({ value: String(score), label: REVIEW_SCORE_LABELS[score] }))}
        required
      />
      <TextAreaField
        field={fields.comment}
        label="Commentaire"
        hint="Visible de l’équipe organisatrice et des autres personnes qui relisent, jamais de la personne qui propose."
        rows={4}
        maxLength={2000}
      />
      <SubmitButton>Enregistrer ma note</SubmitButton>
    </ServerForm>
  );
}

function Reviews({ reviews }: { reviews: LoaderData["contribution"]["reviews"] }) {
  if (reviews.others === null) {
    return (
      <p>
        Les notes des autres personnes qui relisent s’afficheront une fois la vôtre donnée, pour que chacun juge d’abord
        par lui-même.
      </p>
    );
  }
  const all = [
    ...(reviews.mine ? [{ ...reviews.mine, reviewerName: `${reviews.mine.reviewerName} (vous)` }] : []),
    ...reviews.others,
  ];
  if (all.length === 0) return <p>Aucun avis pour le moment.</p>;
  return (
    <>
      {reviews.stats ? <ScoreSummary stats={reviews.stats} /> : null}
      <DataTable
        label="Notes et commentaires de la relecture"
        caption="Notes et commentaires de la relecture"
        columns={["Personne", "Note", "Commentaire", "Le"]}
      >
        {all.map((review) => (
          <tr key={review.reviewerId}>
            <th scope="row">{review.reviewerName}</th>
            <td>{review.score}&nbsp;/&nbsp;5</td>
            <td className="contribution-abstract">{review.comment ?? ""}</td>
            <td>{formatShortDate(review.updatedAt)}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

function Decision({
  contribution,
  sessions,
  resultFor,
}: {
  contribution: LoaderData["contribution"];
  sessions: LoaderData["sessions"];
  resultFor: (id: FormId) => NonNullable<ActionData>["result"] | undefined;
}) {
  if (contribution.status === "withdrawn") {
    return <p>Cette contribution a été retirée par la personne qui l’avait proposée.</p>;
  }
  if (contribution.decisionNotifiedAt) {
    return (
      <>
        <p>
          Réponse envoyée le {formatDateTime(contribution.decisionNotifiedAt)}&nbsp;:{" "}
          {contribution.status === "accepted"
            ? `contribution retenue${contribution.acceptedSessionTitle ? ` dans «\u00a0${contribution.acceptedSessionTitle}\u00a0»` : ""}.`
            : "contribution non retenue."}
        </p>
        {contribution.decisionMessage ? (
          <p className="contribution-abstract">Message&nbsp;: {contribution.decisionMessage}</p>
        ) : null}
      </>
    );
  }
  return (
    <>
      {contribution.status === "accepted" || contribution.status === "declined" ? (
        <p className="notice notice--warn">
          Décision enregistrée&nbsp;:{" "}
          {contribution.status === "accepted"
            ? `acceptée dans «\u00a0${contribution.acceptedSessionTitle ?? "?"}\u00a0»`
            : "non retenue"}
          . La réponse n’est pas encore envoyée&nbsp;; vous pouvez encore changer d’avis.
        </p>
      ) : null}
      <div className="decision-forms">
        <AcceptForm contribution={contribution} sessions={sessions} lastResult={resultFor("acceptation")} />
        <DeclineForm contribution={contribution} lastResult={resultFor("refus")} />
      </div>
      {contribution.status === "submitted" ? (
        <Form method="post">
          <input type="hidden" name="intent" value={contribution.lockedAt ? "unlock" : "lock"} />
          <p>
            {contribution.lockedAt
              ? `Modification verrouillée depuis le ${formatDateTime(contribution.lockedAt)}\u00a0: la personne ne peut plus changer sa proposition.`
              : "La personne peut modifier sa proposition tant que l’appel est ouvert. Verrouillez-la pour l’examiner dans son état actuel."}
          </p>
          <button type="submit" className="button button--secondary">
            {contribution.lockedAt ? "Déverrouiller la modification" : "Verrouiller la modification"}
          </button>
        </Form>
      ) : null}
    </>
  );
}

function AcceptForm({
  contribution,
  sessions,
  lastResult,
}: {
  contribution: LoaderData["contribution"];
  sessions: LoaderData["sessions"];
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const preferred = contribution.acceptedSessionId ?? contribution.wishedSessionId;
  const [form, fields] = useForm({
    id: "acceptation",
    lastResult,
    defaultValue: { sessionId: preferred ? String(preferred) : "", message: "" },
  });
  return (
    <ServerForm form={form} intent="accept" className="form fieldset" heading={<h3>Accepter</h3>}>
      <SelectField
        field={fields.sessionId}
        label="Séquence du programme"
        placeholder="Choisissez…"
        hint="Les intervenant·es y sont ajoutés aussitôt, sans doublon avec les personnes déjà connues."
        options={sessions.map((session) => ({
          value: String(session.id),
          label: `${formatTime(session.startsAt)}–${formatTime(session.endsAt)} · ${SESSION_KIND_LABELS[session.kind]} · ${session.title}`,
        }))}
        required
      />
      <TextAreaField field={fields.message} label="Message joint à la réponse (facultatif)" rows={3} maxLength={3000} />
      <SubmitButton>Accepter la contribution</SubmitButton>
    </ServerForm>
  );
}

function DeclineForm({
  contribution,
  lastResult,
}: {
  contribution: LoaderData["contribution"];
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm({
    id: "refus",
    lastResult,
    defaultValue: { message: contribution.status === "declined" ? (contribution.decisionMessage ?? "") : "" },
  });
  return (
    <ServerForm form={form} intent="decline" className="form fieldset" heading={<h3>Ne pas retenir</h3>}>
      <TextAreaField
        field={fields.message}
        label="Message à la personne"
        hint="Il accompagne la réponse. Par exemple, une autre façon de participer."
        required
        rows={4}
        maxLength={3000}
      />
      <div>
        <button type="submit" className="button button--secondary">
          Ne pas retenir la contribution
        </button>
      </div>
    </ServerForm>
  );
}
