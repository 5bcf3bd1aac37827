import { formatDate, formatRange, formatTime } from "#app/lib/time.ts";
import { frenchTypography } from "#app/lib/typography.ts";
import { renderEmail, type RenderedEmail } from "./layout.tsx";

export type EmailEdition = {
  title: string;
  startsAt: Date;
  endsAt: Date;
  url: string;
  venue: {
    name: string;
    address: string | null;
    postcode: string | null;
    city: string;
    access: string | null;
    accessibility: string | null;
  } | null;
};

export type EmailPerson = { firstName: string; lastName: string };

const NBSP = "\u00a0";

function venueLines(edition: EmailEdition): string[] {
  const venue = edition.venue;
  if (!venue) return [`Lieu${NBSP}: communiqué prochainement`];
  const town = [venue.postcode, venue.city].filter(Boolean).join(" ");
  const lines = [`Lieu${NBSP}: ${[venue.name, venue.address, town].filter(Boolean).join(", ")}`];
  if (venue.access) lines.push(`Accès${NBSP}: ${venue.access}`);
  if (venue.accessibility) lines.push(`Accessibilité${NBSP}: ${venue.accessibility}`);
  return lines;
}

function practicalText(edition: EmailEdition): string {
  return [
    `Date${NBSP}: ${formatRange(edition.startsAt, edition.endsAt)}`,
    ...venueLines(edition),
    `Programme${NBSP}: ${edition.url}`,
  ].join("\n");
}

function Practical({ edition }: { edition: EmailEdition }) {
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
            <strong>Date{NBSP}:</strong> {formatRange(edition.startsAt, edition.endsAt)}
            {venueLines(edition).map((line) => {
              const [label, ...rest] = line.split(`${NBSP}: `);
              return (
                <div key={line}>
                  <strong>
                    {label}
                    {NBSP}:
                  </strong>{" "}
                  {rest.join(`${NBSP}: `)}
                </div>
              );
            })}
            <div>
              <strong>Programme{NBSP}:</strong> <a href={edition.url}>{edition.url}</a>
            </div>
          </td>
        </tr>
      </tbody>
    </table>
  );
}

function ManageLink({ url, label }: { url: string; label: string }) {
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

const hello = (person: EmailPerson) => `Bonjour ${person.firstName} ${person.lastName},`;

export function registrationConfirmedEmail(input: {
  edition: EmailEdition;
  person: EmailPerson;
  manageUrl: string;
  promoted?: boolean;
}): RenderedEmail {
  const { edition, person, manageUrl, promoted } = input;
  const intro = promoted
    ? `Une place s’est libérée : vous quittez la liste d’attente et votre inscription à la coordination territoriale « ${edition.title} » est confirmée.`
    : `Votre inscription à la coordination territoriale « ${edition.title} » est confirmée.`;
  const subject = promoted
    ? `Une place s’est libérée : votre inscription est confirmée — ${edition.title}`
    : `Inscription confirmée — ${edition.title}, ${formatDate(edition.startsAt)}`;
  return renderEmail({
    subject: fr(subject),
    preheader: fr(`${formatRange(edition.startsAt, edition.endsAt)}. L’invitation est jointe pour votre agenda.`),
    body: (
      <>
        <p>{hello(person)}</p>
        <p>{fr(intro)}</p>
        <Practical edition={edition} />
        <p>
          L’invitation jointe ajoute la journée à votre agenda (Outlook, Google Agenda, Apple Calendrier…). Si la date,
          les horaires ou le lieu changent, vous recevrez une invitation mise à jour et votre agenda se corrigera de
          lui-même.
        </p>
        <p>
          {fr(
            "Votre lien personnel permet de consulter ou corriger votre inscription, de télécharger à nouveau l’invitation, ou de vous désinscrire si vous ne pouvez plus venir : merci de libérer votre place pour une personne en liste d’attente.",
          )}
        </p>
        <ManageLink url={manageUrl} label="Gérer mon inscription" />
        <p>
          À bientôt,
          <br />
          L’équipe du SIAO{NBSP}95
        </p>
      </>
    ),
    text: fr(`${hello(person)}

${intro}

${practicalText(edition)}

L’invitation jointe ajoute la journée à votre agenda. Si la date, les horaires ou le lieu changent, vous recevrez une invitation mise à jour.

Votre lien personnel (consulter, corriger, télécharger l’invitation, vous désinscrire) :
${manageUrl}

À bientôt,
L’équipe du SIAO 95`),
  });
}

export function registrationWaitlistedEmail(input: {
  edition: EmailEdition;
  person: EmailPerson;
  position: number;
  manageUrl: string;
}): RenderedEmail {
  const { edition, person, position, manageUrl } = input;
  const rank = position === 1 ? "1re" : `${position}e`;
  const intro = `La coordination territoriale « ${edition.title} » est complète. Vous êtes inscrit·e sur la liste d’attente, en ${rank} position.`;
  const next =
    "Dès qu’une place se libère, les personnes en attente sont confirmées dans l’ordre d’arrivée : vous recevrez alors un e-mail de confirmation avec l’invitation pour votre agenda. Vous n’avez rien d’autre à faire.";
  return renderEmail({
    subject: fr(`Liste d’attente (${rank} position) — ${edition.title}`),
    preheader: fr(`Vous êtes en ${rank} position sur la liste d’attente.`),
    body: (
      <>
        <p>{hello(person)}</p>
        <p>{fr(intro)}</p>
        <p>{fr(next)}</p>
        <Practical edition={edition} />
        <p>{fr("Votre lien personnel vous permet de suivre votre position ou de quitter la liste d’attente :")}</p>
        <ManageLink url={manageUrl} label="Suivre mon inscription" />
        <p>L’équipe du SIAO{NBSP}95</p>
      </>
    ),
    text: fr(`${hello(person)}

${intro}

${next}

${practicalText(edition)}

Votre lien personnel (suivre votre position, quitter la liste d’attente) :
${manageUrl}

L’équipe du SIAO 95`),
  });
}

export function registrationCancelledEmail(input: {
  edition: EmailEdition;
  person: EmailPerson;
  wasConfirmed: boolean;
}): RenderedEmail {
  const { edition, person, wasConfirmed } = input;
  const intro = wasConfirmed
    ? `Votre inscription à la coordination territoriale « ${edition.title} » du ${formatDate(edition.startsAt)} est annulée. L’événement est retiré de votre agenda par l’annulation jointe.`
    : `Vous avez quitté la liste d’attente de la coordination territoriale « ${edition.title} » du ${formatDate(edition.startsAt)}.`;
  return renderEmail({
    subject: fr(`Désinscription confirmée — ${edition.title}`),
    preheader: fr("Votre désinscription est bien prise en compte."),
    body: (
      <>
        <p>{hello(person)}</p>
        <p>{fr(intro)}</p>
        <p>
          Merci de nous avoir prévenus. Si c’est une erreur, vous pouvez vous réinscrire depuis{" "}
          <a href={edition.url}>la page de l’édition</a>, dans la limite des places disponibles.
        </p>
        <p>L’équipe du SIAO{NBSP}95</p>
      </>
    ),
    text: fr(`${hello(person)}

${intro}

Merci de nous avoir prévenus. Si c’est une erreur, vous pouvez vous réinscrire depuis la page de l’édition, dans la limite des places disponibles :
${edition.url}

L’équipe du SIAO 95`),
  });
}

export function registrationLinkEmail(input: {
  edition: EmailEdition;
  person: EmailPerson;
  manageUrl: string;
}): RenderedEmail {
  const { edition, person, manageUrl } = input;
  const intro = `Vous êtes déjà inscrit·e à la coordination territoriale « ${edition.title} » avec cette adresse. Voici à nouveau votre lien personnel ; il remplace celui que vous aviez reçu.`;
  return renderEmail({
    subject: fr(`Votre lien d’inscription — ${edition.title}`),
    preheader: fr("Votre lien personnel pour gérer votre inscription."),
    body: (
      <>
        <p>{hello(person)}</p>
        <p>{fr(intro)}</p>
        <ManageLink url={manageUrl} label="Gérer mon inscription" />
        <p>
          {fr(
            "Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre inscription n’a pas changé.",
          )}
        </p>
        <p>L’équipe du SIAO{NBSP}95</p>
      </>
    ),
    text: fr(`${hello(person)}

${intro}

${manageUrl}

Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre inscription n’a pas changé.

L’équipe du SIAO 95`),
  });
}

export function editionChangedEmail(input: {
  edition: EmailEdition;
  person: EmailPerson;
  changes: string[];
  manageUrl: string;
}): RenderedEmail {
  const { edition, person, changes, manageUrl } = input;
  const intro = `Des informations pratiques de la coordination territoriale « ${edition.title} » ont changé :`;
  return renderEmail({
    subject: fr(`Changement : ${edition.title}, ${formatDate(edition.startsAt)}`),
    preheader: fr(changes.join(" ; ")),
    body: (
      <>
        <p>{hello(person)}</p>
        <p>{fr(intro)}</p>
        <ul>
          {changes.map((change) => (
            <li key={change}>{fr(change)}</li>
          ))}
        </ul>
        <p>
          {fr(
            "L’invitation jointe met à jour l’événement déjà présent dans votre agenda. Voici les informations à jour :",
          )}
        </p>
        <Practical edition={edition} />
        <p>{fr("Si vous ne pouvez plus venir, merci de vous désinscrire pour libérer votre place :")}</p>
        <ManageLink url={manageUrl} label="Gérer mon inscription" />
        <p>L’équipe du SIAO{NBSP}95</p>
      </>
    ),
    text: fr(`${hello(person)}

${intro}
${changes.map((change) => `- ${change}`).join("\n")}

L’invitation jointe met à jour l’événement déjà présent dans votre agenda. Informations à jour :

${practicalText(edition)}

Si vous ne pouvez plus venir, merci de vous désinscrire pour libérer votre place :
${manageUrl}

L’équipe du SIAO 95`),
  });
}

export function editionCancelledEmail(input: { edition: EmailEdition; person: EmailPerson }): RenderedEmail {
  const { edition, person } = input;
  const intro = `Nous sommes au regret de vous informer que la coordination territoriale « ${edition.title} » prévue le ${formatDate(edition.startsAt)} est annulée. L’annulation jointe retire l’événement de votre agenda.`;
  return renderEmail({
    subject: fr(`Annulation : ${edition.title}, ${formatDate(edition.startsAt)}`),
    preheader: fr("Cette coordination territoriale est annulée."),
    body: (
      <>
        <p>{hello(person)}</p>
        <p>{fr(intro)}</p>
        <p>Nous vous tiendrons informé·e de la prochaine édition. Merci de votre compréhension.</p>
        <p>L’équipe du SIAO{NBSP}95</p>
      </>
    ),
    text: fr(`${hello(person)}

${intro}

Nous vous tiendrons informé·e de la prochaine édition. Merci de votre compréhension.

L’équipe du SIAO 95`),
  });
}

export function reminderEmail(input: {
  edition: EmailEdition;
  person: EmailPerson;
  manageUrl: string;
  daysBefore: 7 | 1;
}): RenderedEmail {
  const { edition, person, manageUrl, daysBefore } = input;
  const when = daysBefore === 1 ? "demain" : `dans une semaine, le ${formatDate(edition.startsAt)}`;
  const intro = `Petit rappel : la coordination territoriale « ${edition.title} » a lieu ${when}, à partir de ${formatTime(edition.startsAt)}.`;
  return renderEmail({
    subject: fr(`Rappel : ${edition.title} ${daysBefore === 1 ? "demain" : "dans une semaine"}`),
    preheader: fr(intro),
    body: (
      <>
        <p>{hello(person)}</p>
        <p>{fr(intro)}</p>
        <Practical edition={edition} />
        <p>{fr("Un empêchement ? Désinscrivez-vous pour qu’une personne en liste d’attente puisse venir :")}</p>
        <ManageLink url={manageUrl} label="Gérer mon inscription" />
        <p>
          À très bientôt,
          <br />
          L’équipe du SIAO{NBSP}95
        </p>
      </>
    ),
    text: fr(`${hello(person)}

${intro}

${practicalText(edition)}

Un empêchement ? Désinscrivez-vous pour qu’une personne en liste d’attente puisse venir :
${manageUrl}

À très bientôt,
L’équipe du SIAO 95`),
  });
}

function fr(text: string): string {
  return frenchTypography(text).replace(/SIAO 95/g, `SIAO${NBSP}95`);
}
