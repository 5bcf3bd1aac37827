import type { SubmissionResult } from "@conform-to/react";
import { useServerForm } from "#app/components/use-server-form.ts";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { data, Form, Link, useLocation } from "react-router";
import { plural } from "#app/lib/flash.ts";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import type { Route } from "./+types/import";
import { FileField, SubmitButton } from "#app/components/form-fields.tsx";
import { ORGANISERS } from "#app/domain/accounts/roles.ts";
import {
  applyImport,
  csvColumnsHelp,
  ImportFileError,
  MAX_IMPORT_BYTES,
  openImport,
  previewImport,
  sealImport,
  type ImportPreview,
} from "#app/domain/directory/import.server.ts";
import { importUploadSchema } from "#app/forms/dispositif.ts";
import { db } from "#app/lib/db.server.ts";
import { env } from "#app/lib/env.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { requireActor, requireRole } from "#app/routes/_shared/admin-session.server.ts";
import { DataTable } from "#app/components/data-table.tsx";
import { ErrorNotice } from "#app/components/notice.tsx";
import { ServerForm } from "#app/components/server-form.tsx";
import { TextList } from "#app/components/text-list.tsx";
import { actBy } from "#app/routes/_shared/act.server.ts";

export const meta: Route.MetaFunction = () =>
  pageMeta("Importer des dispositifs", "Importer le répertoire depuis un fichier CSV.");

export async function loader({ context }: Route.LoaderArgs) {
  requireRole(context, ORGANISERS);
  return { columns: csvColumnsHelp(), maxKilobytes: Math.round(MAX_IMPORT_BYTES / 1024) };
}

type ActionData = {
  result?: SubmissionResult<string[]>;
  preview?: ImportPreview;
  sealed?: string;
  fileName?: string;
  notice?: string;
  error?: string;
};

const confirmSchema = z.object({
  intent: z.literal("confirm"),
  sealed: z.string().min(1).max(400_000),
  digest: z.string().regex(/^[0-9a-f]{64}$/),
  fileName: z.string().max(255).optional(),
});

export async function action({ request, context }: Route.ActionArgs) {
  const { user, actor } = requireActor(context, ORGANISERS);
  const { sessionSecret } = env();
  const formData = await request.formData();

  if (formData.get("intent") === "preview") {
    const submission = parseWithZod(formData, { schema: importUploadSchema });
    if (submission.status !== "success") return data<ActionData>({ result: submission.reply() }, { status: 400 });
    const { file } = submission.value;
    const bytes = new Uint8Array(await file.arrayBuffer());
    try {
      const preview = previewImport(db(), bytes);
      return data<ActionData>({ preview, sealed: sealImport(sessionSecret, user.id, bytes), fileName: file.name });
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      return data<ActionData>(
        { result: submission.reply({ fieldErrors: { file: [error.message] } }) },
        { status: 422 },
      );
    }
  }

  const parsed = confirmSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success)
    return data<ActionData>({ error: "Demande incomplète\u00a0: importez le fichier de nouveau." }, { status: 400 });
  const { sealed, digest, fileName } = parsed.data;
  try {
    const bytes = openImport(sessionSecret, user.id, sealed);
    const outcome = applyImport(actBy(actor), bytes, digest);
    if (outcome.status === "stale") {
      return data<ActionData>(
        {
          preview: outcome.preview,
          sealed,
          fileName,
          notice:
            "Le répertoire a changé depuis l’aperçu (une fiche modifiée entre-temps, ou cet import déjà confirmé)\u00a0: rien n’a été importé de plus. Vérifiez ce nouvel aperçu avant de confirmer.",
        },
        { status: 409 },
      );
    }
    throw await redirectWithFlash("/admin/dispositifs", {
      kind: "success",
      message: `Import terminé\u00a0: ${plural(outcome.created, "dispositif créé", "dispositifs créés")}, ${plural(outcome.updated, "modifié", "modifiés")}.`,
    });
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    return data<ActionData>({ error: error.message }, { status: 400 });
  }
}

const STATUS_LABELS: Record<ImportPreview["rows"][number]["status"], string> = {
  new: "Nouveau",
  changed: "Modifié",
  unchanged: "Inchangé",
  invalid: "Invalide",
};

export default function DirectoryImport({ loaderData, actionData }: Route.ComponentProps) {
  const { columns, maxKilobytes } = loaderData;
  const location = useLocation();
  const result = actionData as ActionData | undefined;
  return (
    <>
      <p>
        <Link to="/admin/dispositifs">Retour au répertoire</Link>
      </p>
      <h1>Importer des dispositifs</h1>
      <ErrorNotice message={result?.error} />
      {result?.preview && result.sealed ? (
        <Preview
          preview={result.preview}
          sealed={result.sealed}
          fileName={result.fileName ?? ""}
          notice={result.notice ?? null}
        />
      ) : null}

      <section aria-labelledby="fichier">
        <h2 id="fichier">{result?.preview ? "Importer un autre fichier" : "Choisir le fichier"}</h2>
        <p>
          Enregistrez votre tableur au format CSV (séparateur point-virgule ou virgule, UTF-8 ou Windows),{" "}
          {maxKilobytes}&nbsp;Ko au maximum. Rien n’est enregistré avant votre confirmation&nbsp;: vous verrez d’abord,
          ligne par ligne, ce que l’import créerait ou modifierait. Importer deux fois le même fichier ne change rien.
          Le plus simple pour commencer&nbsp;: <a href="/admin/dispositifs/export.csv">exporter le répertoire</a>, le
          modifier, puis l’importer.
        </p>
        {/* Remounted after each navigation: Conform keeps per-form state that must not outlive a submission. */}
        <UploadForm key={location.key} lastResult={result?.result} />
      </section>

      <section aria-labelledby="colonnes">
        <h2 id="colonnes">Colonnes du fichier</h2>
        <p>
          La première ligne porte les noms des colonnes, dans n’importe quel ordre (accents et majuscules ignorés). Une
          colonne absente du fichier ne change rien aux fiches existantes&nbsp;; une case vide efface la valeur. Un
          dispositif est reconnu à son identifiant, ou sinon à son nom et à son opérateur.
        </p>
        <DataTable
          label="Colonnes reconnues par l’import"
          caption="Colonnes reconnues par l’import"
          columns={["Colonne", "Contenu"]}
        >
          {columns.map((column) => (
            <tr key={column.header}>
              <th scope="row">
                {column.header}
                {column.required ? <span className="visually-hidden"> (obligatoire)</span> : null}
              </th>
              <td>{column.help}</td>
            </tr>
          ))}
        </DataTable>
      </section>
    </>
  );
}

function Preview({
  preview,
  sealed,
  fileName,
  notice,
}: {
  preview: ImportPreview;
  sealed: string;
  fileName: string;
  notice: string | null;
}) {
  const { counts } = preview;
  const writes = counts.new + counts.changed;
  return (
    <section aria-labelledby="apercu" className="import-preview">
      <h2 id="apercu">Aperçu de l’import</h2>
      {notice ? (
        <p className="notice notice--warn" role="alert">
          {notice}
        </p>
      ) : null}
      <p role="status">
        {fileName ? <>Fichier «&nbsp;{fileName}&nbsp;», </> : null}
        lu en {preview.encoding === "utf-8" ? "UTF-8" : "Windows-1252"}, séparateur «&nbsp;
        {preview.delimiter === "\t" ? "tabulation" : preview.delimiter}&nbsp;»&nbsp;:{" "}
        {plural(counts.new, "nouveau", "nouveaux")}, {plural(counts.changed, "modifié", "modifiés")},{" "}
        {plural(counts.unchanged, "inchangé", "inchangés")},{" "}
        {plural(counts.invalid, "ligne invalide", "lignes invalides")}.
      </p>
      {preview.ignoredHeaders.length ? (
        <p className="notice notice--warn">
          Colonne{preview.ignoredHeaders.length > 1 ? "s" : ""} ignorée{preview.ignoredHeaders.length > 1 ? "s" : ""}
          &nbsp;: {preview.ignoredHeaders.map((h) => `«\u00a0${h}\u00a0»`).join(", ")}.
        </p>
      ) : null}
      {preview.rows.length ? (
        <DataTable
          label="Ce que l’import ferait"
          caption="Ce que l’import ferait, ligne par ligne"
          className="import-table"
          columns={["Ligne", "Dispositif", "Résultat", "Détail"]}
        >
          {preview.rows.map((row) => (
            <tr key={row.line} className={`import-row import-row--${row.status}`}>
              <td>{row.line}</td>
              <th scope="row">{row.name ?? "(sans nom)"}</th>
              <td>
                <span className={`badge badge--${row.status}`}>{STATUS_LABELS[row.status]}</span>
              </td>
              <td>
                {row.status === "invalid" ? <TextList className="plain-list" items={row.reasons} /> : null}
                {row.status === "changed" ? (
                  <ul className="plain-list">
                    {row.changes.map((change) => (
                      <li key={change.field}>
                        {change.label}&nbsp;: {change.from} → {change.to}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {row.status === "new" ? `${row.category}, ${row.operator}` : null}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p>Le fichier ne contient aucune ligne de données.</p>
      )}
      {writes > 0 ? (
        <Form method="post" className="import-confirm">
          <input type="hidden" name="intent" value="confirm" />
          <input type="hidden" name="sealed" value={sealed} />
          <input type="hidden" name="digest" value={preview.digest} />
          <input type="hidden" name="fileName" value={fileName} />
          {counts.invalid > 0 ? (
            <p className="notice notice--warn">
              Les lignes invalides seront ignorées&nbsp;: corrigez-les dans le fichier, puis importez-le de nouveau (les
              lignes déjà importées resteront inchangées).
            </p>
          ) : null}
          <div className="button-row">
            <button type="submit" className="button">
              Confirmer l’import ({plural(counts.new, "nouveau", "nouveaux")},{" "}
              {plural(counts.changed, "modifié", "modifiés")})
            </button>
            <Link to="/admin/dispositifs">Annuler</Link>
          </div>
        </Form>
      ) : (
        <p className="notice notice--ok">
          Rien à importer&nbsp;: le répertoire est déjà à jour pour toutes les lignes valides.
        </p>
      )}
    </section>
  );
}

function UploadForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const [form, fields] = useServerForm(importUploadSchema, {
    id: "import-fichier",
    lastResult,
  });
  return (
    <ServerForm form={form} intent="preview" encType="multipart/form-data">
      <FileField
        field={fields.file}
        label="Fichier CSV"
        hint="Un fichier .csv exporté d’Excel, de LibreOffice ou de ce site."
        accept=".csv,text/csv"
      />
      <SubmitButton>Voir l’aperçu</SubmitButton>
    </ServerForm>
  );
}
