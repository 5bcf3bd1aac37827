import type { Route } from "./+types/certificates-pdf";
import { ORGANISERS } from "../../../domain/auth.server";
import { recordCertificatesExport, validCertificatesOfEdition } from "../../../domain/certificates/certificates.server";
import { certificatesPdf } from "../../../domain/certificates/pdf.server";
import { downloadName } from "../../../domain/exports.server";
import { requireAdminEdition } from "../../../lib/admin-edition.server";
import { db } from "../../../lib/db.server";
import { env } from "../../../lib/env.server";
import { requireUser } from "../../../lib/session.server";
import { requestInfo } from "../../../server/load-context";

/** Every valid certificate of the edition in one PDF, a page each, to print or archive. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const user = await requireUser(request, ORGANISERS);
  const edition = requireAdminEdition(params.editionId);
  const list = validCertificatesOfEdition(db(), edition.id);
  const pdf = await certificatesPdf(list, {
    verifyBase: env().appUrl,
    title: `Attestations de présence – ${edition.title}`,
    emptyMessage: "Aucune attestation valable pour cette édition.",
  });
  recordCertificatesExport(db(), edition.id, list.length, { userId: user.id, ip: context.get(requestInfo).clientIp });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${downloadName("attestations", edition.slug, "pdf")}"`,
      "Cache-Control": "no-store",
    },
  });
}
