import type { NextFunction, Request, Response } from "express";
import { env } from "#app/lib/env.server.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A form posted from another site is refused before it reaches an action. Browsers say where a
 * request comes from in `Sec-Fetch-Site` and `Origin`; the origin must be the app's own, as
 * configured in APP_URL (behind a reverse proxy the Host header may be an internal one) or the
 * Host of the request. The session cookie is SameSite=Lax on top of that.
 *
 * `Origin: null` is refused too, except with `Sec-Fetch-Site: same-origin`: a page served with
 * `Referrer-Policy: no-referrer` (every private link, see private-pages.ts) makes the browser
 * send `Origin: null` for its own plain form posts, i.e. every such form used without
 * JavaScript. `Sec-Fetch-Site` is set by the browser alone, so no other site can claim it.
 */
export function rejectCrossSitePosts(req: Request, res: Response, next: NextFunction): void {
  if (SAFE_METHODS.has(req.method)) return next();
  const fetchSite = req.get("Sec-Fetch-Site");
  const origin = req.get("Origin");
  const crossSiteFetch = fetchSite !== undefined && fetchSite !== "same-origin" && fetchSite !== "none";
  let foreignOrigin = false;
  if (origin === "null") {
    foreignOrigin = fetchSite !== "same-origin";
  } else if (origin !== undefined) {
    try {
      const host = new URL(origin).host;
      foreignOrigin = host !== new URL(env().appUrl).host && host !== req.get("Host");
    } catch {
      foreignOrigin = true;
    }
  }
  if (crossSiteFetch || foreignOrigin) {
    res.status(403).type("text/plain; charset=utf-8").send("Requête refusée\u00a0: elle ne provient pas de ce site.");
    return;
  }
  next();
}
