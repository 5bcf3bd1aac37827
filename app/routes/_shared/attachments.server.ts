import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "react-router";
import {
  attachmentChangeSchema,
  attachmentRenameSchema,
  attachmentUploadSchema,
} from "#app/components/attachments-manager.tsx";
import {
  addAttachment,
  AttachmentError,
  listAttachments,
  moveAttachment,
  removeAttachment,
  renameAttachment,
} from "#app/domain/documents/attachments.server.ts";
import type { Actor } from "#app/domain/shared/actor.ts";
import { db } from "#app/lib/db.server.ts";
import { env } from "#app/lib/env.server.ts";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import { actBy } from "#app/routes/_shared/act.server.ts";

type Owner = { editionId: number } | { articleId: number };

/** The documents of an edition or an article, as the back-office manager lists them. */
export function attachmentItems(owner: Owner) {
  return listAttachments(db(), owner).map(({ id, title, kind, mimeType, size, originalName }) => ({
    id,
    title,
    kind,
    mimeType,
    size,
    originalName,
  }));
}

/** What a page's loader hands to the documents manager (app/components/attachments-manager.tsx). */
export function attachmentsManagerData(owner: Owner) {
  return { attachments: attachmentItems(owner), maxBytes: env().uploadMaxBytes };
}

/** Upload, remove or move a document of `owner`; answers like a route action. */
export async function attachmentAction(request: Request, owner: Owner, actor: Actor, back: string) {
  const { dataDir, uploadMaxBytes } = env();
  const formData = await request.formData();
  if (formData.get("intent") === "upload-attachment") {
    const submission = parseWithZod(formData, { schema: attachmentUploadSchema(uploadMaxBytes) });
    if (submission.status !== "success")
      return data({ result: submission.reply(), error: null, renameError: null }, { status: 400 });
    const { title, file } = submission.value;
    try {
      const source = Buffer.from(await file.arrayBuffer());
      const added = await addAttachment(actBy(actor), dataDir, {
        owner,
        title,
        file: { source, name: file.name },
        maxBytes: uploadMaxBytes,
      });
      throw await redirectWithFlash(`${back}#document-${added.id}`, { kind: "success", message: "Document ajouté." });
    } catch (error) {
      if (!(error instanceof AttachmentError)) throw error;
      const reply = error.field
        ? submission.reply({ fieldErrors: { [error.field]: [error.message] } })
        : submission.reply({ formErrors: [error.message] });
      return data({ result: reply, error: null, renameError: null }, { status: error.field ? 422 : 404 });
    }
  }
  if (formData.get("intent") === "rename-attachment") {
    const parsed = attachmentRenameSchema.safeParse(Object.fromEntries(formData));
    const attachmentId = Number(formData.get("attachmentId"));
    if (!parsed.success) {
      const message = parsed.error.issues.find((issue) => issue.path[0] === "title")?.message;
      if (message && Number.isInteger(attachmentId))
        return data({ result: undefined, error: null, renameError: { attachmentId, message } }, { status: 400 });
      return data({ result: undefined, error: "Demande incomplète.", renameError: null }, { status: 400 });
    }
    try {
      renameAttachment(actBy(actor), owner, parsed.data.attachmentId, parsed.data.title);
    } catch (error) {
      if (!(error instanceof AttachmentError)) throw error;
      return error.field
        ? data(
            {
              result: undefined,
              error: null,
              renameError: { attachmentId: parsed.data.attachmentId, message: error.message },
            },
            { status: 422 },
          )
        : data({ result: undefined, error: error.message, renameError: null }, { status: 404 });
    }
    throw await redirectWithFlash(`${back}#document-${parsed.data.attachmentId}`, {
      kind: "success",
      message: "Titre modifié.",
    });
  }
  const parsed = attachmentChangeSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success)
    return data({ result: undefined, error: "Demande incomplète.", renameError: null }, { status: 400 });
  const { intent, attachmentId, direction } = parsed.data;
  try {
    if (intent === "remove-attachment") removeAttachment(actBy(actor), dataDir, owner, attachmentId);
    else moveAttachment(actBy(actor), owner, attachmentId, direction ?? "up");
  } catch (error) {
    if (!(error instanceof AttachmentError)) throw error;
    return data({ result: undefined, error: error.message, renameError: null }, { status: 404 });
  }
  if (intent === "remove-attachment")
    throw await redirectWithFlash(back, { kind: "success", message: "Document supprimé." });
  throw redirect(`${back}#document-${attachmentId}`);
}
