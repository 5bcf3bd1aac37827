import { editionPhase, registrantMay, registrationState, type PhaseEdition } from "#app/domain/editions/lifecycle.ts";
import type { Registration } from "./messages.server.ts";

/**
 * Whether a registrant may still hand over their place or correct their address, as the
 * lifecycle table says (docs/lifecycle.md): the same rule for the pages that offer it and the
 * domain functions that do it.
 */
export function registrantMayChange(
  action: "hand_over" | "correct_email",
  edition: PhaseEdition,
  registration: Pick<Registration, "status" | "checkedInAt">,
  now: Date,
): boolean {
  const phase = editionPhase(edition, now);
  return registrantMay(action, phase, registrationState(registration, phase));
}
