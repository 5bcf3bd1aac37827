import { Link } from "react-router";
import type { Route } from "./+types/dispositifs-booklet";
import { categoryLine, entryName, ExampleMark, PublicsAndContact } from "#app/components/directory.tsx";
import { directoryBooklet } from "#app/domain/directory/dispositifs.server.ts";
import { bookletTitle, countsSentence } from "#app/domain/directory/values.ts";
import { db } from "#app/lib/db.server.ts";
import { env } from "#app/lib/env.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { formatDate } from "#app/lib/time.ts";

/** Served from the page cache to everyone: plain HTML, no script (docs/decisions/010-page-cache.md). */
export const handle = { scripts: false };

export const meta: Route.MetaFunction = ({ loaderData }) =>
  pageMeta(
    loaderData?.title ?? "Livret des dispositifs d’aller-vers",
    "Le répertoire des dispositifs d’aller-vers du Val-d’Oise, en entier et prêt à imprimer.",
  );

export function loader() {
  const booklet = directoryBooklet(db());
  return {
    ...booklet,
    title: bookletTitle(booklet.year),
    // Formatted here so that the server and the browser print the very same text.
    printedOn: formatDate(new Date()),
    // On paper a relative link is useless: the full address of the living directory.
    directoryUrl: `${env().appUrl}/dispositifs`,
  };
}

/** The booklet of the 2025 CTS, regenerated from the living directory: whole, grouped by category. */
export default function DirectoryBooklet({ loaderData }: Route.ComponentProps) {
  const { title, counts, groups, printedOn, directoryUrl } = loaderData;
  return (
    <div className="page booklet">
      <div className="no-print">
        <p>
          <Link to="/dispositifs">Retour au répertoire</Link>
        </p>
        <p>
          Cette page est faite pour l’impression&nbsp;: chaque catégorie commence sur une nouvelle page, et aucune fiche
          n’est coupée. Imprimez-la ou enregistrez-la en PDF avec Ctrl+P (⌘+P sur Mac).
        </p>
      </div>

      <header className="booklet__cover">
        <p className="eyebrow">SIAO&nbsp;95 · Coordination territoriale</p>
        <h1>{title}</h1>
        <p className="lead">{countsSentence(counts, "dans cette version")}</p>
        <p>
          Version du {printedOn}. La version tenue à jour est en ligne, à l’adresse{" "}
          <a href={directoryUrl}>{directoryUrl}</a>.
        </p>
        {groups.length > 1 ? (
          <nav aria-labelledby="sommaire-livret" className="booklet__toc">
            <h2 id="sommaire-livret">Sommaire</h2>
            <ol>
              {groups.map((group) => (
                <li key={group.category}>
                  <a href={`#categorie-${group.category}`}>
                    {group.label} ({group.entries.length})
                  </a>
                </li>
              ))}
            </ol>
          </nav>
        ) : null}
      </header>

      {groups.length === 0 ? <p>Le répertoire est vide pour le moment.</p> : null}
      {groups.map((group) => (
        <section key={group.category} aria-labelledby={`categorie-${group.category}`} className="booklet__category">
          <h2 id={`categorie-${group.category}`}>
            {group.label} ({group.entries.length})
          </h2>
          {group.entries.map((entry) => (
            <article key={entry.id} className="booklet__entry" aria-labelledby={`fiche-${entry.id}`}>
              <h3 id={`fiche-${entry.id}`}>
                {entryName(entry)}
                <ExampleMark entry={entry} />
              </h3>
              <p className="booklet__line">
                {categoryLine(entry)} — {entry.operator}
              </p>
              <dl className="meta-list">
                <PublicsAndContact entry={entry} />
              </dl>
              {entry.description ? <p>{entry.description}</p> : null}
            </article>
          ))}
        </section>
      ))}
    </div>
  );
}
