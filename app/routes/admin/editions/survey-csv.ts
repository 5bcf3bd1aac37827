import type { Route } from "./+types/survey-csv";
import { ORGANISERS } from "#app/domain/accounts/roles.ts";
import { downloadName } from "#app/domain/registrations/exports.server.ts";
import { surveyCsv } from "#app/domain/survey/results.server.ts";
import { requireEditionAccess } from "#app/routes/_shared/admin-edition.server.ts";
import { db } from "#app/lib/db.server.ts";

/** The survey answers as a spreadsheet, with nothing that points to a person. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const { edition } = requireEditionAccess(context, params.editionId, ORGANISERS);
  return new Response(surveyCsv(db(), edition.id), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${downloadName("questionnaire", edition.slug, "csv")}"`,
      "Cache-Control": "no-store",
    },
  });
}
