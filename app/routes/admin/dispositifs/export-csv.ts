import type { Route } from "./+types/export-csv";
import { ORGANISERS } from "../../../domain/auth.server";
import { directoryCsv } from "../../../domain/dispositif-import.server";
import { db } from "../../../lib/db.server";
import { requireUser } from "../../../lib/session.server";
import { parisDateString } from "../../../lib/time";

/** The whole directory, retired services included, in the format the import reads back. */
export async function loader({ request }: Route.LoaderArgs) {
  await requireUser(request, ORGANISERS);
  return new Response(directoryCsv(db()), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="repertoire-dispositifs-${parisDateString(new Date())}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
