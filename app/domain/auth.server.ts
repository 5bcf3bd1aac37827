import { eq, lt } from "drizzle-orm";
import { authSessions, users } from "../../db/schema";
import type { Db } from "../lib/db.server";
import { burnPasswordCheck, verifyPassword } from "../lib/password.server";
import { generateToken, hashToken } from "../lib/tokens.server";
import { ATTEMPT_DELAYS, releaseAttempt, reserveAttempt, type AttemptCounter } from "./attempts.server";
import { recordAudit } from "./audit.server";
import { verifyLoginCode } from "./two-factor.server";
import { normaliseEmail, type PublicUser } from "./users.server";
import type { UserRole } from "./vocabulary";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A session ends after this long without a request… */
export const SESSION_IDLE_MS = 8 * HOUR;
/** …and in any case this long after login. */
export const SESSION_ABSOLUTE_MS = 7 * 24 * HOUR;

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
  input: { email: string; password: string; ip: string | null; device?: KnownDevice | null; userAgent?: string | null; now?: Date },
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
    recordAudit(db, { userId: user?.id ?? null, action: "auth.login_failed", ip: input.ip });
    return { ok: false, reason: "invalid" };
  }
  releaseAttempt(db, counters);

  if (user.totpEnabledAt) return { ok: false, reason: "second-factor", userId: user.id };

  const sessionToken = createSession(db, user.id, { ip: input.ip, userAgent: input.userAgent ?? null, now });
  db.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id)).run();
  recordAudit(db, { userId: user.id, action: "auth.login", ip: input.ip });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role }, sessionToken };
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
  const counters: AttemptCounter[] = [{ key: `code:${user.email}`, freeFailures: THROTTLE.freeCodeFailuresPerAccount, refund: "forget" }];
  const waitMs = reserveAttempt(db, counters, now);
  if (waitMs > 0) return { ok: false, reason: "throttled", retryAfterMs: waitMs };

  if (!verifyLoginCode(db, user.id, input.code, now)) {
    recordAudit(db, { userId: user.id, action: "auth.login_code_failed", ip: input.ip });
    return { ok: false, reason: "invalid" };
  }
  releaseAttempt(db, counters);
  const sessionToken = createSession(db, user.id, { ip: input.ip, userAgent: input.userAgent ?? null, now });
  db.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id)).run();
  recordAudit(db, { userId: user.id, action: "auth.login", ip: input.ip, details: { secondFactor: true } });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role }, sessionToken };
}

function throttleCounters(email: string, attempt: Attempt): AttemptCounter[] {
  if (attempt.device && attempt.device.email === email) {
    return [{ key: `device:${attempt.device.id}`, freeFailures: THROTTLE.freeFailuresPerDevice, refund: "forget" }];
  }
  const counters: AttemptCounter[] = [{ key: `account:${email}`, freeFailures: THROTTLE.freeFailuresPerAccount, refund: "one" }];
  if (attempt.ip) {
    counters.push(
      { key: `account-ip:${email}|${attempt.ip}`, freeFailures: THROTTLE.freeFailuresPerAccountAndIp, refund: "forget" },
      { key: `ip:${attempt.ip}`, freeFailures: THROTTLE.freeFailuresPerIp, refund: "one" },
    );
  }
  return counters;
}

export function createSession(
  db: Db,
  userId: number,
  meta: { ip: string | null; userAgent: string | null; now: Date },
): string {
  const token = generateToken(32);
  db.insert(authSessions)
    .values({
      id: hashToken(token),
      userId,
      createdAt: meta.now,
      lastSeenAt: meta.now,
      expiresAt: new Date(meta.now.getTime() + SESSION_ABSOLUTE_MS),
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .run();
  return token;
}

/** The user behind a session token, or null when the session is unknown, idle too long or expired. */
/** Logged in, but made to enrol a second factor before anything else when an admin requires it. */
export type SessionUser = PublicUser & { mustEnrolTwoFactor: boolean };

export function getSessionUser(db: Db, token: string, now: Date = new Date()): SessionUser | null {
  const id = hashToken(token);
  const row = db
    .select({
      lastSeenAt: authSessions.lastSeenAt,
      expiresAt: authSessions.expiresAt,
      user: { id: users.id, email: users.email, name: users.name, role: users.role, active: users.active },
      totpRequired: users.totpRequired,
      totpEnabledAt: users.totpEnabledAt,
    })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .where(eq(authSessions.id, id))
    .get();
  if (!row) return null;
  const idle = now.getTime() - row.lastSeenAt.getTime() > SESSION_IDLE_MS;
  if (idle || row.expiresAt <= now || !row.user.active) {
    db.delete(authSessions).where(eq(authSessions.id, id)).run();
    return null;
  }
  // Writing on every request would serialise readers on the write lock; a minute of slack is enough.
  if (now.getTime() - row.lastSeenAt.getTime() > MINUTE) {
    db.update(authSessions).set({ lastSeenAt: now }).where(eq(authSessions.id, id)).run();
  }
  const { active: _active, ...user } = row.user;
  return { ...user, mustEnrolTwoFactor: row.totpRequired && row.totpEnabledAt === null };
}

export function destroySession(db: Db, token: string): void {
  db.delete(authSessions).where(eq(authSessions.id, hashToken(token))).run();
}

export function destroyUserSessions(db: Db, userId: number): void {
  db.delete(authSessions).where(eq(authSessions.userId, userId)).run();
}

export function purgeExpiredSessions(db: Db, now: Date = new Date()): number {
  return db.delete(authSessions).where(lt(authSessions.expiresAt, now)).run().changes;
}

/** Who may open what in the back-office. Reviewers only see contributions. */
export function roleAllows(role: UserRole, needed: readonly UserRole[]): boolean {
  return needed.includes(role);
}

export const ADMIN_ONLY: readonly UserRole[] = ["admin"];
export const ORGANISERS: readonly UserRole[] = ["admin", "organiser"];
export const EVERY_ROLE: readonly UserRole[] = ["admin", "organiser", "reviewer"];
