import type { NextFunction, Request, Response } from "express";

const BACK_OFFICE = /^\/admin(\/|$)/;
const PRIVATE_LINKS = /^\/(inscription|contribution)\//;
const CERTIFICATE_CHECK = /^\/attestation(\/|$)/;

/**
 * Pages that show personal data are never stored by a browser or a proxy; pages reached through
 * a private link also never leak that link as a referrer, and stay out of search engines.
 * Set here, by path, so that no route can forget them.
 */
export function privatePageHeaders(req: Request, res: Response, next: NextFunction): void {
  if (BACK_OFFICE.test(req.path)) {
    res.set("Cache-Control", "no-store");
  } else if (PRIVATE_LINKS.test(req.path)) {
    res.set({ "Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex, nofollow" });
  } else if (CERTIFICATE_CHECK.test(req.path)) {
    // A person's name, shown to whoever has the code: never cached, never indexed, and a
    // revocation shows at once.
    res.set({ "Cache-Control": "no-store", "X-Robots-Tag": "noindex" });
  }
  next();
}
