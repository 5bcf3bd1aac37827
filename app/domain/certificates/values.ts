// What pages, forms and the server share about attendance certificates. No `.server` suffix:
// the verification form's schema and the labels run in the browser too.

/**
 * Digits and capital letters without those a reader confuses when copying from paper:
 * 0/O, 1/I/L. 31 symbols, 10 of them per code: about 2^49 codes, far more than will ever exist,
 * so guessing a valid one is hopeless.
 */
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const CODE_LENGTH = 10;

/** « K7QF3M9PXZ » → « K7QF-3M9P-XZ »: groups of four are easier to read out and type. */
export function formatCode(raw: string): string {
  return [raw.slice(0, 4), raw.slice(4, 8), raw.slice(8)].filter(Boolean).join("-");
}

/**
 * The stored form of a code as somebody typed it (any case, with or without dashes or spaces),
 * or null when it cannot be one of ours.
 */
export function normaliseCode(typed: string): string | null {
  const compact = typed.toUpperCase().replace(/[\s\-‐‑–—.]/g, "");
  if (compact.length !== CODE_LENGTH) return null;
  for (const char of compact) if (!CODE_ALPHABET.includes(char)) return null;
  return formatCode(compact);
}

/** Minutes as a French duration: « 6 h 30 », « 7 h », « 45 min ». */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest}\u00a0min`;
  return rest === 0 ? `${hours}\u00a0h` : `${hours}\u00a0h\u00a0${String(rest).padStart(2, "0")}`;
}

/** Where a certificate stands, as organisers read it in the back-office. */
export type CertificateState = "none" | "valid" | "revoked";

export const CERTIFICATE_STATE_LABELS: Record<CertificateState, string> = {
  none: "Pas encore délivrée",
  valid: "Délivrée",
  revoked: "Révoquée",
};

/** The full name kept on a certificate whose person's data was erased (the column is NOT NULL). */
export const ANONYMISED_NAME = "Personne anonymisée";
