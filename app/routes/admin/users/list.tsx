import { Link } from "react-router";
import type { Route } from "./+types/list";
import { ADMIN_ONLY } from "#app/domain/accounts/roles.ts";
import { listUsers } from "#app/domain/accounts/users.server.ts";
import { USER_ROLE_LABELS } from "#app/domain/shared/vocabulary.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { requireRole } from "#app/routes/_shared/admin-session.server.ts";
import { formatDateTime } from "#app/lib/time.ts";
import { DataTable } from "#app/components/data-table.tsx";

export const meta: Route.MetaFunction = () => pageMeta("Comptes", "Les comptes de l’Espace organisation.");

export async function loader({ context }: Route.LoaderArgs) {
  const user = requireRole(context, ADMIN_ONLY);
  return { users: listUsers(db()), me: user.id };
}

export default function Users({ loaderData }: Route.ComponentProps) {
  const { users, me } = loaderData;
  return (
    <>
      <h1>Comptes</h1>
      <p>
        Les personnes qui ont accès à l’Espace organisation. Une personne invitée reçoit un lien pour choisir son mot de
        passe.
      </p>
      <p>
        <Link to="/admin/utilisateurs/nouveau" className="button">
          Inviter une personne
        </Link>
      </p>
      <DataTable
        label="Comptes"
        caption="Comptes, par ordre alphabétique"
        columns={["Nom", "Adresse e-mail", "Rôle", "État", "Dernière connexion"]}
      >
        {users.map((user) => (
          <tr key={user.id}>
            <td>
              <Link to={`/admin/utilisateurs/${user.id}`}>{user.name}</Link>
              {user.id === me ? " (vous)" : null}
            </td>
            <td>{user.email}</td>
            <td>{USER_ROLE_LABELS[user.role]}</td>
            <td>
              {!user.active ? (
                <span className="account-state account-state--off">Désactivé</span>
              ) : !user.activated ? (
                <span className="account-state account-state--pending">Invitation en attente</span>
              ) : (
                <span className="account-state">Actif</span>
              )}
            </td>
            <td>{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : "Jamais"}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
