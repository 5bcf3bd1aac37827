import { eq } from "drizzle-orm";
import { data } from "react-router";
import { editions } from "../../db/schema";
import { db } from "./db.server";

/** The edition of a back-office URL (any status), or a 404. The id comes from the URL only. */
export function requireAdminEdition(id: string | undefined) {
  const editionId = Number(id);
  const edition =
    Number.isSafeInteger(editionId) && editionId > 0
      ? db().select().from(editions).where(eq(editions.id, editionId)).get()
      : undefined;
  if (!edition) throw data({ title: "Édition introuvable" }, { status: 404 });
  return edition;
}
