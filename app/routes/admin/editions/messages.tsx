import { useServerForm } from "#app/components/use-server-form.ts";
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useEffect, useState } from "react";
import { data, redirect, useRevalidator, useSearchParams } from "react-router";
import type { Route } from "./+types/messages";
import { CheckboxGroupField, FormError, TextAreaField, TextField } from "#app/components/form-fields.tsx";
import { ORGANISERS } from "#app/domain/accounts/roles.ts";
import {
  batchProgress,
  newMessageKey,
  recentBatches,
  recipientCount,
  sendEditionMessage,
} from "#app/domain/registrations/organiser-messages.server.ts";
import { messageSchema } from "#app/forms/message.ts";
import { requireEditionAccess } from "#app/routes/_shared/admin-edition.server.ts";
import { db } from "#app/lib/db.server.ts";
import { renderMarkdown } from "#app/lib/markdown.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { frenchTypography } from "#app/lib/typography.ts";
import { formatDateTime } from "#app/lib/time.ts";
import { ServerForm } from "#app/components/server-form.tsx";
import { actBy } from "#app/routes/_shared/act.server.ts";

export const meta: Route.MetaFunction = () => pageMeta("Messages aux inscrits", "Écrire aux personnes inscrites.");

const BATCH_ID = /^[0-9a-f-]{36}$/;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { edition } = requireEditionAccess(context, params.editionId, ORGANISERS);
  const batchId = new URL(request.url).searchParams.get("lot");
  return {
    counts: {
      confirmed: recipientCount(db(), edition.id, ["confirmed"]),
      waitlisted: recipientCount(db(), edition.id, ["waitlisted"]),
    },
    progress: batchId && BATCH_ID.test(batchId) ? batchProgress(db(), edition.id, batchId) : null,
    batches: recentBatches(db(), edition.id),
    messageKey: newMessageKey(),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor, edition } = requireEditionAccess(context, params.editionId, ORGANISERS);
  const submission = parseWithZod(await request.formData(), { schema: messageSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), preview: null }, { status: 400 });
  const { intent, ...message } = submission.value;
  if (intent === "preview") {
    return {
      result: submission.reply(),
      preview: {
        subject: message.subject,
        html: renderMarkdown(message.body),
        recipients: recipientCount(db(), edition.id, message.groups),
      },
    };
  }
  if (recipientCount(db(), edition.id, message.groups) === 0) {
    return data(
      {
        result: submission.reply({ fieldErrors: { groups: ["Personne à prévenir dans ces groupes."] } }),
        preview: null,
      },
      { status: 409 },
    );
  }
  // The form's one-time key names the batch: posting the same form again leads to the same batch.
  const { batchId } = sendEditionMessage(actBy(actor), edition.id, message);
  throw redirect(`/admin/editions/${edition.id}/messages?lot=${batchId}`);
}

export default function Messages({ loaderData, actionData }: Route.ComponentProps) {
  const { counts, progress, batches, messageKey } = loaderData;
  const [params] = useSearchParams();
  const revalidator = useRevalidator();
  const draining = progress !== null && progress.waiting > 0;

  // While the outbox drains, the progress refreshes by itself (without JavaScript: reload the page).
  useEffect(() => {
    if (!draining) return;
    const interval = setInterval(() => {
      if (revalidator.state === "idle") void revalidator.revalidate();
    }, 1500);
    return () => clearInterval(interval);
  }, [draining, revalidator]);

  return (
    <>
      <h1>Messages aux inscrits</h1>
      {progress ? (
        <section className="notice notice--ok" aria-labelledby="envoi" role="status" aria-live="polite">
          <h2 id="envoi">Envoi en cours</h2>
          <p>
            {progress.sent} envoyé{progress.sent > 1 ? "s" : ""} sur {progress.total}
            {progress.waiting > 0 ? ` — ${progress.waiting} en attente` : ""}
            {progress.failed > 0 ? ` — ${progress.failed} en échec (voir les courriels)` : ""}.
          </p>
          <progress
            max={Math.max(1, progress.total)}
            value={progress.sent + progress.failed}
            aria-label="Progression de l’envoi"
          />
          {draining ? (
            <p>
              <a href={`?lot=${params.get("lot")}`}>Actualiser</a>
            </p>
          ) : null}
        </section>
      ) : null}

      {/* A sent message leads to its batch: the form starts afresh, empty and with a new key. */}
      <MessageForm
        key={params.get("lot") ?? ""}
        counts={counts}
        messageKey={messageKey}
        lastResult={actionData?.result}
      />
      {actionData?.preview ? (
        <section aria-labelledby="apercu" className="message-preview">
          <h2 id="apercu">Aperçu</h2>
          <p>
            <strong>Objet&nbsp;:</strong> {actionData.preview.subject} — {actionData.preview.recipients} destinataire
            {actionData.preview.recipients > 1 ? "s" : ""}
          </p>
          <p>Bonjour Prénom Nom,</p>
          <div dangerouslySetInnerHTML={{ __html: actionData.preview.html }} />
        </section>
      ) : null}

      {batches.length > 0 ? (
        <section aria-labelledby="envoyes">
          <h2 id="envoyes">Messages envoyés</h2>
          <ul>
            {batches.map((batch) => (
              <li key={batch.batchId}>
                <a href={`?lot=${batch.batchId}`}>{batch.subject}</a> — {formatDateTime(batch.createdAt)} ({batch.sent}/
                {batch.total})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function MessageForm({
  counts,
  messageKey,
  lastResult,
}: {
  counts: { confirmed: number; waitlisted: number };
  messageKey: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  // The key this form was first shown with, kept while the page refreshes the progress under it.
  const [key] = useState(messageKey);
  const [form, fields] = useServerForm(messageSchema, {
    id: "message",
    lastResult,
    defaultValue: { groups: ["confirmed"] },
  });
  return (
    <ServerForm form={form} className="form form--wide" fields={{ batchId: key }}>
      <FormError id={fields.batchId.errorId} errors={fields.batchId.errors} />
      <CheckboxGroupField
        field={fields.groups}
        legend="Destinataires"
        options={[
          { value: "confirmed", label: `Personnes confirmées (${counts.confirmed})` },
          { value: "waitlisted", label: `Liste d’attente (${counts.waitlisted})` },
        ]}
      />
      <TextField field={fields.subject} label="Objet" required maxLength={200} />
      <TextAreaField
        field={fields.body}
        label="Message"
        hint={frenchTypography(
          "Markdown accepté : **gras**, *italique*, listes avec « - », liens [texte](https://…). La formule « Bonjour Prénom Nom, » et le lien personnel sont ajoutés automatiquement.",
        )}
        rows={10}
        required
        maxLength={20000}
      />
      <div className="button-row">
        <button type="submit" name="intent" value="preview" className="button button--secondary">
          Prévisualiser
        </button>
        <button type="submit" name="intent" value="send" className="button">
          Envoyer
        </button>
      </div>
    </ServerForm>
  );
}
