import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "react-router";
import { plural } from "#app/lib/flash.ts";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import type { Route } from "./+types/edit";
import { EditionForm } from "#app/components/edition-form.tsx";
import { ORGANISERS } from "#app/domain/accounts/roles.ts";
import { editionFormDefaults, themeOptions, venueOptions } from "#app/domain/editions/admin.server.ts";
import { saveEditionOnceConfirmed, sendingPreview } from "#app/domain/edition-changes/edition-changes.server.ts";
import { SendingPreview } from "#app/components/sending-preview.tsx";
import { editionSchema } from "#app/forms/edition.ts";
import { requireEditionAccess } from "#app/routes/_shared/admin-edition.server.ts";
import { db } from "#app/lib/db.server.ts";
import { editionFormErrorResponse } from "#app/routes/_shared/edition-form.server.ts";
import { formPageMeta } from "#app/lib/meta.ts";
import { FormPageTitle } from "#app/components/error-summary.tsx";
import { actBy } from "#app/routes/_shared/act.server.ts";

const TITLE = "Informations de l’édition";

export const meta: Route.MetaFunction = () => formPageMeta(TITLE, "Modifier une édition.");

export async function loader({ params, context }: Route.LoaderArgs) {
  const { edition } = requireEditionAccess(context, params.editionId, ORGANISERS);
  return {
    editionId: edition.id,
    cancelled: edition.status === "cancelled",
    defaults: editionFormDefaults(db(), edition),
    venues: venueOptions(db()),
    themes: themeOptions(db()),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor, edition } = requireEditionAccess(context, params.editionId, ORGANISERS);
  const submission = parseWithZod(await request.formData(), { schema: editionSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), preview: null }, { status: 400 });
  try {
    const saved = saveEditionOnceConfirmed(actBy(actor), edition.id, submission.value);
    if (!saved.done) return { result: submission.reply(), preview: sendingPreview(saved.preview) };
    const { notified, promoted, outsideHours } = saved.outcome;
    const told =
      notified > 0
        ? ` ${plural(notified, "personne confirmée prévenue", "personnes confirmées prévenues")} avec une invitation mise à jour.`
        : "";
    const moved =
      promoted > 0
        ? ` ${plural(promoted, "personne confirmée", "personnes confirmées")} depuis la liste d’attente.`
        : "";
    const outside =
      outsideHours > 0
        ? ` Attention\u00a0: ${plural(outsideHours, "séquence du programme sort", "séquences du programme sortent")} des horaires de l’édition\u00a0; l’onglet Programme ${outsideHours > 1 ? "les signale" : "la signale"}.`
        : "";
    throw await redirectWithFlash(`/admin/editions/${edition.id}/modifier`, {
      kind: outsideHours > 0 ? "info" : "success",
      message: `Modifications enregistrées.${told}${moved}${outside}`,
    });
  } catch (error) {
    if (error instanceof Response) throw error;
    return editionFormErrorResponse(submission, error);
  }
}

export default function EditEdition({ loaderData, actionData }: Route.ComponentProps) {
  const { defaults, venues, themes, cancelled } = loaderData;
  return (
    <>
      <FormPageTitle title={TITLE} result={actionData?.result} />
      <h1>Informations</h1>
      {cancelled ? (
        <p className="notice notice--error">Cette édition est annulée&nbsp;: elle ne se modifie plus.</p>
      ) : (
        <EditionForm
          id="edition"
          lastResult={actionData?.result}
          defaultValue={defaults}
          venues={venues}
          themes={themes}
          submitLabel="Enregistrer"
          confirmation={
            actionData?.preview ? (
              <SendingPreview preview={actionData.preview} confirmLabel="Confirmer, enregistrer et envoyer" />
            ) : null
          }
          notice={
            <p className="field__hint">
              Si le titre, la date, les horaires ou le lieu changent, chaque personne confirmée reçoit une invitation
              mise à jour avec la liste des changements.
            </p>
          }
        />
      )}
    </>
  );
}
