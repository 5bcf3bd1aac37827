import { findEdition } from "#app/domain/editions/editions.server.ts";
import { db } from "#app/lib/db.server.ts";
import { invariantResponse } from "#app/routes/_shared/invariant.ts";

/** The edition of a back-office URL (any status), or a 404. The id comes from the URL only. */
export function requireAdminEdition(id: string | undefined) {
  const editionId = Number(id);
  const edition = Number.isSafeInteger(editionId) && editionId > 0 ? findEdition(db(), editionId)?.edition : undefined;
  invariantResponse(edition, 404, { title: "Édition introuvable" });
  return edition;
}
