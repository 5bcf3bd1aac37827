import type { Route } from "./+types/list";
import { listAllArticles } from "../../../domain/articles.server";
import { ORGANISERS } from "../../../domain/auth.server";
import { db } from "../../../lib/db.server";
import { pageMeta } from "../../../lib/meta";
import { requireUser } from "../../../lib/session.server";
import { formatDate } from "../../../lib/time";

export const meta: Route.MetaFunction = () => pageMeta("Synthèses", "Écrire et publier les synthèses.");

export async function loader({ request }: Route.LoaderArgs) {
  await requireUser(request, ORGANISERS);
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
        <div className="table-wrap">
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
        </div>
      )}
    </>
  );
}
