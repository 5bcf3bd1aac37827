import { useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { data, Link, useLocation } from "react-router";
import { plural } from "#app/lib/flash.ts";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import type { Route } from "./+types/list";
import { ExampleBadge } from "#app/components/directory.tsx";
import { SubmitButton, TextField } from "#app/components/form-fields.tsx";
import { ORGANISERS } from "#app/domain/accounts/roles.ts";
import {
  DispositifError,
  listDispositifsAdmin,
  markDirectoryYear,
  setDispositifRetired,
} from "#app/domain/directory/dispositifs.server.ts";
import { DISPOSITIF_CATEGORIES, DISPOSITIF_CATEGORY_LABELS } from "#app/domain/shared/vocabulary.ts";
import { directoryYearSchema } from "#app/forms/dispositif.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { requireActor, requireRole } from "#app/routes/_shared/admin-session.server.ts";
import { DataTable } from "#app/components/data-table.tsx";
import { RowActionForm } from "#app/components/row-action-form.tsx";
import { ErrorNotice } from "#app/components/notice.tsx";
import { ServerForm } from "#app/components/server-form.tsx";
import { actBy } from "#app/routes/_shared/act.server.ts";

export const meta: Route.MetaFunction = () => pageMeta("Dispositifs", "Le répertoire des dispositifs d’aller-vers.");

export async function loader({ context }: Route.LoaderArgs) {
  requireRole(context, ORGANISERS);
  return listDispositifsAdmin(db());
}

const retireSchema = z.object({
  intent: z.enum(["retire", "unretire"]),
  dispositifId: z.coerce.number().int().positive(),
});

export async function action({ request, context }: Route.ActionArgs) {
  const { actor } = requireActor(context, ORGANISERS);
  const formData = await request.formData();
  if (formData.get("intent") === "mark-year") {
    const submission = parseWithZod(formData, { schema: directoryYearSchema });
    if (submission.status !== "success") return data({ result: submission.reply(), error: null }, { status: 400 });
    const changed = markDirectoryYear(actBy(actor), submission.value.year);
    throw await redirectWithFlash("/admin/dispositifs", {
      kind: "success",
      message: `Répertoire marqué «\u00a0Référentiel\u00a0${submission.value.year}\u00a0»\u00a0: ${plural(changed, "fiche mise", "fiches mises")} à jour.`,
    });
  }
  const parsed = retireSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return data({ result: undefined, error: "Demande incomplète." }, { status: 400 });
  try {
    setDispositifRetired(actBy(actor), parsed.data.dispositifId, parsed.data.intent === "retire");
  } catch (error) {
    if (!(error instanceof DispositifError)) throw error;
    return data({ result: undefined, error: error.message }, { status: error.status });
  }
  throw await redirectWithFlash(`/admin/dispositifs#dispositif-${parsed.data.dispositifId}`, {
    kind: "success",
    message:
      parsed.data.intent === "retire"
        ? "Dispositif retiré du répertoire public."
        : "Dispositif remis au répertoire public.",
  });
}

export default function DispositifsAdmin({ loaderData, actionData }: Route.ComponentProps) {
  const { rows, counts, year, newCorrections } = loaderData;
  const location = useLocation();
  return (
    <>
      <h1>Répertoire des dispositifs</h1>
      <ErrorNotice message={actionData?.error} />
      <p>
        {counts.total}&nbsp;dispositif{counts.total > 1 ? "s" : ""} au répertoire public&nbsp;:{" "}
        {DISPOSITIF_CATEGORIES.map(
          (c) => `${counts.byCategory[c]}\u00a0en ${DISPOSITIF_CATEGORY_LABELS[c].toLowerCase()}`,
        ).join(", ")}
        .{year ? ` Édition en cours\u00a0: Référentiel\u00a0${year}.` : ""}
      </p>
      <div className="button-row">
        <Link className="button" to="/admin/dispositifs/nouveau">
          Nouveau dispositif
        </Link>
        <Link className="button button--secondary" to="/admin/dispositifs/import">
          Importer un fichier CSV
        </Link>
        <a className="button button--secondary" href="/admin/dispositifs/export.csv" download>
          Exporter en CSV
        </a>
        <Link className="button button--secondary" to="/admin/dispositifs/corrections">
          Demandes de correction
          {newCorrections > 0 ? ` (${newCorrections}\u00a0nouvelle${newCorrections > 1 ? "s" : ""})` : ""}
        </Link>
        <Link to="/dispositifs">Voir le répertoire public</Link>
      </div>

      <section aria-labelledby="referentiel">
        <h2 id="referentiel">Référentiel de l’année</h2>
        <p>
          Chaque fiche porte l’année du référentiel pour lequel elle a été vérifiée (le champ «&nbsp;Référentiel&nbsp;»
          de la fiche, ou la colonne du même nom dans le fichier CSV). Une fois tout le répertoire relu, marquez-le d’un
          coup pour la nouvelle année&nbsp;: les dispositifs retirés ne changent pas.
        </p>
        <YearForm key={location.key} lastResult={actionData?.result} defaultYear={year} />
      </section>

      <section aria-labelledby="liste">
        <h2 id="liste">Les dispositifs</h2>
        {rows.length === 0 ? (
          <p>Aucun dispositif pour le moment&nbsp;: créez-en un ou importez un fichier.</p>
        ) : (
          <DataTable
            label="Dispositifs"
            caption="Dispositifs, par catégorie puis par nom, retirés compris"
            columns={["Nom", "Catégorie", "Opérateur", "Référentiel", "Statut", "Actions"]}
          >
            {rows.map((row) => (
              <tr key={row.id} id={`dispositif-${row.id}`}>
                <th scope="row">
                  <Link to={`/admin/dispositifs/${row.id}`}>{row.name}</Link>
                  {row.isExample ? (
                    <>
                      {" "}
                      <ExampleBadge />
                    </>
                  ) : null}
                </th>
                <td>{[DISPOSITIF_CATEGORY_LABELS[row.category], row.subCategory].filter(Boolean).join(" · ")}</td>
                <td>{row.operator}</td>
                <td>{row.year ?? "—"}</td>
                <td>
                  {row.retired ? "Retiré" : "Au répertoire"}
                  {row.newCorrections > 0 ? (
                    <>
                      <br />
                      <Link to="/admin/dispositifs/corrections">
                        {row.newCorrections}&nbsp;correction{row.newCorrections > 1 ? "s" : ""} à traiter
                      </Link>
                    </>
                  ) : null}
                </td>
                <td>
                  <RowActionForm
                    intent={row.retired ? "unretire" : "retire"}
                    fields={{ dispositifId: row.id }}
                    label={row.retired ? "Remettre au répertoire" : "Retirer"}
                    target={<>«&nbsp;{row.name}&nbsp;»</>}
                    variant="secondary"
                  />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </>
  );
}

function YearForm({
  lastResult,
  defaultYear,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaultYear: number | null;
}) {
  const [form, fields] = useForm({
    id: "referentiel-annee",
    lastResult,
    defaultValue: { year: defaultYear ? String(defaultYear) : "" },
  });
  return (
    <ServerForm form={form} intent="mark-year" className="form form--inline">
      <TextField field={fields.year} label="Année du référentiel" type="number" required />
      <SubmitButton>Marquer tout le répertoire</SubmitButton>
    </ServerForm>
  );
}
