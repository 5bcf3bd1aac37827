import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { env } from "#app/lib/env.server.ts";
import { BASE_SECURITY_HEADERS, permissionsPolicy } from "./security-headers.ts";

/** Security headers and the CSP nonce, mounted before everything else, static files included. */
export function securityHeaders(options: { withCsp: boolean }) {
  return (req: Request, res: Response, next: NextFunction) => {
    res.set(BASE_SECURITY_HEADERS);
    res.set("Permissions-Policy", permissionsPolicy(req.path));
    if (env().secureCookies) res.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    res.locals.cspNonce = options.withCsp ? randomBytes(16).toString("base64") : "";
    next();
  };
}
