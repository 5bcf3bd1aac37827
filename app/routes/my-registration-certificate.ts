import type { Route } from "./+types/my-registration-certificate";
import { type Certificate, CertificateError, certificateForDownload } from "../domain/certificates/certificates.server";
import { certificatesPdf } from "../domain/certificates/pdf.server";
import { downloadName } from "../domain/exports.server";
import { db } from "../lib/db.server";
import { env } from "../lib/env.server";
import { requireRegistration } from "../lib/private-page.server";

/** The person's attendance certificate as a PDF, issued on the first download once the edition is held. */
export async function loader({ params }: Route.LoaderArgs) {
  const registration = requireRegistration(params.token);
  let certificate: Certificate;
  try {
    certificate = certificateForDownload(db(), registration);
  } catch (error) {
    if (!(error instanceof CertificateError)) throw error;
    return new Response(error.message, { status: error.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
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
