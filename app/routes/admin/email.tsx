import { data, Form } from "react-router";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import type { Route } from "./+types/email";
import { ORGANISERS } from "#app/domain/accounts/roles.ts";
import { findEmail } from "#app/domain/shared/outbox-list.server.ts";
import { isAccountEmail, resendEmail } from "#app/domain/shared/outbox.server.ts";
import { EMAIL_STATUS_LABELS } from "#app/domain/shared/vocabulary.ts";
import { emailKindLabel } from "#emails/kinds.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { requireActor, requireRole } from "#app/routes/_shared/admin-session.server.ts";
import { actBy } from "#app/routes/_shared/act.server.ts";
import { formatDateTime } from "#app/lib/time.ts";
import { invariantResponse } from "#app/routes/_shared/invariant.ts";

export const meta: Route.MetaFunction = ({ loaderData }) =>
  pageMeta(loaderData ? `Courriel — ${loaderData.email.subject}` : "Courriel", "Un courriel de la plateforme.");

function emailById(id: string) {
  const email = findEmail(db(), Number(id));
  invariantResponse(email, 404, { title: "Courriel introuvable" });
  return email;
}

export async function loader({ params, context }: Route.LoaderArgs) {
  const user = requireRole(context, ORGANISERS);
  const email = emailById(params.emailId);
  // Account emails carry one-time links that open an account: only admins may read or resend them.
  if (isAccountEmail(email) && user.role !== "admin") {
    return {
      email: {
        ...email,
        html: "",
        text: "Contenu réservé à l’équipe d’administration\u00a0: ce courriel contient un lien d’accès à un compte.",
        ics: null,
      },
      restricted: true,
    };
  }
  return { email, restricted: false };
}

export async function action({ params, context }: Route.ActionArgs) {
  const { user, actor } = requireActor(context, ORGANISERS);
  const email = emailById(params.emailId);
  if (isAccountEmail(email) && user.role !== "admin") {
    throw data(
      { title: "Accès refusé", message: "Seule l’équipe d’administration peut renvoyer ce courriel." },
      { status: 403 },
    );
  }
  if (email.erasedAt || email.eraseAfterSend) {
    throw data(
      {
        title: "Courriel effacé",
        message: "Les données de la personne ont été effacées\u00a0: ce courriel ne peut plus être renvoyé.",
      },
      { status: 409 },
    );
  }
  const copy = resendEmail(actBy(actor), email.id);
  throw await redirectWithFlash(`/admin/courriels/${copy ?? email.id}`, {
    kind: "success",
    message: `Une copie du courriel n°\u00a0${email.id} a été remise dans la file d’envoi.`,
  });
}

export default function EmailPage({ loaderData }: Route.ComponentProps) {
  const { email, restricted } = loaderData;
  return (
    <>
      <p>
        <a href="/admin/courriels">← Tous les courriels</a>
      </p>
      <h1>{email.subject}</h1>
      {email.erasedAt ? (
        <p className="notice" role="status">
          Contenu effacé le {formatDateTime(email.erasedAt)}&nbsp;: les données personnelles qu’il contenait ont été
          effacées.
        </p>
      ) : email.eraseAfterSend ? (
        <p className="notice" role="status">
          Les données de la personne ont été effacées&nbsp;: ce courriel (l’annulation qui retire l’événement de son
          agenda) sera effacé dès son envoi.
        </p>
      ) : null}
      <dl className="meta-list">
        <dt>Destinataire</dt>
        <dd>{email.toName ? `${email.toName} <${email.toAddress}>` : email.toAddress}</dd>
        <dt>Statut</dt>
        <dd>
          {EMAIL_STATUS_LABELS[email.status]} ({email.attempts} tentative{email.attempts > 1 ? "s" : ""})
        </dd>
        <dt>Créé le</dt>
        <dd>{formatDateTime(email.createdAt)}</dd>
        {email.sentAt ? (
          <>
            <dt>Envoyé le</dt>
            <dd>{formatDateTime(email.sentAt)}</dd>
          </>
        ) : null}
        {email.messageId ? (
          <>
            <dt>Message-ID</dt>
            <dd>
              <code>{email.messageId}</code>
            </dd>
          </>
        ) : null}
        {email.lastError ? (
          <>
            <dt>Dernière erreur</dt>
            <dd>{email.lastError}</dd>
          </>
        ) : null}
        <dt>Type</dt>
        <dd>{emailKindLabel(email.kind)}</dd>
        {email.rendered || email.erasedAt ? null : (
          <>
            <dt>Mise en forme</dt>
            <dd>
              À l’envoi, à partir des données enregistrées à sa création&nbsp;; le contenu ci-dessous en est un aperçu
              calculé à l’instant.
            </dd>
          </>
        )}
      </dl>
      {!restricted && !email.erasedAt && (email.status === "sent" || email.status === "failed") ? (
        <Form method="post">
          <button type="submit" className="button button--secondary">
            Renvoyer ce courriel
          </button>
        </Form>
      ) : null}
      {!restricted ? (
        <p>
          <a href={`/admin/courriels/${email.id}/apercu`} target="_blank" rel="noopener">
            Voir la version HTML (nouvel onglet)
          </a>
        </p>
      ) : null}
      <h2>Version texte</h2>
      <pre className="email-text">{email.text}</pre>
      {email.ics ? (
        <>
          <h2>Invitation jointe ({email.icsMethod})</h2>
          <pre className="email-text">{email.ics}</pre>
        </>
      ) : null}
    </>
  );
}
