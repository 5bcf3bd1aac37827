import { eq, lt } from "drizzle-orm";
import { authSessions, users } from "#db/schema.ts";
import type { Db } from "#app/lib/db.server.ts";
import { generateToken, hashToken } from "#app/lib/tokens.server.ts";
import type { PublicUser } from "./account.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A session ends after this long without a request… */
export const SESSION_IDLE_MS = 8 * HOUR;
/** …and in any case this long after login. */
export const SESSION_ABSOLUTE_MS = 7 * 24 * HOUR;

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
  db.delete(authSessions)
    .where(eq(authSessions.id, hashToken(token)))
    .run();
}

export function destroyUserSessions(db: Db, userId: number): void {
  db.delete(authSessions).where(eq(authSessions.userId, userId)).run();
}

export function purgeExpiredSessions(db: Db, now: Date = new Date()): number {
  return db.delete(authSessions).where(lt(authSessions.expiresAt, now)).run().changes;
}
