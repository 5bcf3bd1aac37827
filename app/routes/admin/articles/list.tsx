import type { Route } from "./+types/list";
import { listAllArticles } from "#app/domain/articles/articles.server.ts";
import { ORGANISERS } from "#app/domain/accounts/roles.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { requireRole } from "#app/routes/_shared/admin-session.server.ts";
import { formatDate } from "#app/lib/time.ts";
import { DataTable } from "#app/components/data-table.tsx";

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
        <DataTable
          label="Synthèses"
          caption="Synthèses, les plus récemment modifiées d’abord"
          columns={["Titre", "Statut", "Publication", "Modifiée le"]}
        >
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
        </DataTable>
      )}
    </>
  );
}
