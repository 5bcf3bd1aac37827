// Who, among the registrations of one edition, a rule is about: the conditions every aggregate
// filters registrants by, so « still standing » or « was there » means the same thing everywhere.
import { and, eq, isNotNull, ne, type SQL } from "drizzle-orm";
import { registrations } from "#db/schema.ts";
import type { Db } from "#app/lib/db.server.ts";

type Registration = typeof registrations.$inferSelect;

/** Confirmed: holds a seat. */
export function confirmedIn(editionId: number): SQL {
  return and(eq(registrations.editionId, editionId), eq(registrations.status, "confirmed"))!;
}

/** Still standing: confirmed or on the waiting list, not cancelled. */
export function standingIn(editionId: number): SQL {
  return and(eq(registrations.editionId, editionId), ne(registrations.status, "cancelled"))!;
}

/** The people who were there: confirmed and checked in, erased or not. */
export function presentIn(editionId: number): SQL {
  return and(confirmedIn(editionId), isNotNull(registrations.checkedInAt))!;
}

/** The registrations of an edition that meet every condition given (an undefined one is skipped). */
export function registrationsOf(db: Db, editionId: number, ...conditions: (SQL | undefined)[]): Registration[] {
  return db
    .select()
    .from(registrations)
    .where(and(eq(registrations.editionId, editionId), ...conditions))
    .all();
}

export function findRegistration(db: Db, registrationId: number): Registration | undefined {
  return db.select().from(registrations).where(eq(registrations.id, registrationId)).get();
}
