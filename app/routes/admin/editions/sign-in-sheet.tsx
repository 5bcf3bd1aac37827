import type { Route } from "./+types/sign-in-sheet";
import { DataTable } from "#app/components/data-table.tsx";
import { ORGANISERS } from "#app/domain/accounts/roles.ts";
import { signInSheet } from "#app/domain/registrations/exports.server.ts";
import { requireEditionAccess } from "#app/routes/_shared/admin-edition.server.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { adminSession } from "#app/routes/_shared/admin-session.server.ts";
import { formatRange } from "#app/lib/time.ts";

export const meta: Route.MetaFunction = ({ loaderData }) =>
  pageMeta(
    loaderData ? `Feuille d’émargement — ${loaderData.title}` : "Feuille d’émargement",
    "Feuille d’émargement à imprimer.",
  );

// Outside the back-office layout (printed without its menu), so it brings the layout's middleware itself.
export const middleware: Route.MiddlewareFunction[] = [adminSession];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { edition } = requireEditionAccess(context, params.editionId, ORGANISERS);
  const sheet = signInSheet(db(), edition.id);
  const venue = sheet.venue;
  // Formatted here so that the server and the browser print the very same text.
  return {
    id: sheet.edition.id,
    title: sheet.edition.title,
    when: formatRange(sheet.edition.startsAt, sheet.edition.endsAt),
    where: venue
      ? [venue.name, venue.address, [venue.postcode, venue.city].filter(Boolean).join(" ")].filter(Boolean).join(", ")
      : null,
    rows: sheet.rows,
    signatureColumns: sheet.signatureColumns,
  };
}

export default function SignInSheet({ loaderData }: Route.ComponentProps) {
  const { id, title, when, where, rows, signatureColumns } = loaderData;
  return (
    <div className="page sign-in-sheet">
      <div className="no-print">
        <p>
          <a href={`/admin/editions/${id}`}>Retour à l’édition</a>
        </p>
        <p>
          Imprimez cette feuille et posez-la à l’accueil&nbsp;: chaque personne confirmée y signe en arrivant. Elle
          tient sur des pages A4 en portrait, l’en-tête du tableau est répété sur chaque page.
        </p>
        <p>
          <button type="button" className="button" onClick={() => window.print()}>
            Imprimer
          </button>{" "}
          ou Ctrl+P (⌘+P sur Mac).
        </p>
      </div>

      <h1>Feuille d’émargement</h1>
      <p className="sign-in-sheet__edition">{title}</p>
      <p>
        {when}
        {where ? (
          <>
            <br />
            {where}
          </>
        ) : null}
      </p>

      {rows.length === 0 ? (
        <p>Aucune personne confirmée pour le moment.</p>
      ) : (
        <DataTable
          label="Feuille d’émargement"
          className="sign-in-sheet__table"
          visibleCaption
          caption={
            <>
              {rows.length}&nbsp;personne{rows.length > 1 ? "s" : ""} confirmée{rows.length > 1 ? "s" : ""}, par ordre
              alphabétique
            </>
          }
          columns={[
            { key: "number", content: "N°", className: "sign-in-sheet__number" },
            "Nom",
            "Prénom",
            "Structure",
            ...signatureColumns.map((column) => ({
              key: column,
              content: column,
              className: "sign-in-sheet__signature",
            })),
          ]}
        >
          {rows.map((row) => (
            <tr key={row.number}>
              <td className="sign-in-sheet__number">{row.number}</td>
              <th scope="row">{row.lastName}</th>
              <td>{row.firstName}</td>
              <td>{row.organisation}</td>
              {signatureColumns.map((column) => (
                <td key={column} className="sign-in-sheet__signature" />
              ))}
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
