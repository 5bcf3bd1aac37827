import { Link, useSearchParams } from "react-router";
import type { Route } from "./+types/emails";
import { ORGANISERS } from "#app/domain/accounts/roles.ts";
import { listEmails } from "#app/domain/shared/outbox-list.server.ts";
import { EMAIL_STATUS_LABELS, EMAIL_STATUSES } from "#app/domain/shared/vocabulary.ts";
import { db } from "#app/lib/db.server.ts";
import { env } from "#app/lib/env.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { requireRole } from "#app/routes/_shared/admin-session.server.ts";
import { formatDateTime } from "#app/lib/time.ts";
import { CellNote, DataTable } from "#app/components/data-table.tsx";
import { changedQuery } from "#app/lib/query.ts";

export const meta: Route.MetaFunction = () => pageMeta("Courriels", "Les courriels envoyés par la plateforme.");

const PAGE_SIZE = 50;

export async function loader({ request, context }: Route.LoaderArgs) {
  requireRole(context, ORGANISERS);
  const url = new URL(request.url);
  const status = EMAIL_STATUSES.find((s) => s === url.searchParams.get("statut")) ?? null;
  const page = Math.max(1, Math.min(10_000, Number(url.searchParams.get("page")) || 1));
  const { rows, hasMore, counts, sending } = listEmails(db(), { status, page, pageSize: PAGE_SIZE });
  return {
    rows,
    hasMore,
    page,
    status,
    counts,
    sending,
    captured: !env().smtpUrl,
  };
}

export default function Emails({ loaderData }: Route.ComponentProps) {
  const { rows, hasMore, page, status, counts, sending, captured } = loaderData;
  const [params] = useSearchParams();
  const link = (changes: Record<string, string | null>) => {
    const query = changedQuery(params, changes);
    return query ? `?${query}` : "?";
  };
  return (
    <>
      <h1>Courriels</h1>
      {captured ? (
        <p className="notice">
          Aucun serveur SMTP n’est configuré&nbsp;: les courriels sont conservés ici (et dans le dossier de données) au
          lieu d’être envoyés.
        </p>
      ) : null}
      <p>
        {sending.lastSentAt
          ? `Dernier envoi\u00a0: ${formatDateTime(sending.lastSentAt)}.`
          : "Aucun courriel n’a encore été envoyé."}{" "}
        {sending.waiting === 0
          ? "Aucun courriel en attente."
          : `${sending.waiting === 1 ? "1 courriel en attente" : `${sending.waiting} courriels en attente`}, le plus ancien depuis le ${formatDateTime(sending.oldestWaitingAt!)}.`}
      </p>
      <nav aria-label="Filtrer par statut">
        <ul className="filter-list">
          <li>
            <Link to={link({ statut: null, page: null })} aria-current={status === null ? "page" : undefined}>
              Tous
            </Link>
          </li>
          {EMAIL_STATUSES.map((s) => (
            <li key={s}>
              <Link to={link({ statut: s, page: null })} aria-current={status === s ? "page" : undefined}>
                {EMAIL_STATUS_LABELS[s]} ({counts[s]})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {rows.length === 0 ? (
        <p>Aucun courriel.</p>
      ) : (
        <DataTable
          label="Courriels"
          caption="Courriels, les plus récents d’abord"
          columns={["Créé le", "Destinataire", "Objet", "Statut", "Tentatives"]}
        >
          {rows.map((row) => (
            <tr key={row.id}>
              <td>{formatDateTime(row.createdAt)}</td>
              <td>{row.toAddress}</td>
              <td>
                <Link to={`/admin/courriels/${row.id}`}>{row.subject}</Link>
              </td>
              <td>
                {EMAIL_STATUS_LABELS[row.status]}
                {row.lastError && row.status !== "sent" ? <CellNote>{row.lastError}</CellNote> : null}
              </td>
              <td>{row.attempts}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <nav aria-label="Pagination" className="pagination">
        {page > 1 ? <Link to={link({ page: String(page - 1) })}>Page précédente</Link> : null}
        {hasMore ? <Link to={link({ page: String(page + 1) })}>Page suivante</Link> : null}
      </nav>
    </>
  );
}
