import type { Route } from "./+types/my-registration-certificate";
import {
  type Certificate,
  CertificateError,
  certificateForDownload,
} from "#app/domain/certificates/certificates.server.ts";
import { certificatesPdf } from "#app/domain/certificates/pdf.server.ts";
import { downloadName } from "#app/domain/registrations/exports.server.ts";
import { db } from "#app/lib/db.server.ts";
import { env } from "#app/lib/env.server.ts";
import { requireRegistration } from "#app/routes/_shared/private-page.server.ts";

/** The person's attendance certificate as a PDF, issued on the first download once the edition is held. */
export async function loader({ params }: Route.LoaderArgs) {
  const registration = requireRegistration(params.token);
  let certificate: Certificate;
  try {
    certificate = certificateForDownload(db(), registration);
  } catch (error) {
    if (!(error instanceof CertificateError)) throw error;
    return new Response(error.message, {
      status: error.status,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const pdf = await certificatesPdf([certificate], {
    verifyBase: env().appUrl,
    title: `Attestation de présence – ${certificate.fullName}`,
  });
  // pdf-lib types its bytes as possibly shared memory, which a Response body may not be.
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${downloadName("attestation", certificate.code, "pdf")}"`,
    },
  });
}
