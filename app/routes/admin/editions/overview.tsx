import { useServerForm } from "#app/components/use-server-form.ts";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form } from "react-router";
import { plural } from "#app/lib/flash.ts";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import type { Route } from "./+types/overview";
import { ColumnChart, HorizontalBarChart } from "#app/components/bar-chart.tsx";
import { CheckboxField } from "#app/components/form-fields.tsx";
import { ORGANISERS } from "#app/domain/accounts/roles.ts";
import { allowedTransitions, EditionFormError, setEditionStatus } from "#app/domain/editions/admin.server.ts";
import { LifecycleError } from "#app/domain/editions/lifecycle.ts";
import { registrationsPerDay, registrationsPerStructureType } from "#app/domain/registrations/stats.server.ts";
import { registrationCounts } from "#app/domain/registrations/registrations.server.ts";
import { EDITION_STATUS_ACTIONS, type EditionStatus, STRUCTURE_TYPE_LABELS } from "#app/domain/shared/vocabulary.ts";
import { cancelEditionOnceConfirmed, sendingPreview } from "#app/domain/edition-changes/edition-changes.server.ts";
import { SendingPreview } from "#app/components/sending-preview.tsx";
import { cancelEditionSchema } from "#app/forms/edition-admin.ts";
import { editionStatusSchema } from "#app/forms/edition.ts";
import { requireEditionAccess } from "#app/routes/_shared/admin-edition.server.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { StatList } from "#app/components/stat-list.tsx";
import { ServerForm } from "#app/components/server-form.tsx";
import { actBy } from "#app/routes/_shared/act.server.ts";

export const meta: Route.MetaFunction = () => pageMeta("Vue d’ensemble de l’édition", "Suivi d’une édition.");

export async function loader({ params, context }: Route.LoaderArgs) {
  const { edition } = requireEditionAccess(context, params.editionId, ORGANISERS);
  return {
    edition: { id: edition.id, slug: edition.slug, status: edition.status, capacity: edition.capacity },
    transitions: allowedTransitions(edition.status),
    counts: registrationCounts(db(), edition.id),
    perDay: registrationsPerDay(db(), edition.id),
    perType: registrationsPerStructureType(db(), edition.id),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor, edition } = requireEditionAccess(context, params.editionId, ORGANISERS);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const back = `/admin/editions/${edition.id}`;

  if (intent === "status") {
    const submission = parseWithZod(formData, { schema: editionStatusSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    try {
      setEditionStatus(actBy(actor), edition.id, submission.value.status);
    } catch (error) {
      if (!(error instanceof EditionFormError)) throw error;
      return data({ intent, result: submission.reply({ formErrors: [error.message] }) }, { status: 409 });
    }
    throw await redirectWithFlash(back, { kind: "success", message: STATUS_DONE[submission.value.status] });
  }

  if (intent === "cancel-edition") {
    const submission = parseWithZod(formData, { schema: cancelEditionSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    let cancelled;
    try {
      cancelled = cancelEditionOnceConfirmed(actBy(actor), edition.id, submission.value.confirmation);
    } catch (error) {
      if (!(error instanceof LifecycleError)) throw error;
      return data({ intent, result: submission.reply({ formErrors: [error.message] }) }, { status: error.status });
    }
    if (!cancelled.done) return { intent, result: submission.reply(), preview: sendingPreview(cancelled.preview) };
    const { notified } = cancelled.outcome;
    throw await redirectWithFlash(back, {
      kind: "success",
      message: `Édition annulée\u00a0; ${plural(notified, "personne prévenue", "personnes prévenues")}.`,
    });
  }

  throw data({ title: "Action inconnue" }, { status: 400 });
}

const STATUS_DONE: Record<Exclude<EditionStatus, "cancelled">, string> = {
  published: "Édition publiée\u00a0: elle est visible du public.",
  draft: "L’édition est repassée en brouillon\u00a0: elle n’est plus visible du public.",
  held: "Édition marquée comme tenue.",
  archived: "Édition archivée.",
};

export default function EditionOverview({ loaderData, actionData }: Route.ComponentProps) {
  const { edition, transitions, counts, perDay, perType } = loaderData;
  const statusResult = actionData?.intent === "status" ? actionData.result : undefined;
  const statusError = statusResult?.error?.[""];
  const [cancelForm, cancelFields] = useServerForm(cancelEditionSchema, {
    id: "annulation",
    lastResult: actionData?.intent === "cancel-edition" ? actionData.result : undefined,
  });
  const seatsLeft = Math.max(0, edition.capacity - counts.confirmed);

  return (
    <>
      <h1>Vue d’ensemble</h1>
      <section aria-labelledby="chiffres">
        <h2 id="chiffres">Inscriptions</h2>
        <StatList
          items={[
            { label: "Confirmées", value: counts.confirmed },
            { label: "Liste d’attente", value: counts.waitlisted },
            { label: "Annulées", value: counts.cancelled },
            { label: "Présentes", value: counts.checkedIn },
            {
              label: "Places restantes",
              value: (
                <>
                  {seatsLeft} / {edition.capacity}
                </>
              ),
            },
          ]}
        />
        <p>
          <a href={`/admin/editions/${edition.id}/inscriptions`}>Voir la liste des inscriptions</a> ·{" "}
          <a href={`/admin/editions/${edition.id}/inscriptions.csv`}>Exporter en CSV</a> ·{" "}
          <a href={`/admin/editions/${edition.id}/emargement`}>Feuille d’émargement</a> ·{" "}
          <a href={`/admin/editions/${edition.id}/badges.pdf`}>Badges (PDF)</a>
        </p>
        <div className="charts">
          {perDay.length > 0 ? (
            <ColumnChart
              title="Inscriptions par jour"
              unit="Inscriptions"
              data={perDay.map((d) => ({ label: `${d.day.slice(8, 10)}/${d.day.slice(5, 7)}`, value: d.count }))}
            />
          ) : (
            <p>Aucune inscription pour le moment.</p>
          )}
          <HorizontalBarChart
            title="Inscriptions actives par type de structure"
            unit="Inscriptions"
            data={perType.map((d) => ({ label: STRUCTURE_TYPE_LABELS[d.type], value: d.count }))}
          />
        </div>
      </section>

      {transitions.length > 0 ? (
        <section aria-labelledby="statut-titre">
          <h2 id="statut-titre">Statut</h2>
          <div className="button-row">
            {transitions.map((status) => (
              <Form method="post" key={status}>
                <input type="hidden" name="intent" value="status" />
                <input type="hidden" name="status" value={status} />
                <button
                  type="submit"
                  className="button button--secondary"
                  aria-describedby={statusError ? "statut-erreur" : undefined}
                >
                  {EDITION_STATUS_ACTIONS[status]}
                </button>
              </Form>
            ))}
          </div>
          {statusError ? (
            <div className="notice notice--error" role="alert" id="statut-erreur">
              {statusError.map((message) => (
                <p key={message}>{message}</p>
              ))}
            </div>
          ) : null}
          <p className="field__hint">
            Publiée&nbsp;: visible du public et ouverte aux inscriptions selon ses dates. Tenue&nbsp;: la journée a eu
            lieu. Archivée&nbsp;: rangée dans les éditions passées.
          </p>
        </section>
      ) : null}

      {edition.status !== "cancelled" ? (
        <section aria-labelledby="annuler-titre">
          <h2 id="annuler-titre">Annuler l’édition</h2>
          <p>
            Chaque personne inscrite reçoit un e-mail&nbsp;; les personnes confirmées reçoivent aussi une annulation qui
            retire l’événement de leur agenda. Cette action est définitive.
          </p>
          <ServerForm form={cancelForm} intent="cancel-edition">
            <CheckboxField field={cancelFields.confirm} label="Je confirme l’annulation de cette édition." />
            {actionData?.intent === "cancel-edition" && "preview" in actionData && actionData.preview ? (
              <SendingPreview
                preview={actionData.preview}
                confirmLabel="Confirmer l’annulation et prévenir ces personnes"
                danger
              />
            ) : (
              <div>
                <button type="submit" className="button button--danger">
                  Annuler l’édition
                </button>
              </div>
            )}
          </ServerForm>
        </section>
      ) : null}
    </>
  );
}
