import {
  generateToken,
  hashToken,
  looksLikeToken,
  sealToken,
  tokenMatches,
  unsealToken,
} from "#app/lib/tokens.server.ts";
import type { MailContext } from "./mail-context.ts";

/**
 * A private link's token: 128 bits, stored hashed (to find the row) and sealed with the app's
 * secret (to put the same link in a later email).
 */
export type PrivateToken = { token: string; tokenHash: string; tokenSealed: string };

export function newPrivateToken(ctx: MailContext): PrivateToken {
  const token = generateToken();
  return { token, tokenHash: hashToken(token), tokenSealed: sealToken(token, ctx.secret) };
}

/**
 * The token behind a stored link, or null when it cannot be recovered (the secret changed since
 * it was sealed): the caller then replaces it with a new one, and the old link stops working.
 */
export function unsealedToken(
  ctx: MailContext,
  stored: { tokenHash: string; tokenSealed: string | null },
): string | null {
  const token = stored.tokenSealed ? unsealToken(stored.tokenSealed, ctx.secret) : null;
  return token && hashToken(token) === stored.tokenHash ? token : null;
}

/**
 * The row behind a presented link, or null for anything that is not a live token: a malformed
 * one is refused before any query, and the stored hash is compared in constant time.
 */
export function findByPrivateToken<Row extends { tokenHash: string }>(
  token: string,
  byHash: (tokenHash: string) => Row | undefined,
): Row | null {
  if (!looksLikeToken(token)) return null;
  const found = byHash(hashToken(token));
  return found && tokenMatches(token, found.tokenHash) ? found : null;
}
