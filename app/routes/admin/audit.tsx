import { Link } from "react-router";
import type { Route } from "./+types/audit";
import {
  auditActionLabel,
  auditActorLabel,
  auditDetailsText,
  auditFilterChoices,
  listAudit,
} from "#app/domain/shared/audit.server.ts";
import { ADMIN_ONLY } from "#app/domain/accounts/roles.ts";
import { auditFilterSchema } from "#app/forms/users.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { requireRole } from "#app/routes/_shared/admin-session.server.ts";
import { formatDateTime } from "#app/lib/time.ts";
import { DataTable } from "#app/components/data-table.tsx";
import { FilterForm } from "#app/components/filters.tsx";
import { TextList } from "#app/components/text-list.tsx";

export const meta: Route.MetaFunction = () => pageMeta("Journal", "Le journal des actions dans l’Espace organisation.");

/** What an entry is about, in words, and where to see it when the back-office has a page for it. */
const ENTITIES: Record<string, { label: string; href?: (id: number) => string }> = {
  user: { label: "Compte", href: (id) => `/admin/utilisateurs/${id}` },
  edition: { label: "Édition", href: (id) => `/admin/editions/${id}` },
  email: { label: "Courriel", href: (id) => `/admin/courriels/${id}` },
  registration: { label: "Inscription" },
  venue: { label: "Lieu" },
};

export async function loader({ request, context }: Route.LoaderArgs) {
  requireRole(context, ADMIN_ONLY);
  const query = auditFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { rows, total, page, pageCount } = listAudit(db(), {
    action: query.action,
    userId: query.utilisateur,
    page: query.page,
  });
  const { actions, users } = auditFilterChoices(db());
  return {
    entries: rows.map((row) => {
      const entity = row.entityType ? ENTITIES[row.entityType] : undefined;
      return {
        id: row.id,
        at: row.at,
        who: auditActorLabel(row),
        userId: row.userId,
        action: row.action,
        actionLabel: auditActionLabel(row.action),
        entity: row.entityType
          ? {
              label: `${entity?.label ?? row.entityType}${row.entityId !== null ? `\u00a0n°\u00a0${row.entityId}` : ""}`,
              href: entity?.href && row.entityId !== null ? entity.href(row.entityId) : null,
            }
          : null,
        details: auditDetailsText(row.details),
        ip: row.ip,
      };
    }),
    total,
    page,
    pageCount,
    filter: {
      action: query.action ?? "",
      user: query.utilisateur === "none" ? "aucun" : query.utilisateur === null ? "" : String(query.utilisateur),
    },
    // Filter options are keyed like every other filter of the back-office.
    choices: {
      actions: actions.map(({ value, label }) => ({ key: value, label })),
      users: users.map(({ value, label }) => ({ key: value, label })),
    },
  };
}

export default function AuditLog({ loaderData }: Route.ComponentProps) {
  const { entries, total, page, pageCount, filter, choices } = loaderData;
  const link = (to: number) => {
    const params = new URLSearchParams();
    if (filter.action) params.set("action", filter.action);
    if (filter.user) params.set("utilisateur", filter.user);
    if (to > 1) params.set("page", String(to));
    const query = params.toString();
    return query ? `?${query}` : "?";
  };
  const filtered = Boolean(filter.action || filter.user);
  return (
    <>
      <h1>Journal</h1>
      <p>Ce qui a été fait dans l’Espace organisation et par les formulaires publics, le plus récent d’abord.</p>

      <FilterForm
        label="Filtrer le journal"
        className="audit-filters"
        filters={[
          {
            name: "action",
            id: "journal-action",
            label: "Action",
            all: "Toutes les actions",
            options: choices.actions,
          },
          {
            name: "utilisateur",
            id: "journal-utilisateur",
            label: "Personne",
            all: "Tout le monde",
            before: [{ key: "aucun", label: "Sans compte (système, personnes inscrites)" }],
            options: choices.users,
          },
        ]}
        values={{ action: filter.action, utilisateur: filter.user }}
        submitClassName="audit-filters__actions"
        after={filtered ? <Link to="/admin/journal">Effacer les filtres</Link> : null}
      />

      <p role="status">
        {total === 0
          ? "Aucune entrée."
          : `${total}\u00a0entrée${total > 1 ? "s" : ""}${filtered ? " pour ce filtre" : ""} · page ${page} sur ${pageCount}`}
      </p>

      {entries.length > 0 ? (
        <DataTable
          label="Journal des actions"
          caption="Journal des actions, les plus récentes d’abord"
          columns={["Quand", "Qui", "Action", "Objet", "Détails", "Adresse IP"]}
        >
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td>{formatDateTime(entry.at)}</td>
              <td>
                {entry.userId !== null ? (
                  <Link to={`/admin/utilisateurs/${entry.userId}`}>{entry.who}</Link>
                ) : (
                  entry.who
                )}
              </td>
              <td>
                {entry.actionLabel}
                {entry.actionLabel !== entry.action ? (
                  <>
                    <br />
                    <small>
                      <code>{entry.action}</code>
                    </small>
                  </>
                ) : null}
              </td>
              <td>
                {entry.entity ? (
                  entry.entity.href ? (
                    <Link to={entry.entity.href}>{entry.entity.label}</Link>
                  ) : (
                    entry.entity.label
                  )
                ) : (
                  "—"
                )}
              </td>
              <td>{entry.details.length > 0 ? <TextList className="audit-details" items={entry.details} /> : "—"}</td>
              <td>{entry.ip ?? "—"}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}

      {pageCount > 1 ? (
        <nav aria-label="Pagination du journal" className="pagination">
          {page > 1 ? <Link to={link(page - 1)}>← Page précédente</Link> : null}
          {page < pageCount ? <Link to={link(page + 1)}>Page suivante →</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
