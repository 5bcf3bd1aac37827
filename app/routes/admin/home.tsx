import type { Route } from "./+types/home";
import { listPublicEditions } from "../../domain/editions.server";
import { db } from "../../lib/db.server";
import { pageMeta } from "../../lib/meta";
import { requireUser } from "../../lib/session.server";
import { formatDate } from "../../lib/time";

export const meta: Route.MetaFunction = () => pageMeta("Back-office", "Espace des organisateurs.");

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const { upcoming, past } = listPublicEditions(db());
  return { user, upcoming, past };
}

export default function AdminHome({ loaderData }: Route.ComponentProps) {
  const { user, upcoming, past } = loaderData;
  return (
    <>
      <h1>Bonjour {user.name}</h1>
      <p>Bienvenue dans l’espace des organisateurs des coordinations territoriales.</p>
      <h2>Éditions à venir</h2>
      {upcoming.length ? (
        <ul>
          {upcoming.map((edition) => (
            <li key={edition.id}>
              <a href={`/editions/${edition.slug}`}>{edition.title}</a> — {formatDate(edition.startsAt)}
            </li>
          ))}
        </ul>
      ) : (
        <p>Aucune édition à venir.</p>
      )}
      <h2>Éditions passées</h2>
      <ul>
        {past.map((edition) => (
          <li key={edition.id}>
            <a href={`/editions/${edition.slug}`}>{edition.title}</a> — {formatDate(edition.startsAt)}
          </li>
        ))}
      </ul>
    </>
  );
}
