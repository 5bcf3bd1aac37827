import { createHash } from "node:crypto";
import styles from "../styles/app.css?inline";

/** The stylesheet is inlined in every page (app/root.tsx): only that exact text may apply. */
const STYLES_HASH = `'sha256-${createHash("sha256").update(styles).digest("base64")}'`;

/**
 * The policy every HTML page is served with: scripts run only with this request's nonce, or not
 * at all on pages sent without scripts (those the page cache shares between readers, which must
 * carry nothing of one request); styles come from our files or are the inlined stylesheet.
 */
export function contentSecurityPolicy(nonce: string | null): string {
  return [
    "default-src 'self'",
    nonce ? `script-src 'nonce-${nonce}' 'strict-dynamic'` : "script-src 'none'",
    `style-src 'self' ${STYLES_HASH}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * The phone check-in page reads badges' QR codes with the camera; every other page keeps it off.
 */
const CHECK_IN_PAGE = /^\/admin\/editions\/\d+\/accueil\/?$/;

export function permissionsPolicy(path: string): string {
  const camera = CHECK_IN_PAGE.test(path) ? "camera=(self)" : "camera=()";
  return `${camera}, microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()`;
}

/** Headers for every response, page or file. */
export const BASE_SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
};
