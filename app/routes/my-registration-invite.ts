import type { Route } from "./+types/my-registration-invite";
import { currentInvite } from "../domain/registrations/registrations.server";
import { db } from "../lib/db.server";
import { mailContext } from "../lib/mail-context.server";
import { requireRegistration } from "../lib/private-page.server";

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
