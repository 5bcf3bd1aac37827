import { data } from "react-router";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import type { Route } from "./+types/contribution-submit";
import { ContributionForm } from "#app/components/contribution-form.tsx";
import {
  contributionWindow,
  submitContribution,
  tablesRondes,
  type ContributionClosedReason,
} from "#app/domain/contributions/submissions.server.ts";
import {
  CONTRIBUTION_FORMAT_DESCRIPTIONS,
  CONTRIBUTION_FORMAT_LABELS,
  CONTRIBUTION_FORMATS,
} from "#app/domain/shared/vocabulary.ts";
import { contributionSchema } from "#app/forms/contribution.ts";
import { db } from "#app/lib/db.server.ts";
import { mailContext } from "#app/lib/mail-context.server.ts";
import { formPageMeta, pageMeta } from "#app/lib/meta.ts";
import { FormPageTitle } from "#app/components/error-summary.tsx";
import { requirePublicEdition } from "#app/routes/_shared/public-edition.server.ts";
import { readPublicPost } from "#app/routes/_shared/public-form.server.ts";
import { formatDateTime, formatRange } from "#app/lib/time.ts";
import { TextList } from "#app/components/text-list.tsx";

const titleOf = (edition: { title: string }) => `Appel à contributions — ${edition.title}`;

export const meta: Route.MetaFunction = ({ loaderData }) =>
  loaderData
    ? formPageMeta(
        titleOf(loaderData.edition),
        `Proposer une intervention à la coordination territoriale « ${loaderData.edition.title} » du SIAO 95.`,
      )
    : pageMeta("Appel à contributions", "Proposer une intervention à une coordination territoriale du SIAO 95.");

export function loader({ params }: Route.LoaderArgs) {
  const edition = requirePublicEdition(params.slug);
  return {
    edition: {
      slug: edition.slug,
      title: edition.title,
      subtitle: edition.subtitle,
      summary: edition.summary,
      objectives: (edition.objectives ?? "").split("\n").filter(Boolean),
      themes: edition.themes,
      startsAt: edition.startsAt,
      endsAt: edition.endsAt,
      contributionsOpensAt: edition.contributionsOpensAt,
    },
    venue: edition.venue ? { name: edition.venue.name, city: edition.venue.city } : null,
    window: contributionWindow(edition),
    tablesRondes: tablesRondes(db(), edition.id),
  };
}

export async function action({ params, request, context }: Route.ActionArgs) {
  const { submission, checked } = await readPublicPost(request, context, contributionSchema, "contribution");
  if ("refused" in checked) return checked.refused;
  const { notice: _notice, siteWeb: _siteWeb, ...input } = checked.value;
  const outcome = submitContribution(db(), mailContext(), params.slug, input);
  switch (outcome.outcome) {
    case "submitted":
      throw await redirectWithFlash(`/contribution/${outcome.token}`, {
        kind: "success",
        message: `Merci ${input.name}\u00a0! Votre proposition est enregistrée. Un e-mail vient de partir vers ${input.email}\u00a0: il contient le lien de cette page, qui vous est personnel.`,
      });
    case "invalid":
      return data(
        { result: submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }) },
        { status: 400 },
      );
    case "closed": {
      const edition = requirePublicEdition(params.slug);
      return data(
        {
          result: submission.reply({
            formErrors: [contributionClosedMessage(outcome.reason, edition.contributionsOpensAt)],
          }),
        },
        { status: 409 },
      );
    }
  }
}

export function contributionClosedMessage(reason: ContributionClosedReason, opensAt: Date | null): string {
  switch (reason) {
    case "not_yet_open":
      return opensAt
        ? `L’appel à contributions ouvrira le ${formatDateTime(opensAt)}.`
        : "L’appel à contributions n’est pas encore ouvert.";
    case "window_over":
      return "L’appel à contributions de cette édition est clos.";
    case "cancelled":
      return "Cette édition est annulée.";
    case "edition_over":
      return "Cette édition a déjà eu lieu.";
    case "not_planned":
      return "Cette édition ne lance pas d’appel à contributions.";
    case "not_found":
      return "Édition introuvable.";
  }
}

export default function ContributionSubmitPage({ loaderData, actionData }: Route.ComponentProps) {
  const { edition, venue, window, tablesRondes } = loaderData;
  return (
    <div className="page">
      <FormPageTitle title={titleOf(edition)} result={actionData?.result} />
      <p className="eyebrow">Appel à contributions</p>
      <h1>{edition.title}</h1>
      <p className="lead">
        {formatRange(edition.startsAt, edition.endsAt)}
        {venue ? ` — ${venue.name}, ${venue.city}` : ""}. <a href={`/editions/${edition.slug}`}>Voir le programme</a>
      </p>

      <section aria-labelledby="theme" className="narrow">
        <h2 id="theme">Le thème</h2>
        {edition.subtitle ? <p>{edition.subtitle}</p> : null}
        {edition.summary ? <p>{edition.summary}</p> : null}
        {edition.objectives.length > 0 ? (
          <>
            <p>La journée veut&nbsp;:</p>
            <TextList items={edition.objectives} />
          </>
        ) : null}
        <p>
          Équipes mobiles, services, structures d’hébergement, acteurs du soin&nbsp;: vos pratiques font le programme.
          Proposez de partager une action, une situation, une question, sous l’un des formats suivants.
        </p>
      </section>

      <section aria-labelledby="formats" className="narrow">
        <h2 id="formats">Les formats</h2>
        <dl className="contribution-formats">
          {CONTRIBUTION_FORMATS.map((format) => (
            <div key={format}>
              <dt>{CONTRIBUTION_FORMAT_LABELS[format]}</dt>
              <dd>{CONTRIBUTION_FORMAT_DESCRIPTIONS[format]}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="proposer">
        <h2 id="proposer">Proposer une contribution</h2>
        {window.state === "open" ? (
          <>
            <p className="notice notice--ok">
              Vous pouvez proposer une contribution jusqu’au {formatDateTime(window.closesAt)}. Vous recevrez aussitôt
              un lien personnel pour la relire, la modifier jusqu’à cette date, ou la retirer.
            </p>
            <p>Les champs marqués d’un astérisque (*) sont obligatoires.</p>
            <ContributionForm
              id="contribution"
              mode="submit"
              lastResult={actionData?.result}
              tablesRondes={tablesRondes}
              submitLabel="Envoyer ma proposition"
            />
          </>
        ) : (
          <div className="notice notice--warn">
            <p>
              {contributionClosedMessage(
                window.state === "not_yet_open" ? "not_yet_open" : window.reason,
                edition.contributionsOpensAt,
              )}
            </p>
            <p>
              <a href={`/editions/${edition.slug}`}>Retour à la page de l’édition</a>
            </p>
          </div>
        )}
      </section>
    </div>
  );
}
