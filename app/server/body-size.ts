import type { NextFunction, Request, Response } from "express";
import { env } from "../lib/env.server";

/** Forms are small; only uploads may send more. Checked before anything reads the body. */
export const MAX_FORM_BYTES = 256 * 1024;

/** Room for the multipart envelope and the other fields around the file. */
const UPLOAD_OVERHEAD_BYTES = 1024 * 1024;

/**
 * The back-office pages that take a file: `/admin/…/documents` (an edition's, a synthèse's),
 * also when React Router posts to their data URL (`documents.data`, `documents/_.data`).
 */
const UPLOAD_PATHS = /^\/admin\/(?:[^/]+\/)*documents(?:\/|\.data|\/_\.data)?$/;

export function isUploadPath(path: string): boolean {
  return UPLOAD_PATHS.test(path);
}

export function bodyLimit(path: string): number {
  return isUploadPath(path) ? env().uploadMaxBytes + UPLOAD_OVERHEAD_BYTES : MAX_FORM_BYTES;
}

function refusal(path: string): string {
  if (!isUploadPath(path)) return "Envoi refusé\u00a0: le formulaire dépasse la taille autorisée.";
  const megabytes = (env().uploadMaxBytes / (1024 * 1024)).toLocaleString("fr-FR", { maximumFractionDigits: 1 });
  return `Envoi refusé\u00a0: le fichier dépasse la taille autorisée (${megabytes}\u00a0Mo).`;
}

export function rejectOversizedBodies(req: Request, res: Response, next: NextFunction): void {
  const limit = bodyLimit(req.path);
  const declared = Number(req.get("Content-Length") ?? 0);
  if (declared > limit) {
    res.status(413).type("text/plain; charset=utf-8").send(refusal(req.path));
    return;
  }
  let received = 0;
  req.on("data", (chunk: Buffer) => {
    received += chunk.length;
    if (received > limit && !res.headersSent) {
      res.status(413).type("text/plain; charset=utf-8").send(refusal(req.path));
      req.destroy();
    }
  });
  next();
}
