import type { SubmissionResult } from "@conform-to/react";
import { useServerForm } from "./use-server-form.ts";
import { z } from "zod";
import { Form, useLocation } from "react-router";
import { FileField, SubmitButton, TextField } from "./form-fields.tsx";
import type { AttachmentKind } from "#app/domain/shared/vocabulary.ts";
import { requiredText } from "#app/forms/fields.ts";
import { documentTypeLabel, documentUrl, formatBytes } from "#app/lib/format.ts";
import { ErrorNotice } from "#app/components/notice.tsx";
import { ServerForm } from "./server-form.tsx";

const NBSP = "\u00a0";

// The documents of an edition (and, later, of an article): list, reorder, remove, upload.
// Shared by the back-office pages of both; the page's action parses the forms below.

export const ATTACHMENT_KIND_LABELS: Record<AttachmentKind, string> = {
  slides: "Diaporama",
  booklet: "Livret",
  document: "Document",
  image: "Image",
};

/** The upload form; `maxBytes` lets the browser refuse an oversized file before sending it. */
export function attachmentUploadSchema(maxBytes: number) {
  return z.object({
    intent: z.literal("upload-attachment"),
    title: requiredText("Indiquez le titre du document.", 200),
    file: z.instanceof(File, { error: "Choisissez un fichier." }).refine((file) => file.size <= maxBytes, {
      error: `Ce fichier dépasse la taille autorisée (${formatBytes(maxBytes)}).`,
    }),
  });
}

/** A new title for one document. */
export const attachmentRenameSchema = z.object({
  intent: z.literal("rename-attachment"),
  attachmentId: z.coerce.number().int().positive(),
  title: requiredText("Indiquez le titre du document.", 200),
});

/** Reorder and remove: one small form per button. */
export const attachmentChangeSchema = z.object({
  intent: z.enum(["move-attachment", "remove-attachment"]),
  attachmentId: z.coerce.number().int().positive(),
  direction: z.enum(["up", "down"]).optional(),
});

export type AttachmentItem = {
  id: number;
  title: string;
  kind: AttachmentKind;
  mimeType: string;
  size: number;
  originalName: string;
};

/** What the page's action answered (routes/_shared/attachments.server.ts), when it refused something. */
type AttachmentAnswer = {
  /** Conform's reply to the last upload, when it was refused. */
  result?: SubmissionResult<string[]>;
  /** A refused move or removal. */
  error: string | null;
  /** A refused new title, shown next to that document's title field. */
  renameError?: { attachmentId: number; message: string } | null;
};

export function AttachmentsManager(props: {
  attachments: AttachmentItem[];
  maxBytes: number;
  answer: AttachmentAnswer | undefined;
}) {
  const { attachments, maxBytes, answer } = props;
  const lastResult = answer?.result;
  const error = answer?.error ?? null;
  const renameError = answer?.renameError ?? null;
  const location = useLocation();
  return (
    <>
      <ErrorNotice message={error} />
      {attachments.length === 0 ? (
        <p>Aucun document pour le moment.</p>
      ) : (
        <ol className="attachments">
          {attachments.map((attachment, index) => (
            <li key={attachment.id} id={`document-${attachment.id}`} className="attachments__item">
              <div>
                <p className="attachments__title">
                  <a href={documentUrl(attachment)}>{attachment.title}</a>
                </p>
                <p className="attachments__meta">
                  {ATTACHMENT_KIND_LABELS[attachment.kind]} · {documentTypeLabel(attachment.mimeType)} ·{" "}
                  {formatBytes(attachment.size)} · {attachment.originalName}
                </p>
                <RenameForm
                  attachment={attachment}
                  error={renameError?.attachmentId === attachment.id ? renameError.message : null}
                />
              </div>
              <div className="button-row">
                {index > 0 ? (
                  <ChangeButton intent="move-attachment" direction="up" attachment={attachment} label="Monter" />
                ) : null}
                {index < attachments.length - 1 ? (
                  <ChangeButton intent="move-attachment" direction="down" attachment={attachment} label="Descendre" />
                ) : null}
                <ChangeButton intent="remove-attachment" attachment={attachment} label="Supprimer" />
              </div>
            </li>
          ))}
        </ol>
      )}
      <section aria-labelledby="ajout-document">
        <h2 id="ajout-document">Ajouter un document</h2>
        {/* Remounted after each navigation, so that a successful upload leaves an empty form. */}
        <UploadForm key={location.key} maxBytes={maxBytes} lastResult={lastResult} />
      </section>
    </>
  );
}

function RenameForm({ attachment, error }: { attachment: AttachmentItem; error: string | null }) {
  const id = `titre-document-${attachment.id}`;
  return (
    <details className="attachments__rename" open={error !== null}>
      <summary>
        Modifier le titre
        <span className="visually-hidden">
          {" "}
          de «{NBSP}
          {attachment.title}
          {NBSP}»
        </span>
      </summary>
      <Form method="post" className="form form--inline">
        <input type="hidden" name="intent" value="rename-attachment" />
        <input type="hidden" name="attachmentId" value={attachment.id} />
        <div className="field">
          <label htmlFor={id}>Nouveau titre</label>
          <input
            type="text"
            id={id}
            name="title"
            defaultValue={attachment.title}
            required
            maxLength={200}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          />
          {error ? (
            <p id={`${id}-error`} className="field__error">
              {error}
            </p>
          ) : null}
        </div>
        <div>
          <button type="submit" className="button button--small">
            Enregistrer le titre
          </button>
        </div>
      </Form>
    </details>
  );
}

function ChangeButton(props: { intent: string; attachment: AttachmentItem; direction?: "up" | "down"; label: string }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={props.intent} />
      <input type="hidden" name="attachmentId" value={props.attachment.id} />
      {props.direction ? <input type="hidden" name="direction" value={props.direction} /> : null}
      <button
        type="submit"
        className={`button button--small ${props.intent === "remove-attachment" ? "button--danger" : "button--secondary"}`}
      >
        {props.label}
        <span className="visually-hidden">
          {" "}
          «{NBSP}
          {props.attachment.title}
          {NBSP}»
        </span>
      </button>
    </Form>
  );
}

function UploadForm({
  maxBytes,
  lastResult,
}: {
  maxBytes: number;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const schema = attachmentUploadSchema(maxBytes);
  const [form, fields] = useServerForm(schema, {
    id: "nouveau-document",
    lastResult,
  });
  return (
    <ServerForm form={form} intent="upload-attachment" encType="multipart/form-data">
      <TextField
        field={fields.title}
        label="Titre"
        required
        maxLength={200}
        hint={`Tel qu’il apparaîtra au public, par exemple «${NBSP}Diaporama de la table ronde${NBSP}».`}
      />
      <FileField
        field={fields.file}
        label="Fichier"
        hint={
          <>
            PDF, PPTX, ODP, DOCX, ODT ou image (PNG, JPEG, GIF, WebP), {formatBytes(maxBytes)} au maximum. Son type
            (document, diaporama, image) est lu dans le fichier lui-même.
          </>
        }
        accept=".pdf,.pptx,.odp,.docx,.odt,.png,.jpg,.jpeg,.gif,.webp,application/pdf,image/png,image/jpeg,image/gif,image/webp"
      />
      <SubmitButton>Ajouter le document</SubmitButton>
    </ServerForm>
  );
}
