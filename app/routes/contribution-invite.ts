import type { Route } from "./+types/contribution-invite";
import { currentSpeakerInvite } from "#app/domain/contributions/submissions.server.ts";
import { db } from "#app/lib/db.server.ts";
import { mailContext } from "#app/lib/mail-context.server.ts";
import { requireContribution } from "#app/routes/_shared/contribution-link.server.ts";

export function loader({ params }: Route.LoaderArgs) {
  const contribution = requireContribution(params.token);
  const ics = currentSpeakerInvite(db(), mailContext(), contribution, params.token);
  if (!ics) {
    return new Response(
      "Aucune invitation : cette contribution n’est pas retenue, ou la réponse n’a pas encore été envoyée.",
      {
        status: 404,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      },
    );
  }
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8; method=REQUEST",
      "Content-Disposition": 'attachment; filename="cts-intervention.ics"',
    },
  });
}
