import type { Route } from "./+types/home";
import { EVERY_ROLE } from "../../domain/auth.server";
import { listAllEditions } from "../../domain/editions.server";
import { EDITION_STATUS_LABELS } from "../../domain/vocabulary";
import { db } from "../../lib/db.server";
import { pageMeta } from "../../lib/meta";
import { requireUser } from "../../lib/session.server";
import { formatDate } from "../../lib/time";

export const meta: Route.MetaFunction = () => pageMeta("Back-office", "Espace des organisateurs.");

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request, EVERY_ROLE);
  return { user, editions: user.role === "reviewer" ? [] : listAllEditions(db()) };
}

export default function AdminHome({ loaderData }: Route.ComponentProps) {
  const { user, editions } = loaderData;
  return (
    <>
      <h1>Bonjour {user.name}</h1>
      <p>Bienvenue dans l’espace des organisateurs des coordinations territoriales.</p>
      {user.role !== "reviewer" ? (
        <section aria-labelledby="editions">
          <h2 id="editions">Éditions</h2>
          <ul>
            {editions.map((edition) => (
              <li key={edition.id}>
                <a href={`/admin/editions/${edition.id}`}>{edition.title}</a> — {formatDate(edition.startsAt)} (
                {EDITION_STATUS_LABELS[edition.status]})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
