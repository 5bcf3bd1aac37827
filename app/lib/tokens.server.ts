import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";

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

const SEAL_INFO = "cts-platform private links";

function sealKey(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "", SEAL_INFO, 32));
}

/**
 * Keeps a private-link token recoverable by the app alone, so that later emails (promotion,
 * reminders, updates) can carry the same link. A copy of the database without the secret
 * reveals nothing: lookups still go through the hash.
 */
export function sealToken(token: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealKey(secret), iv);
  const body = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((part) => part.toString("base64url")).join(".");
}

/** The token back, or null when the secret changed or the value was tampered with. */
export function unsealToken(sealed: string, secret: string): string | null {
  try {
    const [iv, tag, body] = sealed.split(".").map((part) => Buffer.from(part, "base64url"));
    if (!iv || !tag || !body) return null;
    const decipher = createDecipheriv("aes-256-gcm", sealKey(secret), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
