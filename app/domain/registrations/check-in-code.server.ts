import { createHmac } from "node:crypto";
import type { MailContext } from "#app/domain/shared/mail-context.ts";

// Crockford's base 32: no I, L, O or U, so a code read aloud or typed from a badge has no
// look-alike letters; the few people will type anyway are mapped back (O → 0, I and L → 1).
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CHECK_IN_CODE_LENGTH = 8;

/**
 * The short code of a registration, printed on its badge and in its confirmation email, and
 * read at the door. Derived from the registration id with the app secret (decision 025): nothing
 * to store or migrate, and a code cannot be guessed from another one.
 */
export function checkInCode(mail: Pick<MailContext, "secret">, registrationId: number): string {
  const digest = createHmac("sha256", mail.secret).update(`check-in-code:${registrationId}`).digest();
  // 40 bits: five bytes, eight characters of five bits each.
  let bits = 0n;
  for (let i = 0; i < 5; i++) bits = (bits << 8n) | BigInt(digest[i]!);
  let code = "";
  for (let i = CHECK_IN_CODE_LENGTH - 1; i >= 0; i--) code += ALPHABET[Number((bits >> BigInt(5 * i)) & 31n)];
  return code;
}

/** The code as people read it: two groups of four. */
export function displayCheckInCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What was typed or scanned, as a code: case, spaces and dashes do not matter. Null when it cannot be one. */
export function normaliseCheckInCode(typed: string): string | null {
  const code = typed
    .toUpperCase()
    .replace(/[\s\-–—.]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (code.length !== CHECK_IN_CODE_LENGTH) return null;
  return [...code].every((c) => ALPHABET.includes(c)) ? code : null;
}
