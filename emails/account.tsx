import { formatDateTime } from "#app/lib/time.ts";
import { CallToAction, Greeting, Say, Signature } from "./components.tsx";
import { defineEmail } from "./render.tsx";

// Emails about organiser accounts. Each carries a one-time link to choose a password; the link
// is the only secret in the message, and it is never written anywhere else in clear.

export type AccountEmailProps = {
  /** The person the account belongs to. */
  name: string;
  /** The one-time link, `${APP_URL}/admin/invitation/<token>`. */
  url: string;
  expiresAt: Date;
};

function Validity({ expiresAt }: { expiresAt: Date }) {
  return (
    <Say>
      {`Ce lien ne sert qu’une fois et reste valable jusqu’au ${formatDateTime(expiresAt)}. Passé ce délai, demandez-en un nouveau avec « Mot de passe oublié ? » sur la page de connexion.`}
    </Say>
  );
}

export const accountInvitation = defineEmail<AccountEmailProps & { roleLabel: string; invitedBy: string }>({
  footer: "account",
  subject: () => "Votre compte dans l’Espace organisation — CTS SIAO 95",
  preview: () => "Choisissez votre mot de passe pour activer votre compte.",
  Body: ({ name, url, expiresAt, roleLabel, invitedBy }) => (
    <>
      <Greeting name={name} />
      <Say>
        {`${invitedBy} vous a créé un compte (rôle « ${roleLabel} ») dans l’Espace organisation des coordinations territoriales du SIAO 95.`}
      </Say>
      <Say>Pour l’activer, choisissez votre mot de passe en suivant ce lien :</Say>
      <CallToAction href={url}>Choisir mon mot de passe</CallToAction>
      <Validity expiresAt={expiresAt} />
      <Say>
        Si vous ne vous attendiez pas à ce message, ignorez-le : sans mot de passe choisi, le compte reste inutilisable.
      </Say>
      <Signature />
    </>
  ),
});

export const passwordReset = defineEmail<AccountEmailProps>({
  footer: "account",
  subject: () => "Réinitialisation de votre mot de passe — CTS SIAO 95",
  preview: () => "Choisissez un nouveau mot de passe.",
  Body: ({ name, url, expiresAt }) => (
    <>
      <Greeting name={name} />
      <Say>
        L’équipe d’administration a réinitialisé le mot de passe de votre compte dans l’Espace organisation des
        coordinations territoriales du SIAO 95. L’ancien mot de passe ne fonctionne plus et vos sessions ouvertes ont
        été fermées.
      </Say>
      <Say>Choisissez un nouveau mot de passe en suivant ce lien :</Say>
      <CallToAction href={url}>Choisir un nouveau mot de passe</CallToAction>
      <Validity expiresAt={expiresAt} />
      <Say>
        Si vous n’avez rien demandé, prévenez l’équipe du SIAO 95 : quelqu’un s’inquiète peut-être de la sécurité de
        votre compte.
      </Say>
      <Signature />
    </>
  ),
});

export const passwordForgotten = defineEmail<AccountEmailProps>({
  footer: "account",
  subject: () => "Choisir un nouveau mot de passe — CTS SIAO 95",
  preview: () => "Le lien demandé avec « Mot de passe oublié ? ».",
  Body: ({ name, url, expiresAt }) => (
    <>
      <Greeting name={name} />
      <Say>
        Quelqu’un, sans doute vous, a demandé à choisir un nouveau mot de passe pour votre compte de l’Espace
        organisation des coordinations territoriales du SIAO 95.
      </Say>
      <Say>Choisissez-le en suivant ce lien :</Say>
      <CallToAction href={url}>Choisir un nouveau mot de passe</CallToAction>
      <Validity expiresAt={expiresAt} />
      <Say>
        Si vous n’avez rien demandé, ignorez ce message : votre mot de passe actuel reste valable tant que le lien n’a
        pas servi.
      </Say>
      <Signature />
    </>
  ),
});
