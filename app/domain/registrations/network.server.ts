import { findEdition } from "#app/domain/editions/editions.server.ts";
import { and, asc, eq, isNull, ne } from "drizzle-orm";
import { registrations } from "#db/schema.ts";
import type { Db } from "#app/lib/db.server.ts";
import { foldText } from "#app/lib/fold.ts";
import type { Registration } from "./messages.server.ts";
import { presentIn, standingIn } from "./queries.server.ts";
import { STRUCTURE_TYPES, type StructureType } from "#app/domain/shared/vocabulary.ts";

// The participants' network: the list of people of an edition who chose to appear in it, seen
// only by the other people registered to that edition and by organisers; and, once the day is
// over, the organisations that took part, which the public page may show without any name.

export type NetworkEntry = { firstName: string; lastName: string; organisation: string; role: string | null };

const collator = new Intl.Collator("fr", { sensitivity: "base" });

/** People of an edition who opted in and still hold a registration, by last name. */
export function networkList(db: Db, editionId: number): NetworkEntry[] {
  return db
    .select({
      firstName: registrations.firstName,
      lastName: registrations.lastName,
      organisation: registrations.organisation,
      role: registrations.role,
    })
    .from(registrations)
    .where(and(standingIn(editionId), eq(registrations.listedInNetwork, true), isNull(registrations.anonymisedAt)))
    .orderBy(asc(registrations.id))
    .all()
    .sort((a, b) => collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName));
}

export type NetworkView = { allowed: true; listed: boolean; people: NetworkEntry[] } | { allowed: false };

/**
 * What the holder of a private link may see: the list of their own edition, and only while
 * their registration stands (confirmed or waiting). A cancelled registration sees nothing.
 */
export function networkForRegistration(db: Db, registration: Registration): NetworkView {
  if (registration.status === "cancelled" || registration.anonymisedAt) return { allowed: false };
  return { allowed: true, listed: registration.listedInNetwork, people: networkList(db, registration.editionId) };
}

/** Opting in or out, at any time while the registration stands. Returns false when it does not. */
export function setNetworkListing(db: Db, registrationId: number, listed: boolean, now: Date = new Date()): boolean {
  const changed = db
    .update(registrations)
    .set({ listedInNetwork: listed, updatedAt: now })
    .where(
      and(
        eq(registrations.id, registrationId),
        ne(registrations.status, "cancelled"),
        isNull(registrations.anonymisedAt),
      ),
    )
    .run().changes;
  return changed > 0;
}

export type OrganisationsByType = Array<{ type: StructureType; people: number; organisations: string[] }>;

/**
 * The organisations that took part in a held edition, by structure type: how many people of
 * each type were checked in and the names of their organisations, never a person's name. An
 * organisation typed several ways (case, accents, spacing) is listed once, under the spelling
 * most people used. Erased registrations still count, without their organisation.
 */
export function participatingOrganisations(
  db: Db,
  editionId: number,
  /** The edition's status when the caller has already read it: the page loader spares a query. */
  knownStatus?: string,
): OrganisationsByType {
  const status = knownStatus ?? findEdition(db, editionId)?.edition.status;
  if (status !== "held" && status !== "archived") return [];
  const rows = db
    .select({
      type: registrations.structureType,
      organisation: registrations.organisation,
      anonymisedAt: registrations.anonymisedAt,
    })
    .from(registrations)
    .where(presentIn(editionId))
    .all();
  return STRUCTURE_TYPES.map((type) => {
    const ofType = rows.filter((row) => row.type === type);
    const spellings = new Map<string, Map<string, number>>();
    for (const row of ofType) {
      if (row.anonymisedAt) continue;
      const name = row.organisation.replace(/\s+/g, " ").trim();
      const key = foldText(name);
      if (!key) continue;
      const counts = spellings.get(key) ?? new Map<string, number>();
      counts.set(name, (counts.get(name) ?? 0) + 1);
      spellings.set(key, counts);
    }
    const organisations = [...spellings.values()]
      .map((counts) => [...counts.entries()].sort(([a, na], [b, nb]) => nb - na || collator.compare(a, b))[0]![0])
      .sort(collator.compare);
    return { type, people: ofType.length, organisations };
  }).filter((group) => group.people > 0);
}
