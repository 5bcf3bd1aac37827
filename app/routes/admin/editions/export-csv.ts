import { z } from "zod";
import type { Route } from "./+types/export-csv";
import { ORGANISERS } from "#app/domain/accounts/roles.ts";
import { downloadName, registrationsCsv } from "#app/domain/registrations/exports.server.ts";
import { REGISTRATION_STATUSES } from "#app/domain/shared/vocabulary.ts";
import { requireEditionAccess } from "#app/routes/_shared/admin-edition.server.ts";
import { db } from "#app/lib/db.server.ts";

const querySchema = z.object({ statut: z.enum(REGISTRATION_STATUSES).optional() });

/** The registrations as a spreadsheet; `?statut=confirmed|waitlisted|cancelled` narrows it. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { edition } = requireEditionAccess(context, params.editionId, ORGANISERS);
  const statut = new URL(request.url).searchParams.get("statut");
  const query = querySchema.safeParse({ statut: statut || undefined });
  if (!query.success) {
    return new Response("Statut inconnu\u00a0: utilisez confirmed, waitlisted ou cancelled.", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const csv = registrationsCsv(db(), edition.id, { status: query.data.statut });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${downloadName("inscriptions", edition.slug, "csv")}"`,
      "Cache-Control": "no-store",
    },
  });
}
