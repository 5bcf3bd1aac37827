import type { Route } from "./+types/home";
import { EVERY_ROLE } from "#app/domain/accounts/roles.ts";
import { editionsToReview } from "#app/domain/contributions/admin.server.ts";
import { listAllEditions } from "#app/domain/editions/editions.server.ts";
import { EDITION_STATUS_LABELS } from "#app/domain/shared/vocabulary.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { requireRole } from "#app/routes/_shared/admin-session.server.ts";
import { formatDate } from "#app/lib/time.ts";

export const meta: Route.MetaFunction = () =>
  pageMeta("Espace organisation", "L’espace où l’équipe prépare les coordinations territoriales.");

export async function loader({ context }: Route.LoaderArgs) {
  const user = requireRole(context, EVERY_ROLE);
  return {
    user,
    editions: user.role === "reviewer" ? [] : listAllEditions(db()),
    toReview: editionsToReview(db(), user.id),
  };
}

export default function AdminHome({ loaderData }: Route.ComponentProps) {
  const { user, editions, toReview } = loaderData;
  return (
    <>
      <h1>Bonjour {user.name}</h1>
      <p>Bienvenue dans l’Espace organisation des coordinations territoriales.</p>
      {user.role === "reviewer" || toReview.some((edition) => edition.unreviewedByMe > 0) ? (
        <section aria-labelledby="a-evaluer">
          <h2 id="a-evaluer">Contributions à évaluer</h2>
          {toReview.length === 0 ? (
            <p>Aucune contribution n’a encore été proposée.</p>
          ) : (
            <ul>
              {toReview.map((edition) => (
                <li key={edition.id}>
                  <a href={`/admin/editions/${edition.id}/contributions`}>
                    Contributions de «&nbsp;{edition.title}&nbsp;»
                  </a>{" "}
                  — {formatDate(edition.startsAt)}&nbsp;: {edition.contributions}&nbsp;proposition
                  {edition.contributions > 1 ? "s" : ""}, {edition.unreviewedByMe}&nbsp;sans votre note
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
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
