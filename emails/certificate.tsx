import { formatDate } from "#app/lib/time.ts";
import { CallToAction, fullName, Greeting, NBSP, Say, Signature, type EmailPerson } from "./components.tsx";
import { defineEmail } from "./render.tsx";

/**
 * The attendance certificate is ready. The outbox has no room for attachments, so the email
 * carries the link to the PDF behind the person's private link, and the verification code.
 */
export const certificateIssued = defineEmail<{
  person: EmailPerson;
  editionTitle: string;
  heldOn: Date;
  code: string;
  downloadUrl: string;
  manageUrl: string;
  verifyUrl: string;
}>({
  footer: "registrant",
  subject: ({ editionTitle }) => `Votre attestation de présence — ${editionTitle}`,
  preview: ({ heldOn }) => `Attestation de présence à la coordination territoriale du ${formatDate(heldOn)}.`,
  Body: ({ person, editionTitle, heldOn, code, downloadUrl, manageUrl, verifyUrl }) => (
    <>
      <Greeting name={fullName(person)} />
      <Say>
        {`Merci d’avoir participé à la coordination territoriale « ${editionTitle} » du ${formatDate(heldOn)}. Votre attestation de présence est prête : vous pouvez la télécharger au format PDF.`}
      </Say>
      <CallToAction href={downloadUrl}>Télécharger mon attestation (PDF)</CallToAction>
      <p>
        Elle porte le code de vérification <strong>{code}</strong>. Votre employeur ou votre organisme de formation peut
        vérifier qu’elle est authentique sur <a href={verifyUrl}>{verifyUrl}</a>.
      </p>
      <Say>
        Le lien de téléchargement passe par votre lien personnel d’inscription : gardez-le pour vous et transmettez
        plutôt le fichier PDF.
      </Say>
      <p>
        Votre inscription{NBSP}: <a href={manageUrl}>{manageUrl}</a>
      </p>
      <Signature />
    </>
  ),
});
