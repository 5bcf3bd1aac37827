import { NavLink, Outlet } from "react-router";
import type { Route } from "./+types/layout";
import { USER_ROLE_LABELS } from "../../domain/vocabulary";
import { requireUser } from "../../lib/session.server";

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  return { user };
}

export default function AdminLayout({ loaderData }: Route.ComponentProps) {
  const { user } = loaderData;
  return (
    <div className="admin-shell">
      <nav className="admin-nav" aria-label="Back-office">
        <p>
          <strong>{user.name}</strong>
          <br />
          {USER_ROLE_LABELS[user.role]}
        </p>
        <ul>
          <li>
            <NavLink to="/admin" end>
              Tableau de bord
            </NavLink>
          </li>
          {user.role !== "reviewer" ? (
            <li>
              <NavLink to="/admin/courriels">Courriels</NavLink>
            </li>
          ) : null}
        </ul>
      </nav>
      <div>
        <Outlet />
      </div>
    </div>
  );
}
