import type { EditionSummary } from "#app/domain/editions/editions.server.ts";
import { formatDate } from "#app/lib/time.ts";

export function EditionCard({ edition, headingLevel = 3 }: { edition: EditionSummary; headingLevel?: 2 | 3 }) {
  const Heading = `h${headingLevel}` as const;
  return (
    <article className="card">
      <p className="eyebrow">
        {formatDate(edition.startsAt)}
        {edition.dateIsIllustrative ? " (date d’exemple)" : ""}
      </p>
      <Heading>
        <a href={`/editions/${edition.slug}`}>{edition.title}</a>
      </Heading>
      {edition.subtitle ? <p>{edition.subtitle}</p> : null}
      {edition.venueName ? (
        <p>
          {edition.venueName}, {edition.venueCity}
        </p>
      ) : null}
      {edition.status === "cancelled" ? <p className="notice notice--error">Édition annulée</p> : null}
    </article>
  );
}

/** Editions as a grid of cards. */
export function EditionCards({ editions }: { editions: EditionSummary[] }) {
  return (
    <ul className="cards">
      {editions.map((edition) => (
        <li key={edition.id}>
          <EditionCard edition={edition} />
        </li>
      ))}
    </ul>
  );
}
