import type { NextFunction, Request, Response } from "express";

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];
const METHODS_WITH_BODY = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Every action of the app reads an HTML form. Anything else (JSON, XML, plain text) is refused
 * here with a 415, instead of failing later when an action asks for the form data.
 */
export function rejectNonFormBodies(req: Request, res: Response, next: NextFunction): void {
  if (!METHODS_WITH_BODY.has(req.method)) return next();
  const hasBody = Number(req.get("Content-Length") ?? 0) > 0 || req.get("Transfer-Encoding") !== undefined;
  const type = (req.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!hasBody || FORM_TYPES.includes(type)) return next();
  res.status(415).type("text/plain; charset=utf-8").send("Envoi refusé\u00a0: seuls les formulaires sont acceptés.");
}
