import { z } from "zod";
import { Link, useLocation } from "react-router";
import type { Route } from "./+types/dispositifs";
import { DirectoryEntryCard } from "#app/components/directory.tsx";
import { directoryPage } from "#app/domain/directory/dispositifs.server.ts";
import { countsSentence } from "#app/domain/directory/values.ts";
import { DISPOSITIF_CATEGORIES, DISPOSITIF_CATEGORY_LABELS } from "#app/domain/shared/vocabulary.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { de } from "#app/lib/elision.ts";
import { FilterForm } from "#app/components/filters.tsx";

/** Served from the page cache to everyone: plain HTML, no script (docs/decisions/010-page-cache.md). */
export const handle = { scripts: false };

export const meta: Route.MetaFunction = () =>
  pageMeta(
    "Répertoire des dispositifs d’aller-vers",
    "Les dispositifs d’aller-vers du Val-d’Oise\u00a0: catégorie, publics, communes couvertes et contacts, à filtrer et à imprimer.",
  );

const filterKey = z
  .string()
  .max(100)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

const querySchema = z.object({
  categorie: z.enum(DISPOSITIF_CATEGORIES).optional().catch(undefined),
  public: filterKey.optional().catch(undefined),
  commune: filterKey.optional().catch(undefined),
});

export function loader({ request }: Route.LoaderArgs) {
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const page = directoryPage(db(), { category: query.categorie, public: query.public, commune: query.commune });
  return { ...page, query };
}

export default function Directory({ loaderData }: Route.ComponentProps) {
  const { entries, counts, year, options, labels, query } = loaderData;
  // The selects start from the URL: remounted when it changes (« Tout afficher », back button).
  const location = useLocation();
  const filtered = Boolean(query.categorie || query.public || query.commune);
  const criteria = [
    query.categorie ? DISPOSITIF_CATEGORY_LABELS[query.categorie].toLowerCase() : null,
    // A key no service uses any more (an old shared link) is still shown, as it is in the URL.
    query.public ? `public «\u00a0${labels.public ?? query.public}\u00a0»` : null,
    query.commune
      ? `commune ${de(labels.commune ?? query.commune)} (et dispositifs couvrant tout le département)`
      : null,
  ].filter(Boolean);
  return (
    <div className="page">
      {year ? <p className="eyebrow">Référentiel {year}</p> : null}
      <h1>Répertoire des dispositifs d’aller-vers</h1>
      <p className="lead">
        Les équipes qui vont à la rencontre des personnes dans le Val-d’Oise&nbsp;: pour qui, sur quelles communes, et
        comment les joindre. Pour orienter quelqu’un, filtrez par catégorie, par public ou par commune.
      </p>
      <p className="directory-counts">{countsSentence(counts, "dans ce répertoire")}</p>
      <p className="no-print">
        <Link to="/dispositifs/livret">Version imprimable de tout le répertoire (livret)</Link>
      </p>

      <FilterForm
        key={location.search}
        label="Filtrer les dispositifs"
        filters={[
          {
            name: "categorie",
            label: "Catégorie",
            all: "Toutes les catégories",
            options: DISPOSITIF_CATEGORIES.map((category) => ({
              key: category,
              label: `${DISPOSITIF_CATEGORY_LABELS[category]} (${counts.byCategory[category]})`,
            })),
          },
          { name: "public", label: "Public", all: "Tous les publics", options: options.publics },
          { name: "commune", label: "Commune", all: "Toutes les communes", options: options.communes },
        ]}
        values={{
          categorie: query.categorie,
          public: labels.public ? query.public : undefined,
          commune: labels.commune ? query.commune : undefined,
        }}
        submitClassName="button-row"
        after={filtered ? <Link to="/dispositifs">Tout afficher</Link> : null}
      />

      <p role="status" className="directory-result">
        {entries.length === 0
          ? "Aucun dispositif ne correspond à ces critères."
          : `${entries.length}\u00a0dispositif${entries.length > 1 ? "s" : ""}${filtered ? ` sur ${counts.total}` : ""}.`}
        {criteria.length ? ` Critères\u00a0: ${criteria.join(", ")}.` : ""}
      </p>

      <section aria-labelledby="liste-dispositifs">
        <h2 id="liste-dispositifs" className="visually-hidden">
          Les dispositifs
        </h2>
        <ul className="directory-list">
          {entries.map((entry) => (
            <li key={entry.id}>
              <DirectoryEntryCard entry={entry} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
