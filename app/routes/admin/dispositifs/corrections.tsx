import { z } from "zod";
import { data, Link, useSearchParams } from "react-router";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import type { Route } from "./+types/corrections";
import { ORGANISERS } from "#app/domain/accounts/roles.ts";
import {
  correctionCounts,
  DispositifError,
  listCorrections,
  setCorrectionStatus,
} from "#app/domain/directory/dispositifs.server.ts";
import { eraseCorrection } from "#app/domain/privacy/privacy.server.ts";
import { HANDLED_CORRECTION_DAYS } from "#app/domain/shared/retention.ts";
import {
  CORRECTION_STATUS_LABELS,
  CORRECTION_STATUSES,
  DISPOSITIF_CORRECTION_FIELD_LABELS,
} from "#app/domain/shared/vocabulary.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { requireActor, requireRole } from "#app/routes/_shared/admin-session.server.ts";
import { formatDateTime } from "#app/lib/time.ts";
import { DataTable } from "#app/components/data-table.tsx";
import { RowActions } from "#app/components/row-action-form.tsx";
import { ErrorNotice } from "#app/components/notice.tsx";
import { actBy } from "#app/routes/_shared/act.server.ts";

export const meta: Route.MetaFunction = () =>
  pageMeta("Demandes de correction", "Les corrections du répertoire demandées par les structures.");

const querySchema = z.object({ statut: z.enum([...CORRECTION_STATUSES, "toutes"]).catch("new") });

export async function loader({ request, context }: Route.LoaderArgs) {
  requireRole(context, ORGANISERS);
  const { statut } = querySchema.parse({ statut: new URL(request.url).searchParams.get("statut") ?? "new" });
  return {
    statut,
    counts: correctionCounts(db()),
    corrections: listCorrections(db(), statut === "toutes" ? undefined : statut),
  };
}

const filterSchema = z.enum([...CORRECTION_STATUSES, "toutes"]).catch("new");
const actionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("status"),
    correctionId: z.coerce.number().int().positive(),
    status: z.enum(CORRECTION_STATUSES),
    statut: filterSchema,
  }),
  z.object({ intent: z.literal("erase"), correctionId: z.coerce.number().int().positive(), statut: filterSchema }),
]);

export async function action({ request, context }: Route.ActionArgs) {
  const { actor } = requireActor(context, ORGANISERS);
  const form = Object.fromEntries(await request.formData());
  // Forms rendered before the erase button existed post no intent.
  const parsed = actionSchema.safeParse({ intent: "status", ...form });
  if (!parsed.success) return data({ error: "Demande incomplète." }, { status: 400 });
  const input = parsed.data;
  if (input.intent === "erase") {
    if (!eraseCorrection(actBy(actor), input.correctionId))
      return data({ error: "Demande de correction introuvable." }, { status: 404 });
    throw await redirectWithFlash(`/admin/dispositifs/corrections?statut=${input.statut}`, {
      kind: "success",
      message: "Demande effacée, avec les courriels qui l’ont transmise.",
    });
  }
  try {
    setCorrectionStatus(actBy(actor), input.correctionId, input.status);
  } catch (error) {
    if (!(error instanceof DispositifError)) throw error;
    return data({ error: error.message }, { status: error.status });
  }
  throw await redirectWithFlash(`/admin/dispositifs/corrections?statut=${input.statut}`, {
    kind: "success",
    message: input.status === "done" ? "Demande marquée comme traitée." : "Demande rouverte.",
  });
}

const FILTERS = [
  { value: "new", label: "Nouvelles" },
  { value: "done", label: "Traitées" },
  { value: "toutes", label: "Toutes" },
] as const;

export default function Corrections({ loaderData, actionData }: Route.ComponentProps) {
  const { statut, counts, corrections } = loaderData;
  const [params] = useSearchParams();
  const erasing = Number(params.get("effacer"));
  return (
    <>
      <p>
        <Link to="/admin/dispositifs">Retour au répertoire</Link>
      </p>
      <h1>Demandes de correction</h1>
      <p>
        Envoyées depuis le formulaire «&nbsp;Signaler une correction&nbsp;» des fiches publiques. Chaque demande est
        aussi arrivée par e-mail aux organisateurs. Corrigez la fiche si besoin, puis marquez la demande comme traitée.
      </p>
      <p>
        Une demande traitée est effacée automatiquement {HANDLED_CORRECTION_DAYS}&nbsp;jours plus tard, avec les
        courriels qui l’ont transmise. Si la personne le demande, effacez-la tout de suite.
      </p>
      <ErrorNotice message={actionData?.error} />
      <nav aria-label="Filtrer par statut">
        <ul className="filter-list">
          {FILTERS.map((filter) => (
            <li key={filter.value}>
              <Link to={`?statut=${filter.value}`} aria-current={statut === filter.value ? "page" : undefined}>
                {filter.label} ({filter.value === "toutes" ? counts.new + counts.done : counts[filter.value]})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {corrections.length === 0 ? (
        <p>Aucune demande {statut === "new" ? "à traiter" : statut === "done" ? "traitée" : "pour le moment"}.</p>
      ) : (
        <DataTable
          label="Demandes de correction"
          caption="Demandes de correction, les plus récentes d’abord"
          columns={["Reçue le", "Dispositif", "Champ", "Correction", "Demandée par", "Statut", "Action"]}
        >
          {corrections.map((correction) => (
            <tr key={correction.id}>
              <td>{formatDateTime(correction.createdAt)}</td>
              <th scope="row">
                <Link to={`/admin/dispositifs/${correction.dispositif.id}`}>{correction.dispositif.name}</Link>
                {correction.dispositif.retiredAt ? " (retiré)" : ""}
              </th>
              <td>{DISPOSITIF_CORRECTION_FIELD_LABELS[correction.field]}</td>
              <td className="correction-message">{correction.message}</td>
              <td>
                {correction.requesterName}
                <br />
                <a href={`mailto:${correction.requesterEmail}`}>{correction.requesterEmail}</a>
              </td>
              <td>
                {CORRECTION_STATUS_LABELS[correction.status]}
                {correction.status === "done" && correction.handledAt ? (
                  <>
                    <br />
                    <span className="field__hint">
                      le {formatDateTime(correction.handledAt)}
                      {correction.handledBy ? ` par ${correction.handledBy}` : ""}
                    </span>
                  </>
                ) : null}
              </td>
              <td>
                <RowActions
                  className="button-row"
                  fields={{ correctionId: correction.id, statut }}
                  target={<>(demande sur «&nbsp;{correction.dispositif.name}&nbsp;»)</>}
                  actions={[
                    {
                      intent: "status",
                      label: correction.status === "new" ? "Marquer comme traitée" : "Rouvrir",
                      variant: "secondary",
                      fields: { status: correction.status === "new" ? "done" : "new" },
                    },
                  ]}
                  confirmed={{
                    ask: "Effacer",
                    href: `?statut=${statut}&effacer=${correction.id}`,
                    confirming: erasing === correction.id,
                    warning:
                      "La demande et les coordonnées de la personne qui l’a faite seront effacées. C’est définitif.",
                    cancelHref: `?statut=${statut}`,
                    action: { intent: "erase", label: "Confirmer l’effacement", variant: "danger" },
                  }}
                />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
