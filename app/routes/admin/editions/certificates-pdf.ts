import type { Route } from "./+types/certificates-pdf";
import { ORGANISERS } from "#app/domain/accounts/roles.ts";
import { recordCertificatesExport, validCertificatesOfEdition } from "#app/domain/certificates/certificates.server.ts";
import { certificatesPdf } from "#app/domain/certificates/pdf.server.ts";
import { downloadName } from "#app/domain/registrations/exports.server.ts";
import { requireEditionAccess } from "#app/routes/_shared/admin-edition.server.ts";
import { db } from "#app/lib/db.server.ts";
import { env } from "#app/lib/env.server.ts";
import { actBy } from "#app/routes/_shared/act.server.ts";

/** Every valid certificate of the edition in one PDF, a page each, to print or archive. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const { actor, edition } = requireEditionAccess(context, params.editionId, ORGANISERS);
  const list = validCertificatesOfEdition(db(), edition.id);
  const pdf = await certificatesPdf(list, {
    verifyBase: env().appUrl,
    title: `Attestations de présence – ${edition.title}`,
    emptyMessage: "Aucune attestation valable pour cette édition.",
  });
  recordCertificatesExport(actBy(actor), edition.id, list.length);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${downloadName("attestations", edition.slug, "pdf")}"`,
      "Cache-Control": "no-store",
    },
  });
}
