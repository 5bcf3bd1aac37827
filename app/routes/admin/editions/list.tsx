import type { Route } from "./+types/list";
import { ORGANISERS } from "#app/domain/accounts/roles.ts";
import { listAllEditions } from "#app/domain/editions/editions.server.ts";
import { EDITION_STATUS_LABELS } from "#app/domain/shared/vocabulary.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { requireRole } from "#app/routes/_shared/admin-session.server.ts";
import { formatDate } from "#app/lib/time.ts";
import { DataTable } from "#app/components/data-table.tsx";

export const meta: Route.MetaFunction = () => pageMeta("Éditions", "Toutes les éditions, brouillons compris.");

export async function loader({ context }: Route.LoaderArgs) {
  requireRole(context, ORGANISERS);
  return { editions: listAllEditions(db()) };
}

export default function EditionsAdmin({ loaderData }: Route.ComponentProps) {
  return (
    <>
      <h1>Éditions</h1>
      <p>
        <a className="button" href="/admin/editions/nouvelle">
          Nouvelle édition
        </a>
      </p>
      <DataTable
        label="Éditions"
        caption="Éditions, les plus récentes d’abord"
        columns={["Édition", "Date", "Lieu", "Statut"]}
      >
        {loaderData.editions.map((edition) => (
          <tr key={edition.id}>
            <td>
              <a href={`/admin/editions/${edition.id}`}>{edition.title}</a>
            </td>
            <td>{formatDate(edition.startsAt)}</td>
            <td>{edition.venueName ? `${edition.venueName}, ${edition.venueCity}` : "—"}</td>
            <td>{EDITION_STATUS_LABELS[edition.status]}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
