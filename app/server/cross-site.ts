import type { NextFunction, Request, Response } from "express";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A form posted from another site is refused before it reaches an action: browsers say where a
 * request comes from in `Sec-Fetch-Site` and `Origin`, and the session cookie is SameSite=Lax.
 */
export function rejectCrossSitePosts(req: Request, res: Response, next: NextFunction): void {
  if (SAFE_METHODS.has(req.method)) return next();
  const fetchSite = req.get("Sec-Fetch-Site");
  const origin = req.get("Origin");
  const crossSiteFetch = fetchSite !== undefined && fetchSite !== "same-origin" && fetchSite !== "none";
  let foreignOrigin = false;
  if (origin && origin !== "null") {
    try {
      foreignOrigin = new URL(origin).host !== req.get("Host");
    } catch {
      foreignOrigin = true;
    }
  } else if (origin === "null") {
    foreignOrigin = true;
  }
  if (crossSiteFetch || foreignOrigin) {
    res.status(403).type("text/plain; charset=utf-8").send("Requête refusée : elle ne provient pas de ce site.");
    return;
  }
  next();
}
