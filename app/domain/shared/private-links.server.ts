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

export function newPrivateToken(mail: MailContext): PrivateToken {
  const token = generateToken();
  return { token, tokenHash: hashToken(token), tokenSealed: sealToken(token, mail.secret) };
}

/**
 * What replaces a link that must stop working (erasure, a place handed over): the hash of a
 * token nobody ever sees, and nothing sealed, so no presented token and no later email finds it.
 */
export function deadPrivateLink(): { tokenHash: string; tokenSealed: null } {
  return { tokenHash: hashToken(generateToken()), tokenSealed: null };
}

/**
 * The token behind a stored link, or null when it cannot be recovered (the secret changed since
 * it was sealed): the caller then replaces it with a new one, and the old link stops working.
 */
export function unsealedToken(
  mail: MailContext,
  stored: { tokenHash: string; tokenSealed: string | null },
): string | null {
  const token = stored.tokenSealed ? unsealToken(stored.tokenSealed, mail.secret) : null;
  return token && hashToken(token) === stored.tokenHash ? token : null;
}

/**
 * The token of a stored link for an email sent after the first one; when it cannot be recovered,
 * a new one is issued and handed to `store` to replace it on the row (the old link stops working).
 */
export function currentOrReissuedToken(
  mail: MailContext,
  stored: { tokenHash: string; tokenSealed: string | null },
  store: (fresh: PrivateToken) => void,
): string {
  const token = unsealedToken(mail, stored);
  if (token) return token;
  const fresh = newPrivateToken(mail);
  store(fresh);
  return fresh.token;
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
