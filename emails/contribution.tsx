import { formatDate, formatTime } from "#app/lib/time.ts";
import { frenchTypography } from "#app/lib/typography.ts";
import { renderEmail, type RenderedEmail } from "./layout.tsx";
import type { EmailEdition } from "./registration.tsx";

// Emails of the call for contributions: to the person who proposed a contribution, to the
// co-speakers they named once it is accepted, and to the organisers when one is withdrawn.

export type EmailSpeaker = { name: string };

export type EmailContribution = { title: string; formatLabel: string };

/** The programme item an accepted contribution joins, with the times the invite carries. */
export type EmailSession = { title: string; startsAt: Date; endsAt: Date; room: string | null };

const NBSP = "\u00a0";

const SPEAKER_FOOTER = `Vous recevez ce message parce que vous avez proposé une contribution à une coordination territoriale du SIAO${NBSP}95, ou que la personne qui l’a proposée vous a cité·e comme co-intervenant·e. Pour toute question, répondez simplement à ce message.`;
const ORGANISER_FOOTER = `Vous recevez ce message parce que vous organisez les coordinations territoriales du SIAO${NBSP}95.`;

function fr(text: string): string {
  return frenchTypography(text).replace(/SIAO 95/g, `SIAO${NBSP}95`);
}

const hello = (speaker: EmailSpeaker) => `Bonjour ${speaker.name},`;

function sessionLines(edition: EmailEdition, session: EmailSession): Array<[string, string]> {
  const lines: Array<[string, string]> = [
    ["Séquence", session.title],
    ["Date", formatDate(session.startsAt)],
    ["Horaires", `de ${formatTime(session.startsAt)} à ${formatTime(session.endsAt)}`],
  ];
  if (session.room) lines.push(["Salle", session.room]);
  const venue = edition.venue;
  if (venue) {
    const town = [venue.postcode, venue.city].filter(Boolean).join(" ");
    lines.push(["Lieu", [venue.name, venue.address, town].filter(Boolean).join(", ")]);
    if (venue.access) lines.push(["Accès", venue.access]);
    if (venue.accessibility) lines.push(["Accessibilité", venue.accessibility]);
  } else {
    lines.push(["Lieu", "communiqué prochainement"]);
  }
  lines.push(["Programme", edition.url]);
  return lines.map(([label, value]) => [label, fr(value)]);
}

function sessionText(edition: EmailEdition, session: EmailSession): string {
  return sessionLines(edition, session)
    .map(([label, value]) => `${label}${NBSP}: ${value}`)
    .join("\n");
}

function SessionBlock({ edition, session }: { edition: EmailEdition; session: EmailSession }) {
  return (
    <table
      role="presentation"
      cellPadding={0}
      cellSpacing={0}
      style={{ margin: "16px 0", borderLeft: "4px solid #1d4e89", paddingLeft: 12 }}
    >
      <tbody>
        <tr>
          <td style={{ padding: "4px 12px" }}>
            {sessionLines(edition, session).map(([label, value]) => (
              <div key={label}>
                <strong>
                  {label}
                  {NBSP}:
                </strong>{" "}
                {label === "Programme" ? <a href={value}>{value}</a> : value}
              </div>
            ))}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

function LinkButton({ url, label }: { url: string; label: string }) {
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

/** The organisers' own words, paragraph by paragraph, escaped like everything people type. */
function Message({ text }: { text: string }) {
  return (
    <blockquote style={{ margin: "16px 0", padding: "8px 16px", borderLeft: "4px solid #d5dbe3", color: "#1b1f24" }}>
      {text.split(/\n{2,}/).map((paragraph, index) => (
        <p key={index}>
          {paragraph.split("\n").map((line, i) => (
            <span key={i}>
              {i > 0 ? <br /> : null}
              {fr(line)}
            </span>
          ))}
        </p>
      ))}
    </blockquote>
  );
}

const signature = <p>L’équipe du SIAO{NBSP}95</p>;

export function contributionReceivedEmail(input: {
  edition: EmailEdition;
  speaker: EmailSpeaker;
  contribution: EmailContribution;
  manageUrl: string;
  editableUntil: Date | null;
}): RenderedEmail {
  const { edition, speaker, contribution, manageUrl, editableUntil } = input;
  const intro = `Nous avons bien reçu votre proposition de contribution « ${contribution.title} » (${contribution.formatLabel.toLowerCase()}) pour la coordination territoriale « ${edition.title} » du ${formatDate(edition.startsAt)}. Merci !`;
  const next =
    "L’équipe organisatrice et les relecteurs vont l’examiner. Vous recevrez la réponse par e-mail : si elle est retenue, avec la séquence du programme, l’horaire et une invitation pour votre agenda.";
  const until = editableUntil
    ? `Votre lien personnel vous permet de relire et de modifier votre proposition jusqu’au ${formatDate(editableUntil)} à ${formatTime(editableUntil)}, de suivre sa réponse, ou de la retirer :`
    : "Votre lien personnel vous permet de relire votre proposition, de suivre sa réponse, ou de la retirer :";
  return renderEmail({
    subject: fr(`Contribution reçue : ${contribution.title}`),
    preheader: fr(`Votre proposition pour « ${edition.title} » est bien enregistrée.`),
    footer: SPEAKER_FOOTER,
    body: (
      <>
        <p>{hello(speaker)}</p>
        <p>{fr(intro)}</p>
        <p>{fr(next)}</p>
        <p>{fr(until)}</p>
        <LinkButton url={manageUrl} label="Suivre ma contribution" />
        <p>{fr("Gardez ce message : ce lien vous est personnel.")}</p>
        {signature}
      </>
    ),
    text: fr(`${hello(speaker)}

${intro}

${next}

${until}
${manageUrl}

Gardez ce message : ce lien vous est personnel.

L’équipe du SIAO 95`),
  });
}

export function contributionAcceptedEmail(input: {
  edition: EmailEdition;
  speaker: EmailSpeaker;
  contribution: EmailContribution;
  session: EmailSession;
  message: string | null;
  /** The private link, for the person who proposed the contribution only. */
  manageUrl: string | null;
  /** Set for a co-speaker: the person who proposed the contribution. */
  proposedBy?: string;
}): RenderedEmail {
  const { edition, speaker, contribution, session, message, manageUrl, proposedBy } = input;
  const intro = proposedBy
    ? `La contribution « ${contribution.title} », proposée par ${proposedBy} avec vous, est retenue pour la coordination territoriale « ${edition.title} ». Vous y interviendrez :`
    : `Bonne nouvelle : votre contribution « ${contribution.title} » est retenue pour la coordination territoriale « ${edition.title} ». Vous interviendrez :`;
  const invite =
    "L’invitation jointe ajoute votre intervention à votre agenda. Si l’horaire ou le lieu change, vous recevrez une invitation mise à jour et votre agenda se corrigera de lui-même.";
  const after = manageUrl
    ? "Votre lien personnel reste valable : il montre la séquence et l’horaire à jour, et permet de vous retirer si vous ne pouvez plus intervenir (merci alors de nous prévenir au plus tôt)."
    : "Si vous ne pouvez plus intervenir, merci de prévenir au plus tôt la personne qui a proposé la contribution, ou de répondre à ce message.";
  return renderEmail({
    subject: fr(`Contribution retenue : ${contribution.title} — ${formatDate(session.startsAt)}`),
    preheader: fr(
      `Vous intervenez dans « ${session.title} », de ${formatTime(session.startsAt)} à ${formatTime(session.endsAt)}.`,
    ),
    footer: SPEAKER_FOOTER,
    body: (
      <>
        <p>{hello(speaker)}</p>
        <p>{fr(intro)}</p>
        <SessionBlock edition={edition} session={session} />
        {message ? (
          <>
            <p>{fr("Le mot de l’équipe organisatrice :")}</p>
            <Message text={message} />
          </>
        ) : null}
        <p>{fr(invite)}</p>
        <p>{fr(after)}</p>
        {manageUrl ? <LinkButton url={manageUrl} label="Suivre ma contribution" /> : null}
        <p>
          Merci pour votre participation,
          <br />
          L’équipe du SIAO{NBSP}95
        </p>
      </>
    ),
    text: fr(`${hello(speaker)}

${intro}

${sessionText(edition, session)}
${message ? `\nLe mot de l’équipe organisatrice :\n${message}\n` : ""}
${invite}

${after}${manageUrl ? `\n${manageUrl}` : ""}

Merci pour votre participation,
L’équipe du SIAO 95`),
  });
}

export function contributionDeclinedEmail(input: {
  edition: EmailEdition;
  speaker: EmailSpeaker;
  contribution: EmailContribution;
  message: string;
  manageUrl: string;
}): RenderedEmail {
  const { edition, speaker, contribution, message, manageUrl } = input;
  const intro = `Merci d’avoir proposé la contribution « ${contribution.title} » pour la coordination territoriale « ${edition.title} ». Nous avons reçu plus de propositions que le programme ne peut en accueillir, et la vôtre n’a pas été retenue cette fois-ci.`;
  return renderEmail({
    subject: fr(`Votre proposition de contribution : ${contribution.title}`),
    preheader: fr("La réponse de l’équipe organisatrice à votre proposition."),
    footer: SPEAKER_FOOTER,
    body: (
      <>
        <p>{hello(speaker)}</p>
        <p>{fr(intro)}</p>
        <p>{fr("Le mot de l’équipe organisatrice :")}</p>
        <Message text={message} />
        <p>
          {fr("Vous restez bien sûr le ou la bienvenue parmi les participants : les inscriptions se font depuis")}{" "}
          <a href={edition.url}>la page de l’édition</a>.
        </p>
        <LinkButton url={manageUrl} label="Voir ma contribution" />
        {signature}
      </>
    ),
    text: fr(`${hello(speaker)}

${intro}

Le mot de l’équipe organisatrice :
${message}

Vous restez bien sûr le ou la bienvenue parmi les participants : les inscriptions se font depuis la page de l’édition :
${edition.url}

Votre contribution :
${manageUrl}

L’équipe du SIAO 95`),
  });
}

export function contributionSessionChangedEmail(input: {
  edition: EmailEdition;
  speaker: EmailSpeaker;
  contribution: EmailContribution;
  session: EmailSession;
  changes: string[];
  manageUrl: string | null;
}): RenderedEmail {
  const { edition, speaker, contribution, session, changes, manageUrl } = input;
  const intro = `L’intervention prévue pour la contribution « ${contribution.title} » à la coordination territoriale « ${edition.title} » a changé :`;
  const invite =
    "L’invitation jointe met à jour l’événement déjà présent dans votre agenda. Voici les informations à jour :";
  return renderEmail({
    subject: fr(`Changement d’horaire ou de lieu : ${contribution.title}`),
    preheader: fr(changes.join(" ; ")),
    footer: SPEAKER_FOOTER,
    body: (
      <>
        <p>{hello(speaker)}</p>
        <p>{fr(intro)}</p>
        <ul>
          {changes.map((change) => (
            <li key={change}>{fr(change)}</li>
          ))}
        </ul>
        <p>{fr(invite)}</p>
        <SessionBlock edition={edition} session={session} />
        {manageUrl ? <LinkButton url={manageUrl} label="Suivre ma contribution" /> : null}
        {signature}
      </>
    ),
    text: fr(`${hello(speaker)}

${intro}
${changes.map((change) => `- ${change}`).join("\n")}

${invite}

${sessionText(edition, session)}${manageUrl ? `\n\nVotre contribution :\n${manageUrl}` : ""}

L’équipe du SIAO 95`),
  });
}

export function contributionWithdrawnEmail(input: {
  edition: EmailEdition;
  speaker: EmailSpeaker;
  contribution: EmailContribution;
  /** True when the email carries a METHOD:CANCEL that removes the event from the calendar. */
  removesInvite: boolean;
  /** Set for a co-speaker: the person who withdrew the contribution. */
  withdrawnBy?: string;
}): RenderedEmail {
  const { edition, speaker, contribution, removesInvite, withdrawnBy } = input;
  const intro = withdrawnBy
    ? `${withdrawnBy} a retiré la contribution « ${contribution.title} » de la coordination territoriale « ${edition.title} ». Votre intervention est donc annulée.`
    : `Votre contribution « ${contribution.title} » à la coordination territoriale « ${edition.title} » est retirée. L’équipe organisatrice en est informée.`;
  const calendar = removesInvite ? "L’annulation jointe retire l’intervention de votre agenda." : "";
  return renderEmail({
    subject: fr(`Contribution retirée : ${contribution.title}`),
    preheader: fr("Le retrait de la contribution est bien enregistré."),
    footer: SPEAKER_FOOTER,
    body: (
      <>
        <p>{hello(speaker)}</p>
        <p>{fr(intro)}</p>
        {calendar ? <p>{fr(calendar)}</p> : null}
        <p>
          {fr("Vous pouvez toujours participer à la journée : les inscriptions se font depuis")}{" "}
          <a href={edition.url}>la page de l’édition</a>.
        </p>
        {signature}
      </>
    ),
    text: fr(`${hello(speaker)}

${intro}${calendar ? `\n\n${calendar}` : ""}

Vous pouvez toujours participer à la journée : les inscriptions se font depuis la page de l’édition :
${edition.url}

L’équipe du SIAO 95`),
  });
}

export function contributionWithdrawnOrganiserEmail(input: {
  edition: EmailEdition;
  contribution: EmailContribution;
  submitterName: string;
  sessionTitle: string | null;
  adminUrl: string;
}): RenderedEmail {
  const { edition, contribution, submitterName, sessionTitle, adminUrl } = input;
  const intro = `${submitterName} a retiré la contribution « ${contribution.title} », qui était acceptée pour la coordination territoriale « ${edition.title} » du ${formatDate(edition.startsAt)}.`;
  const programme = sessionTitle
    ? `Ses intervenants ont été retirés de la séquence « ${sessionTitle} » du programme public. Vérifiez le programme : la séquence a peut-être besoin d’un autre intervenant.`
    : "Ses intervenants ont été retirés du programme public.";
  return renderEmail({
    subject: fr(`Contribution retirée : ${contribution.title} — ${edition.title}`),
    preheader: fr(`${submitterName} a retiré une contribution acceptée.`),
    footer: ORGANISER_FOOTER,
    body: (
      <>
        <p>Bonjour,</p>
        <p>{fr(intro)}</p>
        <p>{fr(programme)}</p>
        <LinkButton url={adminUrl} label="Voir la contribution" />
      </>
    ),
    text: fr(`Bonjour,

${intro}

${programme}

${adminUrl}`),
  });
}
