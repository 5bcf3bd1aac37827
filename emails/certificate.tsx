import { formatDate } from "#app/lib/time.ts";
import { frenchTypography as fr } from "#app/lib/typography.ts";
import { renderEmail, type RenderedEmail } from "./layout.tsx";

const NBSP = "\u00a0";

/**
 * The attendance certificate is ready. The outbox has no room for attachments, so the email
 * carries the link to the PDF behind the person's private link, and the verification code.
 */
export function certificateEmail(input: {
  person: { firstName: string; lastName: string };
  editionTitle: string;
  heldOn: Date;
  code: string;
  downloadUrl: string;
  manageUrl: string;
  verifyUrl: string;
}): RenderedEmail {
  const { person, editionTitle, heldOn, code, downloadUrl, manageUrl, verifyUrl } = input;
  const hello = `Bonjour ${person.firstName} ${person.lastName},`;
  const intro = `Merci d’avoir participé à la coordination territoriale « ${editionTitle} » du ${formatDate(heldOn)}. Votre attestation de présence est prête : vous pouvez la télécharger au format PDF.`;
  const check = `Elle porte le code de vérification ${code}. Votre employeur ou votre organisme de formation peut vérifier qu’elle est authentique sur ${verifyUrl}.`;
  const privacy =
    "Le lien de téléchargement passe par votre lien personnel d’inscription : gardez-le pour vous et transmettez plutôt le fichier PDF.";
  return renderEmail({
    subject: fr(`Votre attestation de présence — ${editionTitle}`),
    preheader: fr(`Attestation de présence à la coordination territoriale du ${formatDate(heldOn)}.`),
    body: (
      <>
        <p>{hello}</p>
        <p>{fr(intro)}</p>
        <p>
          <a
            href={downloadUrl}
            style={{
              display: "inline-block",
              background: "#1d4e89",
              color: "#ffffff",
              padding: "10px 18px",
              borderRadius: 6,
              textDecoration: "none",
              fontWeight: "bold",
            }}
          >
            Télécharger mon attestation (PDF)
          </a>
        </p>
        <p>
          Code de vérification{NBSP}: <strong>{code}</strong>
          <br />
          {fr("Vérification en ligne :")} <a href={verifyUrl}>{verifyUrl}</a>
        </p>
        <p>{fr(privacy)}</p>
        <p>
          Votre inscription{NBSP}: <a href={manageUrl}>{manageUrl}</a>
        </p>
        <p>L’équipe du SIAO{NBSP}95</p>
      </>
    ),
    text: fr(`${hello}

${intro}

Télécharger mon attestation (PDF) :
${downloadUrl}

${check}

${privacy}

Votre inscription : ${manageUrl}

L’équipe du SIAO 95`),
  });
}
