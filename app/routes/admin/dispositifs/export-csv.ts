import type { Route } from "./+types/export-csv";
import { ORGANISERS } from "#app/domain/accounts/roles.ts";
import { directoryCsv } from "#app/domain/directory/import.server.ts";
import { db } from "#app/lib/db.server.ts";
import { requireRole } from "#app/routes/_shared/admin-session.server.ts";
import { parisDateString } from "#app/lib/time.ts";

/** The whole directory, retired services included, in the format the import reads back. */
export async function loader({ context }: Route.LoaderArgs) {
  requireRole(context, ORGANISERS);
  return new Response(directoryCsv(db()), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="repertoire-dispositifs-${parisDateString(new Date())}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
