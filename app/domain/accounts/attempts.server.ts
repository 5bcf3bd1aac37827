import { and, eq, isNull, lt, or } from "drizzle-orm";
import { loginThrottle } from "#db/schema.ts";
import { immediate, type Db } from "#app/lib/db.server.ts";

/**
 * Counters of attempts at a secret (a password, a code), kept in the database so that every
 * process sees them. An attempt is taken before the secret is checked, in one write transaction:
 * guesses sent in parallel each take one, and those past the limit never reach the check.
 * Past the free attempts each one doubles the wait, up to a ceiling, rather than locking for good.
 */
export type AttemptCounter = {
  key: string;
  freeFailures: number;
  /** On success: forget the counter, or give back only the attempt just taken (shared counters). */
  refund: "forget" | "one";
};

export const ATTEMPT_DELAYS = {
  firstDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
} as const;

function blockedUntil(failures: number, freeFailures: number, now: Date): Date | null {
  const over = failures - freeFailures;
  if (over < 0) return null;
  return new Date(now.getTime() + Math.min(ATTEMPT_DELAYS.maxDelayMs, ATTEMPT_DELAYS.firstDelayMs * 2 ** over));
}

/** Takes one attempt on every counter, or none when one of them is waiting: returns the wait in ms, 0 to go on. */
export function reserveAttempt(db: Db, counters: readonly AttemptCounter[], now: Date): number {
  return immediate(db, () => {
    const rows = counters.map((counter) => ({
      counter,
      row: db.select().from(loginThrottle).where(eq(loginThrottle.key, counter.key)).get(),
    }));
    const waitMs = Math.max(
      0,
      ...rows.map(({ row }) => (row?.blockedUntil ? row.blockedUntil.getTime() - now.getTime() : 0)),
    );
    if (waitMs > 0) return waitMs;
    for (const { counter, row } of rows) {
      const stale = row && now.getTime() - row.lastFailureAt.getTime() > ATTEMPT_DELAYS.forgetAfterMs;
      const failures = row && !stale ? row.failures + 1 : 1;
      const until = blockedUntil(failures, counter.freeFailures, now);
      db.insert(loginThrottle)
        .values({ key: counter.key, failures, lastFailureAt: now, blockedUntil: until })
        .onConflictDoUpdate({ target: loginThrottle.key, set: { failures, lastFailureAt: now, blockedUntil: until } })
        .run();
    }
    return 0;
  });
}

/** After a successful attempt. */
export function releaseAttempt(db: Db, counters: readonly AttemptCounter[]): void {
  immediate(db, () => {
    for (const counter of counters) {
      if (counter.refund === "forget") {
        db.delete(loginThrottle).where(eq(loginThrottle.key, counter.key)).run();
        continue;
      }
      const row = db.select().from(loginThrottle).where(eq(loginThrottle.key, counter.key)).get();
      if (!row) continue;
      const failures = Math.max(0, row.failures - 1);
      db.update(loginThrottle)
        .set({ failures, blockedUntil: failures >= counter.freeFailures ? row.blockedUntil : null })
        .where(eq(loginThrottle.key, counter.key))
        .run();
    }
  });
}

/**
 * Counters hold the addresses people typed and their IP: once a counter would be forgotten
 * anyway (no failure for `forgetAfterMs`, no wait running), the row goes.
 */
export function forgetStaleAttempts(db: Db, now: Date): number {
  const idleSince = new Date(now.getTime() - ATTEMPT_DELAYS.forgetAfterMs);
  return db
    .delete(loginThrottle)
    .where(
      and(
        lt(loginThrottle.lastFailureAt, idleSince),
        or(isNull(loginThrottle.blockedUntil), lt(loginThrottle.blockedUntil, now)),
      ),
    )
    .run().changes;
}
