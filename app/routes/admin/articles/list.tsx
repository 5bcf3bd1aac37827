import type { Route } from "./+types/list";
import { listAllArticles } from "#app/domain/articles/articles.server.ts";
import { ORGANISERS } from "#app/domain/accounts/roles.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { requireRole } from "#app/routes/_shared/admin-session.server.ts";
import { formatDate } from "#app/lib/time.ts";
import { TableScroll } from "#app/components/table-scroll.tsx";

export const meta: Route.MetaFunction = () => pageMeta("Synthèses", "Écrire et publier les synthèses.");

export async function loader({ context }: Route.LoaderArgs) {
  requireRole(context, ORGANISERS);
  return { articles: listAllArticles(db()) };
}

export default function ArticlesAdmin({ loaderData }: Route.ComponentProps) {
  return (
    <>
      <h1>Synthèses</h1>
      <p>
        <a className="button" href="/admin/syntheses/nouvelle">
          Nouvelle synthèse
        </a>
      </p>
      {loaderData.articles.length === 0 ? (
        <p>Aucune synthèse pour le moment.</p>
      ) : (
        <TableScroll label="Synthèses">
          <table>
            <caption className="visually-hidden">Synthèses, les plus récemment modifiées d’abord</caption>
            <thead>
              <tr>
                <th scope="col">Titre</th>
                <th scope="col">Statut</th>
                <th scope="col">Publication</th>
                <th scope="col">Modifiée le</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.articles.map((article) => (
                <tr key={article.id}>
                  <td>
                    <a href={`/admin/syntheses/${article.id}`}>{article.title}</a>
                  </td>
                  <td>{article.status === "published" ? "Publiée" : "Brouillon"}</td>
                  <td>{article.publishedAt ? formatDate(article.publishedAt) : "—"}</td>
                  <td>{formatDate(article.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
