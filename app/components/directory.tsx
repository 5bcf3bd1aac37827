import { Link } from "react-router";
import type { DirectoryEntry } from "#app/domain/directory/dispositifs.server.ts";
import { DISPOSITIF_CATEGORY_LABELS } from "#app/domain/shared/vocabulary.ts";

// Pieces of the directory of outreach services shared by its pages: the list, a service's page,
// the printable booklet, and the link block of the editions and syntheses that produced it.

/** Demo entries say so wherever they appear. */
export function ExampleBadge() {
  return <span className="badge badge--example">exemple</span>;
}

/**
 * A made-up entry's name without its « (exemple) » suffix: the badge beside it already says so,
 * and the two together read « (exemple) EXEMPLE ».
 */
export function entryName(entry: { name: string; isExample: boolean }): string {
  return entry.isExample ? entry.name.replace(/\s*\(exemple\)\s*$/i, "") : entry.name;
}

/** « Veille sociale · Maraude sociale » */
export function categoryLine(entry: Pick<DirectoryEntry, "category" | "subCategory">): string {
  return [DISPOSITIF_CATEGORY_LABELS[entry.category], entry.subCategory].filter(Boolean).join(" · ");
}

function websiteLabel(url: string): string {
  return url.replace(/^https?:\/\//, "").replace(/\/$/, "");
}

/** Phone, email and website, as links; nothing when there is no contact. */
export function ContactLinks({ entry }: { entry: Pick<DirectoryEntry, "phone" | "email" | "website"> }) {
  const items = [
    entry.phone ? (
      <li key="phone">
        Téléphone&nbsp;: <a href={`tel:${entry.phone.replace(/\s/g, "")}`}>{entry.phone}</a>
      </li>
    ) : null,
    entry.email ? (
      <li key="email">
        E-mail&nbsp;: <a href={`mailto:${entry.email}`}>{entry.email}</a>
      </li>
    ) : null,
    entry.website ? (
      <li key="website">
        Site web&nbsp;:{" "}
        <a href={entry.website} rel="noopener noreferrer">
          {websiteLabel(entry.website)}
        </a>
      </li>
    ) : null,
  ].filter(Boolean);
  if (items.length === 0) return <span>Non renseigné</span>;
  return <ul className="contact-list">{items}</ul>;
}

/** The badge of a made-up service, after its name or category; nothing for a real one. */
export function ExampleMark({ entry }: { entry: { isExample: boolean } }) {
  if (!entry.isExample) return null;
  return (
    <>
      {" "}
      <ExampleBadge />
    </>
  );
}

/** The rows of a service's description list that the list and the booklet show alike. */
export function PublicsAndContact({ entry }: { entry: DirectoryEntry }) {
  return (
    <>
      <dt>Publics</dt>
      <dd>{entry.publics.length ? entry.publics.join(", ") : "Non précisés"}</dd>
      <TerritoryAndContact entry={entry} />
    </>
  );
}

/** Where a service goes and how to reach it, as rows of its description list. */
export function TerritoryAndContact({ entry }: { entry: DirectoryEntry }) {
  return (
    <>
      <dt>Territoire</dt>
      <dd>{entry.territory}</dd>
      <dt>Contact</dt>
      <dd>
        <ContactLinks entry={entry} />
      </dd>
    </>
  );
}

/** What the list and the booklet show of one service. */
export function DirectoryEntryDetails({ entry }: { entry: DirectoryEntry }) {
  return (
    <>
      <dl className="meta-list directory-entry__meta">
        <dt>Opérateur</dt>
        <dd>{entry.operator}</dd>
        <PublicsAndContact entry={entry} />
      </dl>
      {entry.description ? <p className="directory-entry__description">{entry.description}</p> : null}
    </>
  );
}

/** One service in the public list, under an h2 of the page. */
export function DirectoryEntryCard({ entry }: { entry: DirectoryEntry }) {
  return (
    <article className="directory-entry" aria-labelledby={`dispositif-${entry.id}`}>
      <p className="eyebrow directory-entry__category">
        {categoryLine(entry)}
        <ExampleMark entry={entry} />
      </p>
      <h3 id={`dispositif-${entry.id}`} className="directory-entry__name">
        <Link to={`/dispositifs/${entry.slug}`}>{entryName(entry)}</Link>
      </h3>
      <DirectoryEntryDetails entry={entry} />
    </article>
  );
}

/**
 * « Répertoire des dispositifs »: the block of the editions and syntheses on aller-vers. Its figure
 * counts this directory, not the printed référentiel it continues (51 services in 2025), so the
 * two never read as one contradicting the other.
 */
export function DirectoryLinkBlock({
  directory,
}: {
  directory: { total: number; examples: number; year: number | null } | null;
}) {
  if (!directory) return null;
  const { total, examples, year } = directory;
  return (
    <section aria-labelledby="repertoire" className="directory-link no-print">
      <h2 id="repertoire">Répertoire des dispositifs</h2>
      <p>
        Ce répertoire en ligne compte {total}&nbsp;dispositif{total > 1 ? "s" : ""} d’aller-vers du Val-d’Oise
        {examples ? (
          <>
            {" "}
            (dont {examples}&nbsp;fiche{examples > 1 ? "s" : ""} d’exemple)
          </>
        ) : null}
        , avec leurs publics, leur territoire et leurs contacts, tenus à jour.
        {year ? <> Il prend la suite du livret du Référentiel&nbsp;{year}.</> : null}
      </p>
      <ul className="directory-link__links">
        <li>
          <Link to="/dispositifs">Consulter le répertoire des dispositifs</Link>
        </li>
        <li>
          <Link to="/dispositifs/livret">Version imprimable (livret)</Link>
        </li>
      </ul>
    </section>
  );
}
