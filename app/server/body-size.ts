import type { NextFunction, Request, Response } from "express";

/** Forms are small; only uploads (none yet) may send more. Checked before anything reads the body. */
export const MAX_FORM_BYTES = 256 * 1024;

export function rejectOversizedBodies(req: Request, res: Response, next: NextFunction): void {
  const declared = Number(req.get("Content-Length") ?? 0);
  if (declared > MAX_FORM_BYTES) {
    res.status(413).type("text/plain; charset=utf-8").send("Envoi refusé : le formulaire dépasse la taille autorisée.");
    return;
  }
  let received = 0;
  req.on("data", (chunk: Buffer) => {
    received += chunk.length;
    if (received > MAX_FORM_BYTES && !res.headersSent) {
      res.status(413).type("text/plain; charset=utf-8").send("Envoi refusé : le formulaire dépasse la taille autorisée.");
      req.destroy();
    }
  });
  next();
}
