import type { Route } from "./+types/my-registration-data";
import { registrationDataExport } from "../domain/privacy.server";
import { db } from "../lib/db.server";
import { requireRegistration } from "../lib/private-page.server";

/** Right of access: everything we hold about this registration, as a JSON file. */
export function loader({ params }: Route.LoaderArgs) {
  const registration = requireRegistration(params.token);
  const data = registrationDataExport(db(), registration.id);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="mes-donnees-cts.json"',
    },
  });
}
