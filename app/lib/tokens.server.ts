import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A private-link token: 128 random bits, URL-safe. */
export function generateToken(bytes = 16): string {
  return randomBytes(bytes).toString("base64url");
}

/** What the database keeps of a token: its SHA-256, so a leaked table opens no link. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Checks a presented token against a stored hash without leaking timing. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const presented = Buffer.from(hashToken(token), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** Tokens we hand out are base64url of a fixed length; anything else is rejected before any lookup. */
export function looksLikeToken(value: string, bytes = 16): boolean {
  return value.length === Math.ceil((bytes * 4) / 3) && /^[A-Za-z0-9_-]+$/.test(value);
}
