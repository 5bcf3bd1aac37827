import { z } from "zod";
import { data, Link } from "react-router";
import { plural } from "#app/lib/flash.ts";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import type { Route } from "./+types/list";
import { formatScore } from "#app/components/score.tsx";
import { EVERY_ROLE, ORGANISERS } from "#app/domain/accounts/roles.ts";
import { listContributions } from "#app/domain/contributions/admin.server.ts";
import { notifyDecisions, pendingDecisionCount } from "#app/domain/contributions/decisions.server.ts";
import { tablesRondes } from "#app/domain/contributions/submissions.server.ts";
import {
  CONTRIBUTION_FORMAT_LABELS,
  CONTRIBUTION_FORMATS,
  CONTRIBUTION_STATUS_LABELS,
  CONTRIBUTION_STATUSES,
} from "#app/domain/shared/vocabulary.ts";
import { requireEditionAccess } from "#app/routes/_shared/admin-edition.server.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { formatShortDate } from "#app/lib/time.ts";
import { CellNote, DataTable } from "#app/components/data-table.tsx";
import { ErrorNotice } from "#app/components/notice.tsx";
import { FilterForm, labelled, statusFilter, type Filter } from "#app/components/filters.tsx";
import { IntentButton } from "#app/components/row-action-form.tsx";
import { actBy } from "#app/routes/_shared/act.server.ts";

export const meta: Route.MetaFunction = () =>
  pageMeta("Contributions de l’édition", "Appel à contributions : propositions, évaluations et décisions.");

/** Filters live in the URL, so a filtered view can be bookmarked and shared. */
const querySchema = z.object({
  statut: z.enum(CONTRIBUTION_STATUSES).optional().catch(undefined),
  format: z.enum(CONTRIBUTION_FORMATS).optional().catch(undefined),
  seance: z
    .union([z.literal("aucune"), z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER)])
    .optional()
    .catch(undefined),
});

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { user, edition } = requireEditionAccess(context, params.editionId, EVERY_ROLE);
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const rows = listContributions(
    db(),
    edition.id,
    { status: query.statut, format: query.format, wishedSessionId: query.seance === "aucune" ? "none" : query.seance },
    { id: user.id, role: user.role },
  );
  const organiser = user.role !== "reviewer";
  return {
    editionId: edition.id,
    rows,
    query,
    tablesRondes: tablesRondes(db(), edition.id).map(({ id, title }) => ({ id, title })),
    organiser,
    pending: organiser ? pendingDecisionCount(db(), edition.id) : 0,
  };
}

const actionSchema = z.object({ intent: z.literal("notify") });

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor, edition } = requireEditionAccess(context, params.editionId, ORGANISERS);
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: "Demande incomplète." }, { status: 400 });
  const report = notifyDecisions(actBy(actor), edition.id);
  const sent =
    report.notified > 0
      ? `${plural(report.notified, "réponse envoyée", "réponses envoyées")} dans la file des courriels.`
      : "Aucune décision n’attendait d’être envoyée\u00a0: rien n’est parti une seconde fois.";
  const skipped =
    report.skipped > 0
      ? ` ${plural(report.skipped, "acceptation", "acceptations")} sans séquence (supprimée du programme depuis) à reprendre.`
      : "";
  throw await redirectWithFlash(`/admin/editions/${edition.id}/contributions`, {
    kind: "success",
    message: `${sent}${skipped}`,
  });
}

const FILTERS: Filter[] = [
  statusFilter(CONTRIBUTION_STATUSES, CONTRIBUTION_STATUS_LABELS),
  { name: "format", label: "Format", all: "Tous", options: labelled(CONTRIBUTION_FORMATS, CONTRIBUTION_FORMAT_LABELS) },
];

export default function ContributionList({ loaderData, actionData }: Route.ComponentProps) {
  const { editionId, rows, query, tablesRondes, organiser, pending } = loaderData;
  const base = `/admin/editions/${editionId}/contributions`;
  return (
    <>
      <h1>Contributions</h1>
      <ErrorNotice message={actionData?.error} />
      {organiser ? (
        <section aria-labelledby="reponses" className="notify-box">
          <h2 id="reponses">Réponses aux intervenants</h2>
          {pending > 0 ? (
            <>
              <p>
                {pending}&nbsp;décision{pending > 1 ? "s" : ""} prise{pending > 1 ? "s" : ""} et pas encore envoyée
                {pending > 1 ? "s" : ""}. Les réponses partent toutes ensemble, une seule fois chacune&nbsp;: les
                contributions retenues avec leur séquence et une invitation d’agenda, les autres avec votre message. Les
                intervenants retenus n’apparaissent dans le programme public qu’à cet envoi.
              </p>
              <IntentButton intent="notify">Notifier toutes les décisions</IntentButton>
            </>
          ) : (
            <p>Aucune décision en attente d’envoi.</p>
          )}
        </section>
      ) : (
        <p>
          Donnez votre note à chaque contribution&nbsp;: les notes des autres personnes qui relisent s’affichent une
          fois la vôtre donnée.
        </p>
      )}

      <FilterForm
        label="Filtrer les contributions"
        filters={[
          ...FILTERS,
          {
            name: "seance",
            label: "Table ronde souhaitée",
            all: "Toutes",
            before: [{ key: "aucune", label: "Sans préférence" }],
            options: tablesRondes.map((session) => ({ key: String(session.id), label: session.title })),
          },
        ]}
        values={query}
      />

      <p role="status">
        {rows.length} contribution{rows.length > 1 ? "s" : ""}
        {query.statut || query.format || query.seance !== undefined ? (
          <>
            {" "}
            · <Link to={base}>Voir toutes les contributions</Link>
          </>
        ) : null}
      </p>
      {rows.length > 0 ? (
        <DataTable
          label="Contributions proposées pour l’édition"
          caption="Contributions proposées pour l’édition"
          className="contributions-table"
          columns={[
            "Contribution",
            "Proposée par",
            "Format",
            "Table ronde souhaitée",
            "Statut",
            "Note moyenne",
            "Ma note",
          ]}
        >
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row">
                <Link to={`${base}/${row.id}`}>{row.title}</Link>
                <br />
                <small>Reçue le {formatShortDate(row.createdAt)}</small>
              </th>
              <td>
                {row.submitterName}
                {row.submitterOrganisation ? <CellNote>{row.submitterOrganisation}</CellNote> : null}
              </td>
              <td>{CONTRIBUTION_FORMAT_LABELS[row.format]}</td>
              <td>{row.wishedSessionTitle ?? "Sans préférence"}</td>
              <td>
                {CONTRIBUTION_STATUS_LABELS[row.status]}
                {row.acceptedSessionTitle ? <CellNote>{row.acceptedSessionTitle}</CellNote> : null}
                {(row.status === "accepted" || row.status === "declined") && organiser ? (
                  <CellNote>{row.decisionNotified ? "réponse envoyée" : "réponse à envoyer"}</CellNote>
                ) : null}
                {row.locked && row.status === "submitted" ? <CellNote>modification verrouillée</CellNote> : null}
              </td>
              <td>
                {row.stats ? (
                  <>
                    {formatScore(row.stats.mean)}&nbsp;/&nbsp;5
                    <br />
                    <small>
                      {row.stats.count}&nbsp;avis, écart {row.stats.spread}
                    </small>
                  </>
                ) : row.reviewCount > 0 ? (
                  <small>visible après votre note</small>
                ) : (
                  <small>aucun avis</small>
                )}
              </td>
              <td>{row.myScore ?? <small>à donner</small>}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p>Aucune contribution ne correspond.</p>
      )}
    </>
  );
}
