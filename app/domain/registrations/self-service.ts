import type { Edition } from "#app/domain/editions/editions.server.ts";
import type { Registration } from "./messages.server.ts";

/**
 * Whether a registrant may still hand over their place or correct their address: the same
 * moments as cancelling in docs/lifecycle.md (a published edition, before its start, a live
 * registration). Kept local until the lifecycle module offers the check itself.
 */
export function registrantMayChange(
  edition: Pick<Edition, "status" | "startsAt">,
  registration: Pick<Registration, "status">,
  now: Date,
): boolean {
  return edition.status === "published" && now < edition.startsAt && registration.status !== "cancelled";
}
