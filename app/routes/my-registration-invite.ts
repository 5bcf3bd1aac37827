import type { Route } from "./+types/my-registration-invite";
import { currentInvite } from "#app/domain/registrations/registrations.server.ts";
import { db } from "#app/lib/db.server.ts";
import { mailContext } from "#app/lib/mail-context.server.ts";
import { inviteResponse } from "#app/routes/_shared/calendar-response.ts";
import { requireRegistration } from "#app/routes/_shared/private-page.server.ts";

export function loader({ params }: Route.LoaderArgs) {
  return inviteResponse(
    currentInvite(db(), mailContext(), requireRegistration(params.token), params.token),
    "cts-invitation.ics",
    "Aucune invitation : cette inscription n’est pas confirmée.",
  );
}
