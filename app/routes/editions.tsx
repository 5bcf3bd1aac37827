import type { Route } from "./+types/editions";
import { EditionCards } from "#app/components/edition-card.tsx";
import { listPublicEditions } from "#app/domain/editions/editions.server.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";

/** Served from the page cache to everyone: plain HTML, no script (docs/decisions/010-page-cache.md). */
export const handle = { scripts: false };

export const meta: Route.MetaFunction = () =>
  pageMeta(
    "Les éditions",
    "Toutes les coordinations territoriales semestrielles du SIAO 95, à venir et passées, avec leur thème, leur date et leur lieu.",
  );

export function loader() {
  return listPublicEditions(db());
}

export default function Editions({ loaderData }: Route.ComponentProps) {
  const { upcoming, past } = loaderData;
  return (
    <div className="page">
      <h1>Les éditions</h1>
      <section aria-labelledby="a-venir">
        <h2 id="a-venir">À venir</h2>
        {upcoming.length > 0 ? (
          <EditionCards editions={upcoming} />
        ) : (
          <p>Aucune édition n’est programmée pour le moment.</p>
        )}
      </section>
      <section aria-labelledby="passees">
        <h2 id="passees">Passées</h2>
        {past.length > 0 ? <EditionCards editions={past} /> : <p>Aucune édition passée pour l’instant.</p>}
      </section>
    </div>
  );
}
