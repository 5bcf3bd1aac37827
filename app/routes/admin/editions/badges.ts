import type { Route } from "./+types/badges";
import { ORGANISERS } from "#app/domain/accounts/roles.ts";
import { badgesPdf, downloadName } from "#app/domain/registrations/exports.server.ts";
import { requireEditionAccess } from "#app/routes/_shared/admin-edition.server.ts";
import { db } from "#app/lib/db.server.ts";
import { mailContext } from "#app/lib/mail-context.server.ts";

/** Name badges of the confirmed people, 8 to an A4 sheet, ready to print and cut. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const { edition } = requireEditionAccess(context, params.editionId, ORGANISERS);
  const pdf = await badgesPdf(db(), mailContext(), edition.id);
  // pdf-lib types its bytes as possibly shared memory, which a Response body may not be.
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${downloadName("badges", edition.slug, "pdf")}"`,
      "Cache-Control": "no-store",
    },
  });
}
