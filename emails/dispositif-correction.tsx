import { frenchTypography } from "#app/lib/typography.ts";
import { renderEmail, type RenderedEmail } from "./layout.tsx";

// Tells the organisers that someone asked for a correction of a directory entry. The text the
// person typed is shown as text (React escapes it), never as markup.

const NBSP = "\u00a0";

const ORGANISER_FOOTER =
  "Vous recevez ce message parce que vous êtes organisateur ou administrateur du répertoire des dispositifs d’aller-vers du SIAO\u00a095.";

export function correctionRequestEmail(input: {
  dispositif: { name: string; operator: string; url: string };
  fieldLabel: string;
  message: string;
  requester: { name: string; email: string };
  backOfficeUrl: string;
}): RenderedEmail {
  const { dispositif, fieldLabel, message, requester, backOfficeUrl } = input;
  const fr = (text: string) => frenchTypography(text).replace(/SIAO 95/g, `SIAO${NBSP}95`);
  const subject = fr(`Demande de correction : ${dispositif.name}`);
  const intro = fr(
    `${requester.name} (${requester.email}) demande une correction de la fiche « ${dispositif.name} » (${dispositif.operator}) du répertoire des dispositifs.`,
  );
  return renderEmail({
    footer: ORGANISER_FOOTER,
    subject,
    preheader: fr(`Champ concerné : ${fieldLabel}.`),
    body: (
      <>
        <p>Bonjour,</p>
        <p>{intro}</p>
        <p>
          <strong>Champ concerné{NBSP}:</strong> {fieldLabel}
        </p>
        <p>
          <strong>Correction proposée{NBSP}:</strong>
        </p>
        <p style={{ whiteSpace: "pre-wrap", borderLeft: "4px solid #1d4e89", paddingLeft: 12 }}>{message}</p>
        <p>
          La fiche publique{NBSP}: <a href={dispositif.url}>{dispositif.url}</a>
        </p>
        <p>
          Les demandes à traiter{NBSP}: <a href={backOfficeUrl}>{backOfficeUrl}</a>
        </p>
      </>
    ),
    text: `Bonjour,

${intro}

${fr(`Champ concerné : ${fieldLabel}`)}

${fr("Correction proposée :")}
${message}

${fr(`La fiche publique : ${dispositif.url}`)}
${fr(`Les demandes à traiter : ${backOfficeUrl}`)}`,
  });
}
