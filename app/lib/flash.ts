/** A one-time notice about an action that just finished, carried from a redirect to the next page. */
export const FLASH_KINDS = ["success", "info", "error"] as const;
export type FlashKind = (typeof FLASH_KINDS)[number];
export type FlashMessage = { kind: FlashKind; message: string };

/** Longer than any sentence the app writes: a cookie stays well under the browsers' 4 kB. */
export const FLASH_MAX_LENGTH = 1000;

export function isFlashMessage(value: unknown): value is FlashMessage {
  if (!value || typeof value !== "object") return false;
  const { kind, message } = value as { kind?: unknown; message?: unknown };
  return (
    typeof kind === "string" &&
    (FLASH_KINDS as readonly string[]).includes(kind) &&
    typeof message === "string" &&
    message.length > 0 &&
    message.length <= FLASH_MAX_LENGTH
  );
}

/** The cookie's name in a Cookie header: the page cache never answers such a request from memory. */
export const FLASH_COOKIE_PATTERN = /(?:^|;\s*)(?:__Host-)?cts_flash=/;

/** « 1 personne prévenue », « 3 personnes prévenues », « 0 personne prévenue »: French counts 0 and 1 as singular. */
export function plural(n: number, one: string, many: string): string {
  return `${n}\u00a0${n > 1 ? many : one}`;
}
