import type { Route } from "./+types/my-registration-invite";
import { currentInvite } from "#app/domain/registrations/registrations.server.ts";
import { db } from "#app/lib/db.server.ts";
import { mailContext } from "#app/lib/mail-context.server.ts";
import { requireRegistration } from "#app/routes/_shared/private-page.server.ts";

export function loader({ params }: Route.LoaderArgs) {
  const registration = requireRegistration(params.token);
  const ics = currentInvite(db(), mailContext(), registration, params.token);
  if (!ics) {
    return new Response("Aucune invitation : cette inscription n’est pas confirmée.", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8; method=REQUEST",
      "Content-Disposition": 'attachment; filename="cts-invitation.ics"',
    },
  });
}
