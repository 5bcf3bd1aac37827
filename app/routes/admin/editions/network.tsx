import type { Route } from "./+types/network";
import { NetworkTable } from "#app/components/network-table.tsx";
import { OrganisationsList } from "#app/components/organisations-list.tsx";
import { ORGANISERS } from "#app/domain/accounts/roles.ts";
import { networkList, participatingOrganisations } from "#app/domain/registrations/network.server.ts";
import { requireEditionAccess } from "#app/routes/_shared/admin-edition.server.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";

export const meta: Route.MetaFunction = () =>
  pageMeta("Réseau des participants", "Liste des participants et structures présentes.");

export async function loader({ params, context }: Route.LoaderArgs) {
  const { edition } = requireEditionAccess(context, params.editionId, ORGANISERS);
  return {
    slug: edition.slug,
    held: edition.status === "held" || edition.status === "archived",
    people: networkList(db(), edition.id),
    organisations: participatingOrganisations(db(), edition.id),
  };
}

export default function EditionNetwork({ loaderData }: Route.ComponentProps) {
  const { slug, held, people, organisations } = loaderData;
  return (
    <>
      <h1>Réseau des participants</h1>
      <section aria-labelledby="liste">
        <h2 id="liste">Liste des participants</h2>
        <p>
          Les personnes inscrites qui ont choisi d’apparaître dans la liste. Les autres personnes inscrites la voient
          depuis leur lien personnel&nbsp;; chacune peut s’en retirer à tout moment.
        </p>
        <NetworkTable
          people={people}
          caption={`Participants ayant choisi d’apparaître dans la liste (${people.length})`}
        />
      </section>
      <section aria-labelledby="structures">
        <h2 id="structures">Structures présentes</h2>
        {held ? (
          organisations.length > 0 ? (
            <>
              <p>
                Ce que montre la <a href={`/editions/${slug}`}>page publique de l’édition</a>&nbsp;: les structures des
                personnes présentes, par type, sans aucun nom de personne.
              </p>
              <OrganisationsList groups={organisations} />
            </>
          ) : (
            <p>Aucune présence enregistrée.</p>
          )
        ) : (
          <p>
            Une fois l’édition marquée comme tenue, sa page publique montre les structures des personnes présentes, par
            type, sans aucun nom de personne.
          </p>
        )}
      </section>
    </>
  );
}
