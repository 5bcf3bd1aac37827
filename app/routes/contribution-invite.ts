import type { Route } from "./+types/contribution-invite";
import { currentSpeakerInvite } from "#app/domain/contributions/submissions.server.ts";
import { db } from "#app/lib/db.server.ts";
import { mailContext } from "#app/lib/mail-context.server.ts";
import { inviteResponse } from "#app/routes/_shared/calendar-response.ts";
import { requireContribution } from "#app/routes/_shared/contribution-link.server.ts";

export function loader({ params }: Route.LoaderArgs) {
  return inviteResponse(
    currentSpeakerInvite(db(), mailContext(), requireContribution(params.token), params.token),
    "cts-intervention.ics",
    "Aucune invitation : cette contribution n’est pas retenue, ou la réponse n’a pas encore été envoyée.",
  );
}
