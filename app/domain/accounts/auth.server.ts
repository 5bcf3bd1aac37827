import { eq } from "drizzle-orm";
import { users } from "#db/schema.ts";
import type { Db } from "#app/lib/db.server.ts";
import { burnPasswordCheck, verifyPassword } from "#app/lib/password.server.ts";
import { ATTEMPT_DELAYS, releaseAttempt, reserveAttempt, type AttemptCounter } from "./attempts.server.ts";
import { recordAudit } from "#app/domain/shared/audit.server.ts";
import { verifyLoginCode } from "./two-factor.server.ts";
import { normaliseEmail, type PublicUser } from "./account.ts";
import { createSession, destroySession, getSessionUser } from "./sessions.server.ts";

/**
 * Growing delays rather than a lockout: past the free attempts, each failure doubles the wait,
 * up to a ceiling. Counters are kept per account and address, per account, and per address with
 * a far higher bound (an office or a NAT shares one address). A browser that has logged in to
 * the account before carries a device cookie and is counted on its own (OWASP's "device
 * cookies"): a flood against the account or the address does not lock its owner out.
 */
export const THROTTLE = {
  freeFailuresPerAccountAndIp: 5,
  freeFailuresPerAccount: 10,
  freeFailuresPerIp: 100,
  freeFailuresPerDevice: 5,
  /** Six digits, asked only once the password was right: few tries per account, wherever they come from. */
  freeCodeFailuresPerAccount: 5,
  ...ATTEMPT_DELAYS,
} as const;

/** A browser that logged in to this account before (from a signed cookie). */
export type KnownDevice = { email: string; id: string };

export type LoginResult =
  | { ok: true; user: PublicUser; sessionToken: string }
  /** The password was right but the account has a second factor: no session until the code. */
  | { ok: false; reason: "second-factor"; userId: number }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterMs: number };

type Attempt = { ip: string | null; device?: KnownDevice | null; now: Date };

export async function login(
  db: Db,
  input: {
    email: string;
    password: string;
    ip: string | null;
    device?: KnownDevice | null;
    userAgent?: string | null;
    now?: Date;
  },
): Promise<LoginResult> {
  const now = input.now ?? new Date();
  const email = normaliseEmail(input.email);
  const counters = throttleCounters(email, { ip: input.ip, device: input.device, now });

  // Counted before the password is checked, in one write transaction: guesses sent in parallel
  // each take an attempt, and those past the limit never reach the check.
  const waitMs = reserveAttempt(db, counters, now);
  if (waitMs > 0) return { ok: false, reason: "throttled", retryAfterMs: waitMs };

  const user = db.select().from(users).where(eq(users.email, email)).get();
  const passwordOk = user ? await verifyPassword(user.passwordHash, input.password) : false;
  if (!user) await burnPasswordCheck(input.password);

  if (!user || !passwordOk || !user.active) {
    recordAudit(db, { userId: user?.id ?? null, ip: input.ip }, { action: "auth.login_failed" });
    return { ok: false, reason: "invalid" };
  }
  releaseAttempt(db, counters);

  if (user.totpEnabledAt) return { ok: false, reason: "second-factor", userId: user.id };

  const sessionToken = createSession(db, user.id, { ip: input.ip, userAgent: input.userAgent ?? null, now });
  db.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id)).run();
  recordAudit(db, { userId: user.id, ip: input.ip }, { action: "auth.login" });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role }, sessionToken };
}

/** Ends the session of this token, and notes in the journal whose it was (nothing for a dead one). */
export function logout(db: Db, token: string, ip: string | null, now: Date = new Date()): void {
  const user = getSessionUser(db, token, now);
  destroySession(db, token);
  if (user) recordAudit(db, { userId: user.id, ip }, { action: "auth.logout" });
}

export type CodeLoginResult =
  | { ok: true; user: PublicUser; sessionToken: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterMs: number };

/** Second step of a login: the same growing delays as passwords, so six digits cannot be walked through. */
export function loginWithCode(
  db: Db,
  input: { userId: number; code: string; ip: string | null; userAgent?: string | null; now?: Date },
): CodeLoginResult {
  const now = input.now ?? new Date();
  const user = db.select().from(users).where(eq(users.id, input.userId)).get();
  if (!user || !user.active) return { ok: false, reason: "invalid" };
  const counters: AttemptCounter[] = [
    { key: `code:${user.email}`, freeFailures: THROTTLE.freeCodeFailuresPerAccount, refund: "forget" },
  ];
  const waitMs = reserveAttempt(db, counters, now);
  if (waitMs > 0) return { ok: false, reason: "throttled", retryAfterMs: waitMs };

  if (!verifyLoginCode(db, user.id, input.code, now)) {
    recordAudit(db, { userId: user.id, ip: input.ip }, { action: "auth.login_code_failed" });
    return { ok: false, reason: "invalid" };
  }
  releaseAttempt(db, counters);
  const sessionToken = createSession(db, user.id, { ip: input.ip, userAgent: input.userAgent ?? null, now });
  db.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id)).run();
  recordAudit(db, { userId: user.id, ip: input.ip }, { action: "auth.login", details: { secondFactor: true } });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role }, sessionToken };
}

function throttleCounters(email: string, attempt: Attempt): AttemptCounter[] {
  if (attempt.device && attempt.device.email === email) {
    return [{ key: `device:${attempt.device.id}`, freeFailures: THROTTLE.freeFailuresPerDevice, refund: "forget" }];
  }
  const counters: AttemptCounter[] = [
    { key: `account:${email}`, freeFailures: THROTTLE.freeFailuresPerAccount, refund: "one" },
  ];
  if (attempt.ip) {
    counters.push(
      {
        key: `account-ip:${email}|${attempt.ip}`,
        freeFailures: THROTTLE.freeFailuresPerAccountAndIp,
        refund: "forget",
      },
      { key: `ip:${attempt.ip}`, freeFailures: THROTTLE.freeFailuresPerIp, refund: "one" },
    );
  }
  return counters;
}
