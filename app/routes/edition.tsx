import type { Route } from "./+types/edition";
import { DirectoryLinkBlock } from "#app/components/directory.tsx";
import { DocumentsSection } from "#app/components/document-list.tsx";
import { OrganisationsList } from "#app/components/organisations-list.tsx";
import { Programme } from "#app/components/programme.tsx";
import { RegisterButton, seatsLabel } from "#app/components/seats.tsx";
import { articlesOfEdition, editionDocuments } from "#app/domain/articles/articles.server.ts";
import { contributionWindow } from "#app/domain/contributions/submissions.server.ts";
import { directoryLink } from "#app/domain/directory/dispositifs.server.ts";
import { participatingOrganisations } from "#app/domain/registrations/network.server.ts";
import { editionIsOver, registrationWindow } from "#app/domain/editions/editions.server.ts";
import { seatsAtAGlance, type Seats } from "#app/domain/registrations/seats.server.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { requirePublicEdition } from "#app/routes/_shared/public-edition.server.ts";
import { formatDate, formatDateTime, formatTime } from "#app/lib/time.ts";
import { seatCountHeaders } from "#app/server/page-lifetime.ts";
import { TextList } from "#app/components/text-list.tsx";
import { ThemeTags } from "#app/components/theme-tags.tsx";

/**
 * Nothing on an edition page needs a script (registration and contributions have their own
 * pages), and it is the page every partner opens, often on a phone: it is sent as HTML and CSS
 * only, like a synthesis. See docs/decisions/010.
 */
export const handle = { scripts: false };

export const meta: Route.MetaFunction = ({ loaderData }) => {
  if (!loaderData) return pageMeta("Édition introuvable", "Cette édition n’existe pas ou n’est pas publiée.");
  const { edition } = loaderData;
  return pageMeta(
    edition.title,
    `${edition.subtitle ?? edition.title} — coordination territoriale du SIAO 95, ${formatDate(edition.startsAt)}.`,
  );
};

/** The seat count is read when the page is rendered: the cache keeps this page a few seconds only. */
export const headers: Route.HeadersFunction = () => seatCountHeaders();

export function loader({ params }: Route.LoaderArgs) {
  const edition = requirePublicEdition(params.slug);
  const documents = editionDocuments(db(), edition.id).map(({ id, title, mimeType, size, originalName }) => ({
    id,
    title,
    mimeType,
    size,
    originalName,
  }));
  return {
    edition,
    over: editionIsOver(edition),
    registration: registrationWindow(edition),
    seats: seatsAtAGlance(db(), edition.id),
    contributions: contributionWindow(edition),
    documents,
    syntheses: articlesOfEdition(db(), edition.id),
    directory: directoryLink(db(), { editionId: edition.id }),
    organisations: participatingOrganisations(db(), edition.id, edition.status),
  };
}

export default function EditionPage({ loaderData }: Route.ComponentProps) {
  const { edition, over, registration, seats, contributions, documents, syntheses, directory, organisations } =
    loaderData;
  const objectives = (edition.objectives ?? "").split("\n").filter(Boolean);
  const venue = edition.venue;
  return (
    <div className="page">
      <p className="eyebrow">Coordination territoriale semestrielle</p>
      <h1>{edition.title}</h1>
      {edition.subtitle ? <p className="lead">{edition.subtitle}</p> : null}
      <ThemeTags themes={edition.themes} />

      {edition.status === "cancelled" ? <p className="notice notice--error">Cette édition est annulée.</p> : null}
      {over ? (
        <p className="notice">
          Cette journée a eu lieu le {formatDate(edition.startsAt)}.
          {syntheses[0] ? (
            <>
              {" "}
              Sa synthèse est en ligne&nbsp;: <a href={`/syntheses/${syntheses[0].slug}`}>{syntheses[0].title}</a>.
            </>
          ) : null}
        </p>
      ) : null}

      <dl className="meta-list">
        <dt>Date</dt>
        <dd>
          {formatDate(edition.startsAt)}
          {edition.dateIsIllustrative ? " (date donnée à titre d’exemple dans cette démonstration)" : ""}
        </dd>
        <dt>Horaires</dt>
        <dd>
          de {formatTime(edition.startsAt)} à {formatTime(edition.endsAt)}
        </dd>
        {venue ? (
          <>
            <dt>Lieu</dt>
            <dd>{venueLine(venue)}</dd>
            {venue.access && !over ? (
              <>
                <dt>Accès</dt>
                <dd>{venue.access}</dd>
              </>
            ) : null}
            {venue.accessibility && !over ? (
              <>
                <dt>Accessibilité</dt>
                <dd>{venue.accessibility}</dd>
              </>
            ) : null}
          </>
        ) : null}
        {over ? null : (
          <>
            <dt>Places</dt>
            <dd>{seats ? seatsLabel(seats) : edition.capacity}</dd>
          </>
        )}
      </dl>

      <RegistrationBox slug={edition.slug} registration={registration} seats={seats} />
      {contributions.state === "open" ? (
        <div className="notice contribution-call">
          <p>
            Appel à contributions ouvert jusqu’au {formatDateTime(contributions.closesAt)}&nbsp;: partagez votre
            expérience dans une table ronde, un retour d’expérience ou un atelier.
          </p>
          <p>
            <a className="button button--secondary" href={`/editions/${edition.slug}/contribuer`}>
              Proposer une contribution
            </a>
          </p>
        </div>
      ) : null}
      {edition.status === "published" && !over ? (
        <p>
          <a href={`/editions/${edition.slug}/calendrier.ics`}>Ajouter cette édition à mon agenda (.ics)</a>
        </p>
      ) : null}

      {edition.summary ? (
        <section aria-labelledby="presentation">
          <h2 id="presentation">Présentation</h2>
          <p className="narrow">{edition.summary}</p>
        </section>
      ) : null}

      {objectives.length > 0 ? (
        <section aria-labelledby="objectifs">
          <h2 id="objectifs">Objectifs</h2>
          <TextList items={objectives} />
        </section>
      ) : null}

      <section aria-labelledby="programme">
        <h2 id="programme">Programme</h2>
        <Programme sessions={edition.programme} />
      </section>

      {organisations.length > 0 ? (
        <section aria-labelledby="structures-presentes">
          <h2 id="structures-presentes">Les structures présentes</h2>
          <p>{participantsLine(organisations.reduce((sum, group) => sum + group.people, 0))}</p>
          <OrganisationsList groups={organisations} />
        </section>
      ) : null}

      {syntheses.length > 0 ? (
        <section aria-labelledby="syntheses">
          <h2 id="syntheses">Synthèse</h2>
          <ul>
            {syntheses.map((article) => (
              <li key={article.slug}>
                <a href={`/syntheses/${article.slug}`}>{article.title}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <DocumentsSection documents={documents} />

      <DirectoryLinkBlock directory={directory} />
    </div>
  );
}

function RegistrationBox({
  slug,
  registration,
  seats,
}: {
  slug: string;
  registration: Route.ComponentProps["loaderData"]["registration"];
  seats: Seats | null;
}) {
  switch (registration.state) {
    case "open":
      return (
        <div className={seats?.kind === "full" ? "notice" : "notice notice--ok"}>
          <p>
            {seats?.kind === "full"
              ? "Complet\u00a0: il n’y a plus de place ni de liste d’attente."
              : "Inscriptions ouvertes"}
            {seats?.kind !== "full" && registration.closesAt
              ? ` jusqu’au ${formatDateTime(registration.closesAt)}`
              : ""}
            {seats?.kind === "full" ? "" : "."}
          </p>
          <p>
            {seats ? <RegisterButton slug={slug} seats={seats} /> : null}{" "}
            <a href={`/editions/${slug}/inscription/lien`}>Déjà inscrit·e&nbsp;? Retrouver mon inscription</a>
          </p>
        </div>
      );
    case "not_yet_open":
      return <p className="notice">Les inscriptions ouvriront le {formatDateTime(registration.opensAt)}.</p>;
    case "closed":
      if (registration.reason === "window_over") return <p className="notice">Les inscriptions sont closes.</p>;
      return null;
  }
}

function participantsLine(people: number): string {
  return `${people}\u00a0personne${people > 1 ? "s" : ""} présente${people > 1 ? "s" : ""} ce jour-là, par type de structure (sans nom de personne).`;
}

function venueLine(venue: { name: string; address: string | null; postcode: string | null; city: string }): string {
  const town = [venue.postcode, venue.city].filter(Boolean).join(" ");
  return [venue.name, venue.address, town].filter(Boolean).join(", ");
}
