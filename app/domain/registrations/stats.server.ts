import { count, eq, sql } from "drizzle-orm";
import { registrations } from "#db/schema.ts";
import type { Db } from "#app/lib/db.server.ts";
import { standingIn } from "./queries.server.ts";
import { parisDateString } from "#app/lib/time.ts";
import { STRUCTURE_TYPES, type StructureType } from "#app/domain/shared/vocabulary.ts";

const HOUR = 3_600_000;

/**
 * Registrations made each Paris calendar day. SQLite groups by UTC hour (cheap on thousands of
 * rows); each hour is then put in its Paris day, which is exact since Paris offsets are whole hours.
 */
export function registrationsPerDay(db: Db, editionId: number): Array<{ day: string; count: number }> {
  const hours = db
    .select({ hour: sql<number>`${registrations.createdAt} / ${HOUR}`, n: count() })
    .from(registrations)
    .where(eq(registrations.editionId, editionId))
    .groupBy(sql`1`)
    .all();
  const perDay = new Map<string, number>();
  for (const { hour, n } of hours) {
    const day = parisDateString(hour * HOUR);
    perDay.set(day, (perDay.get(day) ?? 0) + n);
  }
  const days = [...perDay.keys()].sort();
  if (days.length === 0) return [];
  // Every day between the first and the last, zeros included, so the chart shows the rhythm.
  const result: Array<{ day: string; count: number }> = [];
  for (let t = Date.parse(`${days[0]}T12:00:00Z`); t <= Date.parse(`${days.at(-1)}T12:00:00Z`); t += 24 * HOUR) {
    const day = new Date(t).toISOString().slice(0, 10);
    result.push({ day, count: perDay.get(day) ?? 0 });
  }
  return result;
}

/** Active registrations (confirmed or waiting) by structure type, every type listed. */
export function registrationsPerStructureType(
  db: Db,
  editionId: number,
): Array<{ type: StructureType; count: number }> {
  const rows = db
    .select({ type: registrations.structureType, n: count() })
    .from(registrations)
    .where(standingIn(editionId))
    .groupBy(registrations.structureType)
    .all();
  return STRUCTURE_TYPES.map((type) => ({ type, count: rows.find((row) => row.type === type)?.n ?? 0 }));
}
