import { z } from "zod";
import { data, Link, useSearchParams } from "react-router";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import type { Route } from "./+types/registrations";
import { ORGANISERS } from "#app/domain/accounts/roles.ts";
import {
  confirmFromWaitlist,
  listRegistrations,
  REGISTRATION_SORTS,
  RegistrationActionError,
  registrationActionsNow,
  resendConfirmation,
  assertRegistrationOfEdition,
} from "#app/domain/registrations/admin.server.ts";
import { eraseRegistration } from "#app/domain/privacy/privacy.server.ts";
import { LifecycleError } from "#app/domain/editions/lifecycle.ts";
import { cancelRegistration } from "#app/domain/registrations/registrations.server.ts";
import {
  REGISTRATION_STATUS_LABELS,
  REGISTRATION_STATUSES,
  STRUCTURE_TYPE_LABELS,
  STRUCTURE_TYPES,
} from "#app/domain/shared/vocabulary.ts";
import { requireEditionAccess } from "#app/routes/_shared/admin-edition.server.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { formatShortDate, formatTime } from "#app/lib/time.ts";
import { CellNote, DataTable, type DataTableColumn } from "#app/components/data-table.tsx";
import { RowActions } from "#app/components/row-action-form.tsx";
import { ErrorNotice } from "#app/components/notice.tsx";
import { FilterForm, labelled, statusFilter, type Filter } from "#app/components/filters.tsx";
import { changedQuery } from "#app/lib/query.ts";
import { actBy } from "#app/routes/_shared/act.server.ts";

export const meta: Route.MetaFunction = () => pageMeta("Inscriptions de l’édition", "Liste des inscriptions.");

/** The list's filters come from the URL, so a filtered view can be bookmarked and shared. */
const querySchema = z.object({
  q: z.string().max(200).optional().catch(undefined),
  statut: z.enum(REGISTRATION_STATUSES).optional().catch(undefined),
  type: z.enum(STRUCTURE_TYPES).optional().catch(undefined),
  tri: z.enum(REGISTRATION_SORTS).optional().catch(undefined),
  ordre: z.enum(["asc", "desc"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { edition } = requireEditionAccess(context, params.editionId, ORGANISERS);
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const list = listRegistrations(db(), edition.id, {
    q: query.q,
    status: query.statut,
    structureType: query.type,
    sort: query.tri ?? "date",
    direction: query.ordre ?? (query.tri && query.tri !== "date" ? "asc" : "desc"),
    page: query.page,
  });
  return { editionId: edition.id, list, query, may: registrationActionsNow(db(), edition.id) };
}

const actionSchema = z.object({
  intent: z.enum(["confirm", "cancel", "resend", "erase"]),
  registrationId: z.coerce.number().int().positive(),
  back: z.string().max(2000).optional(),
});

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor, edition } = requireEditionAccess(context, params.editionId, ORGANISERS);
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: "Demande incomplète." }, { status: 400 });
  const { intent, registrationId } = parsed.data;
  try {
    if (intent === "confirm") confirmFromWaitlist(actBy(actor), edition.id, registrationId);
    if (intent === "resend") resendConfirmation(actBy(actor), edition.id, registrationId);
    if (intent === "cancel") {
      assertRegistrationOfEdition(db(), edition.id, registrationId);
      cancelRegistration(actBy(actor), registrationId);
    }
    if (intent === "erase") {
      assertRegistrationOfEdition(db(), edition.id, registrationId);
      eraseRegistration(actBy(actor), registrationId);
    }
  } catch (error) {
    if (error instanceof LifecycleError) return data({ error: error.message }, { status: error.status });
    if (!(error instanceof RegistrationActionError)) throw error;
    const status = error.message === "Inscription introuvable." ? 404 : 409;
    return data({ error: error.message }, { status });
  }
  const back = parsed.data.back?.startsWith("?") ? parsed.data.back : "";
  throw await redirectWithFlash(`/admin/editions/${edition.id}/inscriptions${back}`, {
    kind: "success",
    message: DONE[intent],
  });
}

const DONE: Record<z.output<typeof actionSchema>["intent"], string> = {
  confirm: "Inscription confirmée\u00a0; la personne a reçu son invitation.",
  cancel: "Inscription annulée\u00a0; la personne a été prévenue et la liste d’attente a avancé s’il y avait lieu.",
  resend: "Confirmation renvoyée.",
  erase: "Données de la personne effacées (droit à l’effacement)\u00a0; seules restent des statistiques anonymes.",
};

const FILTERS: Filter[] = [
  statusFilter(REGISTRATION_STATUSES, REGISTRATION_STATUS_LABELS),
  { name: "type", label: "Type de structure", all: "Tous", options: labelled(STRUCTURE_TYPES, STRUCTURE_TYPE_LABELS) },
];

export default function Registrations({ loaderData, actionData }: Route.ComponentProps) {
  const { editionId, list, query, may } = loaderData;
  const [params] = useSearchParams();
  const base = `/admin/editions/${editionId}/inscriptions`;
  const keep = new URLSearchParams(params);
  keep.delete("effacer");
  const back = keep.toString() ? `?${keep.toString()}` : "";
  const withParams = (changes: Record<string, string | null>) => {
    const text = changedQuery(keep, changes);
    return text ? `${base}?${text}` : base;
  };
  const sortLink = (key: string, label: string) => {
    const active = (query.tri ?? "date") === key;
    const currentDir = query.ordre ?? (key === "date" ? "desc" : "asc");
    const nextDir = active ? (currentDir === "asc" ? "desc" : "asc") : key === "date" ? "desc" : "asc";
    return (
      <Link to={withParams({ tri: key, ordre: nextDir, page: null })}>
        {label}
        {active ? <span aria-hidden="true">{currentDir === "asc" ? " ▲" : " ▼"}</span> : null}
      </Link>
    );
  };
  const ariaSort = (key: string) =>
    (query.tri ?? "date") === key
      ? (query.ordre ?? (key === "date" ? "desc" : "asc")) === "asc"
        ? "ascending"
        : "descending"
      : undefined;
  const erasing = Number(params.get("effacer"));

  const sortable = (key: string, label: string): DataTableColumn => ({
    key,
    content: sortLink(key, label),
    sort: ariaSort(key),
  });

  return (
    <>
      <h1>Inscriptions</h1>
      <ErrorNotice message={actionData?.error} />
      <FilterForm
        label="Rechercher et filtrer"
        filters={FILTERS}
        values={query}
        keep={{ tri: query.tri, ordre: query.ordre }}
      >
        <div className="field">
          <label htmlFor="q">Rechercher</label>
          <input type="search" id="q" name="q" defaultValue={query.q ?? ""} placeholder="Nom, e-mail, structure" />
        </div>
      </FilterForm>
      <p role="status">
        {list.total} inscription{list.total > 1 ? "s" : ""}
        {list.pages > 1 ? ` — page ${list.page} sur ${list.pages}` : ""}.{" "}
        <a href={`/admin/editions/${editionId}/inscriptions.csv${query.statut ? `?statut=${query.statut}` : ""}`}>
          Exporter en CSV
        </a>
      </p>
      {list.rows.length > 0 ? (
        <DataTable
          label="Inscriptions de l’édition"
          caption="Inscriptions de l’édition"
          columns={[
            sortable("nom", "Nom"),
            sortable("structure", "Structure"),
            "Type",
            sortable("statut", "Statut"),
            sortable("date", "Inscrit·e le"),
            "Actions",
          ]}
        >
          {list.rows.map((row) => {
            const who = `${row.firstName} ${row.lastName}`;
            return (
              <tr key={row.id}>
                <td>
                  {row.lastName.toUpperCase()} {row.firstName}
                  <br />
                  <small>{row.email}</small>
                  {row.accessNeeds ? <CellNote>Besoins&nbsp;: {row.accessNeeds}</CellNote> : null}
                </td>
                <td>
                  {row.organisation}
                  {row.role ? <CellNote>{row.role}</CellNote> : null}
                </td>
                <td>{STRUCTURE_TYPE_LABELS[row.structureType]}</td>
                <td>
                  {REGISTRATION_STATUS_LABELS[row.status]}
                  {row.checkedInAt ? <CellNote>présente</CellNote> : null}
                </td>
                <td>
                  {formatShortDate(row.createdAt)} {formatTime(row.createdAt)}
                </td>
                <td>
                  <RowActions
                    className="row-actions"
                    fields={{ registrationId: row.id, back }}
                    target={`(${who})`}
                    actions={[
                      row.status === "waitlisted" && may.confirm && { intent: "confirm", label: "Confirmer" },
                      row.status === "confirmed" &&
                        may.resend && { intent: "resend", label: "Renvoyer la confirmation" },
                      row.status !== "cancelled" &&
                        may.cancel && { intent: "cancel", label: "Annuler", variant: "secondary" },
                    ]}
                    confirmed={
                      row.firstName !== "(effacé)" && {
                        ask: "Effacer les données",
                        href: withParams({ effacer: String(row.id) }),
                        confirming: erasing === row.id,
                        warning:
                          "Nom, coordonnées et réponses seront effacés et la place libérée\u00a0; seule une ligne anonyme reste dans les comptes. C’est définitif.",
                        cancelHref: withParams({ effacer: null }),
                        action: { intent: "erase", label: "Confirmer l’effacement" },
                      }
                    }
                  />
                </td>
              </tr>
            );
          })}
        </DataTable>
      ) : (
        <p>Aucune inscription ne correspond.</p>
      )}
      {list.pages > 1 ? (
        <nav aria-label="Pagination" className="pagination">
          {list.page > 1 ? <Link to={withParams({ page: String(list.page - 1) })}>Page précédente</Link> : null}
          {list.page < list.pages ? <Link to={withParams({ page: String(list.page + 1) })}>Page suivante</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
