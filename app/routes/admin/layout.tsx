import type { ReactNode } from "react";
import { NavLink, Outlet, useRouteLoaderData } from "react-router";
import { useTaskFirst } from "#app/components/use-task-first.ts";
import type { Route } from "./+types/layout";
import { ErrorPage } from "#app/components/error-page.tsx";
import { EVERY_ROLE } from "#app/domain/accounts/roles.ts";
import { Flash } from "#app/components/flash.tsx";
import type { loader as rootLoader } from "#app/root.tsx";
import { USER_ROLE_LABELS, type UserRole } from "#app/domain/shared/vocabulary.ts";
import { adminSession, requireRole } from "#app/routes/_shared/admin-session.server.ts";

// Not a loader: child loaders run in parallel with their layout's loader, so only a middleware
// stands in front of every back-office loader and action (docs/decisions/027).
export const middleware: Route.MiddlewareFunction[] = [adminSession];

export async function loader({ context }: Route.LoaderArgs) {
  const user = requireRole(context, EVERY_ROLE);
  return { user };
}

const ADMIN_LINKS: ReadonlyArray<{ to: string; label: string; roles: readonly UserRole[] }> = [
  { to: "/admin", label: "Tableau de bord", roles: ["admin", "organiser", "reviewer"] },
  { to: "/admin/editions", label: "Éditions", roles: ["admin", "organiser"] },
  { to: "/admin/personnes", label: "Intervenants", roles: ["admin", "organiser"] },
  { to: "/admin/syntheses", label: "Synthèses", roles: ["admin", "organiser"] },
  { to: "/admin/dispositifs", label: "Dispositifs", roles: ["admin", "organiser"] },
  { to: "/admin/courriels", label: "Courriels", roles: ["admin", "organiser"] },
  { to: "/admin/utilisateurs", label: "Comptes", roles: ["admin"] },
  { to: "/admin/journal", label: "Journal", roles: ["admin"] },
  { to: "/admin/mot-de-passe", label: "Mon mot de passe", roles: ["admin", "organiser", "reviewer"] },
  { to: "/admin/double-authentification", label: "Double authentification", roles: ["admin", "organiser", "reviewer"] },
];

type AdminUser = Awaited<ReturnType<typeof loader>>["user"];

function AdminShell({ user, children }: { user: AdminUser | undefined; children: ReactNode }) {
  const taskFirst = useTaskFirst();
  const flash = useRouteLoaderData<typeof rootLoader>("root")?.flash;
  const nav = user ? (
    <nav className="admin-nav" aria-label="Espace organisation">
      <p>
        <strong>{user.name}</strong>
        <br />
        {USER_ROLE_LABELS[user.role]}
      </p>
      <ul>
        {ADMIN_LINKS.filter((link) => link.roles.includes(user.role)).map((link) => (
          <li key={link.to}>
            <NavLink to={link.to} end={link.to === "/admin"}>
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  ) : null;
  return (
    <div className={`admin-shell${taskFirst ? " admin-shell--task-first" : ""}`}>
      {taskFirst ? null : nav}
      <div className="admin-shell__main">
        <Flash flash={flash} />
        {children}
      </div>
      {taskFirst ? nav : null}
    </div>
  );
}

export default function AdminLayout({ loaderData }: Route.ComponentProps) {
  return (
    <AdminShell user={loaderData.user}>
      <Outlet />
    </AdminShell>
  );
}

/** An error in a back-office page keeps the back-office menu, so the organiser is not lost. */
export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const data = useRouteLoaderData<typeof loader>("routes/admin/layout");
  return (
    <AdminShell user={data?.user}>
      <ErrorPage error={error} back={{ to: "/admin", label: "Revenir au tableau de bord" }} />
    </AdminShell>
  );
}
