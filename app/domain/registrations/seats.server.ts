import { findEdition, registrationWindow } from "#app/domain/editions/editions.server.ts";
import type { Db } from "#app/lib/db.server.ts";
import { confirmedCount } from "./registrations.server.ts";

/**
 * What the public pages say about seats. `open` tells whether the form takes input now (an
 * edition whose registrations open later still shows its seats, without a button).
 */
export type Seats =
  | { kind: "left"; seatsLeft: number; open: boolean }
  | { kind: "full_waitlist"; open: boolean }
  | { kind: "full"; open: boolean };

/**
 * The seats of a published edition whose registrations are open or still to come; null when
 * there is nothing to register for (window over, no window, edition over or cancelled). These
 * counts are shown on cached pages that are kept a few seconds only, since registrations do
 * not bump the content version (docs/decisions/019-seats-at-a-glance.md).
 */
export function seatsAtAGlance(db: Db, editionId: number, now: Date = new Date()): Seats | null {
  const edition = findEdition(db, editionId)?.edition;
  if (!edition) return null;
  const window = registrationWindow(edition, now);
  if (window.state === "closed") return null;
  const open = window.state === "open";
  const seatsLeft = Math.max(0, edition.capacity - confirmedCount(db, edition.id));
  if (seatsLeft > 0) return { kind: "left", seatsLeft, open };
  return edition.waitlistEnabled ? { kind: "full_waitlist", open } : { kind: "full", open };
}
