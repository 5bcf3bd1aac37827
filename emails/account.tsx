import { formatDateTime } from "#app/lib/time.ts";
import { frenchTypography } from "#app/lib/typography.ts";
import { renderEmail, type RenderedEmail } from "./layout.tsx";

// Emails about organiser accounts. Each carries a one-time link to choose a password; the link
// is the only secret in the message, and it is never written anywhere else in clear.

const NBSP = "\u00a0";

export type AccountEmailInput = {
  /** The person the account belongs to. */
  name: string;
  /** The one-time link, `${APP_URL}/admin/invitation/<token>`. */
  url: string;
  expiresAt: Date;
};

function ActionLink({ url, label }: { url: string; label: string }) {
  return (
    <p>
      <a
        href={url}
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
        {label}
      </a>
    </p>
  );
}

const hello = (name: string) => `Bonjour ${name},`;
const ACCOUNT_FOOTER =
  "Vous recevez ce message parce qu’un compte de l’espace des organisateurs des coordinations territoriales du SIAO\u00a095 est à votre nom.";

const validity = (expiresAt: Date) =>
  `Ce lien ne sert qu’une fois et reste valable jusqu’au ${formatDateTime(expiresAt)}. Passé ce délai, demandez-en un nouveau à un administrateur.`;

export function accountInvitationEmail(
  input: AccountEmailInput & { roleLabel: string; invitedBy: string },
): RenderedEmail {
  const { name, url, expiresAt, roleLabel, invitedBy } = input;
  const intro = `${invitedBy} vous a créé un compte « ${roleLabel} » dans l’espace des organisateurs des coordinations territoriales du SIAO 95.`;
  const next = "Pour l’activer, choisissez votre mot de passe en suivant ce lien :";
  return renderEmail({
    footer: ACCOUNT_FOOTER,
    subject: fr("Votre compte dans l’espace des organisateurs — CTS SIAO 95"),
    preheader: fr("Choisissez votre mot de passe pour activer votre compte."),
    body: (
      <>
        <p>{hello(name)}</p>
        <p>{fr(intro)}</p>
        <p>{fr(next)}</p>
        <ActionLink url={url} label="Choisir mon mot de passe" />
        <p>{fr(validity(expiresAt))}</p>
        <p>
          {fr(
            "Si vous ne vous attendiez pas à ce message, ignorez-le : sans mot de passe choisi, le compte reste inutilisable.",
          )}
        </p>
        <p>L’équipe du SIAO{NBSP}95</p>
      </>
    ),
    text: fr(`${hello(name)}

${intro}

${next}
${url}

${validity(expiresAt)}

Si vous ne vous attendiez pas à ce message, ignorez-le : sans mot de passe choisi, le compte reste inutilisable.

L’équipe du SIAO 95`),
  });
}

export function passwordResetEmail(input: AccountEmailInput): RenderedEmail {
  const { name, url, expiresAt } = input;
  const intro =
    "Un administrateur a réinitialisé le mot de passe de votre compte dans l’espace des organisateurs des coordinations territoriales du SIAO 95. L’ancien mot de passe ne fonctionne plus et vos sessions ouvertes ont été fermées.";
  const next = "Choisissez un nouveau mot de passe en suivant ce lien :";
  return renderEmail({
    footer: ACCOUNT_FOOTER,
    subject: fr("Réinitialisation de votre mot de passe — CTS SIAO 95"),
    preheader: fr("Choisissez un nouveau mot de passe."),
    body: (
      <>
        <p>{hello(name)}</p>
        <p>{fr(intro)}</p>
        <p>{fr(next)}</p>
        <ActionLink url={url} label="Choisir un nouveau mot de passe" />
        <p>{fr(validity(expiresAt))}</p>
        <p>
          {fr(
            "Si vous n’avez rien demandé, prévenez l’équipe du SIAO 95 : quelqu’un s’inquiète peut-être de la sécurité de votre compte.",
          )}
        </p>
        <p>L’équipe du SIAO{NBSP}95</p>
      </>
    ),
    text: fr(`${hello(name)}

${intro}

${next}
${url}

${validity(expiresAt)}

Si vous n’avez rien demandé, prévenez l’équipe du SIAO 95 : quelqu’un s’inquiète peut-être de la sécurité de votre compte.

L’équipe du SIAO 95`),
  });
}

function fr(text: string): string {
  return frenchTypography(text).replace(/SIAO 95/g, `SIAO${NBSP}95`);
}
