import type { Route } from "./+types/my-registration-data";
import { registrationDataExport } from "#app/domain/privacy/privacy.server.ts";
import { db } from "#app/lib/db.server.ts";
import { requireRegistration } from "#app/routes/_shared/private-page.server.ts";

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
