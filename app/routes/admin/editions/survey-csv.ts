import type { Route } from "./+types/survey-csv";
import { ORGANISERS } from "../../../domain/auth.server";
import { downloadName } from "../../../domain/exports.server";
import { surveyCsv } from "../../../domain/survey-results.server";
import { requireAdminEdition } from "../../../lib/admin-edition.server";
import { db } from "../../../lib/db.server";
import { requireUser } from "../../../lib/session.server";

/** The survey answers as a spreadsheet, with nothing that points to a person. */
export async function loader({ request, params }: Route.LoaderArgs) {
  await requireUser(request, ORGANISERS);
  const edition = requireAdminEdition(params.editionId);
  return new Response(surveyCsv(db(), edition.id), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${downloadName("questionnaire", edition.slug, "csv")}"`,
      "Cache-Control": "no-store",
    },
  });
}
