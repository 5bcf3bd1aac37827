import type { NextFunction, Request, Response } from "express";

const BACK_OFFICE = /^\/admin(\/|\.data$|$)/;
const PRIVATE_LINKS = /^\/(inscription|contribution)\//;
const CERTIFICATE_CHECK = /^\/attestation(\/|\.data$|$)/;
const SESSION_COOKIE = /(?:^|;\s*)(?:__Host-)?cts_session=/;

/**
 * The path as the router will match it, or wider: the URL parser resolves backslashes and dot
 * segments (`%2e%2e` included), each segment is percent-decoded, repeated slashes collapse, and
 * case is ignored as route matching ignores it. `/INSCRIPTION/…`, `/%69nscription/…` and
 * `//admin\…` all read as the pages they reach.
 */
export function routePath(originalUrl: string): string {
  let pathname: string;
  try {
    pathname = new URL(`http://app.invalid${originalUrl.startsWith("/") ? "" : "/"}${originalUrl}`).pathname;
  } catch {
    pathname = originalUrl.split("?")[0] ?? "/";
  }
  const decoded = pathname
    .split("/")
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join("/");
  return decoded.replace(/[/\\]+/g, "/").toLowerCase();
}

/**
 * Pages that show personal data are never stored by a browser or a proxy; pages reached through
 * a private link also never leak that link as a referrer, and stay out of search engines.
 * Set here, from the path as the router reads it, so that no route and no spelling of a URL can
 * go without them.
 */
export function privatePageHeaders(req: Request, res: Response, next: NextFunction): void {
  const path = routePath(req.originalUrl);
  if (BACK_OFFICE.test(path)) {
    res.set("Cache-Control", "no-store");
  } else if (PRIVATE_LINKS.test(path)) {
    res.set({ "Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex, nofollow" });
  } else if (CERTIFICATE_CHECK.test(path)) {
    // A person's name, shown to whoever has the code: never cached, never indexed, and a
    // revocation shows at once.
    res.set({ "Cache-Control": "no-store", "X-Robots-Tag": "noindex" });
  } else if (SESSION_COOKIE.test(req.get("Cookie") ?? "")) {
    // Public pages seen by a logged-in organiser carry their name in the header.
    res.set("Cache-Control", "private, no-store");
  }
  next();
}
