import { formatDate, formatRange, formatTime } from "#app/lib/time.ts";
import {
  CallToAction,
  ChangeList,
  EditionDetails,
  EditionPageLink,
  fullName,
  Greeting,
  Say,
  Signature,
  type EmailEdition,
  type EmailPerson,
} from "./components.tsx";
import { defineEmail } from "./render.tsx";

// Emails to the people registered for an edition: their registration, and what happens to the day.

type ToRegistrant = { edition: EmailEdition; person: EmailPerson };

export const registrationConfirmed = defineEmail<ToRegistrant & { manageUrl: string; promoted?: boolean }>({
  footer: "registrant",
  subject: ({ edition, promoted }) =>
    promoted
      ? `Une place s’est libérée : votre inscription est confirmée — ${edition.title}`
      : `Inscription confirmée — ${edition.title}, ${formatDate(edition.startsAt)}`,
  preview: ({ edition }) =>
    `${formatRange(edition.startsAt, edition.endsAt)}. L’invitation est jointe pour votre agenda.`,
  Body: ({ edition, person, manageUrl, promoted }) => (
    <>
      <Greeting name={fullName(person)} />
      <Say>
        {promoted
          ? `Une place s’est libérée : vous quittez la liste d’attente et votre inscription à la coordination territoriale « ${edition.title} » est confirmée.`
          : `Votre inscription à la coordination territoriale « ${edition.title} » est confirmée.`}
      </Say>
      <EditionDetails edition={edition} />
      <Say>
        L’invitation jointe ajoute la journée à votre agenda (Outlook, Google Agenda, Apple Calendrier…). Si la date,
        les horaires ou le lieu changent, vous recevrez une invitation mise à jour et votre agenda se corrigera de
        lui-même.
      </Say>
      <Say>
        Votre lien personnel permet de consulter ou corriger votre inscription, de télécharger à nouveau l’invitation,
        ou de vous désinscrire si vous ne pouvez plus venir : merci de libérer votre place pour une personne en liste
        d’attente.
      </Say>
      <CallToAction href={manageUrl}>Gérer mon inscription</CallToAction>
      <Signature closing="À bientôt," />
    </>
  ),
});

const rankOf = (position: number) => (position === 1 ? "1re" : `${position}e`);

export const registrationWaitlisted = defineEmail<ToRegistrant & { position: number; manageUrl: string }>({
  footer: "registrant",
  subject: ({ edition, position }) => `Liste d’attente (${rankOf(position)} position) — ${edition.title}`,
  preview: ({ position }) => `Vous êtes en ${rankOf(position)} position sur la liste d’attente.`,
  Body: ({ edition, person, position, manageUrl }) => (
    <>
      <Greeting name={fullName(person)} />
      <Say>
        {`La coordination territoriale « ${edition.title} » est complète. Vous êtes inscrit·e sur la liste d’attente, en ${rankOf(position)} position.`}
      </Say>
      <Say>
        Dès qu’une place se libère, les personnes en attente sont confirmées dans l’ordre d’arrivée : vous recevrez
        alors un e-mail de confirmation avec l’invitation pour votre agenda. Vous n’avez rien d’autre à faire.
      </Say>
      <EditionDetails edition={edition} />
      <Say>Votre lien personnel vous permet de suivre votre position ou de quitter la liste d’attente :</Say>
      <CallToAction href={manageUrl}>Suivre mon inscription</CallToAction>
      <Signature />
    </>
  ),
});

export const registrationCancelled = defineEmail<ToRegistrant & { wasConfirmed: boolean }>({
  footer: "registrant",
  subject: ({ edition }) => `Désinscription confirmée — ${edition.title}`,
  preview: () => "Votre désinscription est bien prise en compte.",
  Body: ({ edition, person, wasConfirmed }) => (
    <>
      <Greeting name={fullName(person)} />
      <Say>
        {wasConfirmed
          ? `Votre inscription à la coordination territoriale « ${edition.title} » du ${formatDate(edition.startsAt)} est annulée. L’événement est retiré de votre agenda par l’annulation jointe.`
          : `Vous avez quitté la liste d’attente de la coordination territoriale « ${edition.title} » du ${formatDate(edition.startsAt)}.`}
      </Say>
      <EditionPageLink
        edition={edition}
        before="Merci de nous avoir prévenus. Si c’est une erreur, vous pouvez vous réinscrire depuis"
        after=", dans la limite des places disponibles."
      />
      <Signature />
    </>
  ),
});

export const registrationLink = defineEmail<ToRegistrant & { manageUrl: string }>({
  footer: "registrant",
  subject: ({ edition }) => `Votre lien d’inscription — ${edition.title}`,
  preview: () => "Votre lien personnel pour gérer votre inscription.",
  Body: ({ edition, person, manageUrl }) => (
    <>
      <Greeting name={fullName(person)} />
      <Say>
        {`Vous êtes déjà inscrit·e à la coordination territoriale « ${edition.title} » avec cette adresse. Voici à nouveau votre lien personnel ; il remplace celui que vous aviez reçu.`}
      </Say>
      <CallToAction href={manageUrl}>Gérer mon inscription</CallToAction>
      <Say>Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre inscription n’a pas changé.</Say>
      <Signature />
    </>
  ),
});

export const editionChanged = defineEmail<ToRegistrant & { changes: string[]; manageUrl: string }>({
  footer: "registrant",
  subject: ({ edition }) => `Changement : ${edition.title}, ${formatDate(edition.startsAt)}`,
  preview: ({ changes }) => changes.join(" ; "),
  Body: ({ edition, person, changes, manageUrl }) => (
    <>
      <Greeting name={fullName(person)} />
      <Say>{`Des informations pratiques de la coordination territoriale « ${edition.title} » ont changé :`}</Say>
      <ChangeList changes={changes} />
      <Say>
        L’invitation jointe met à jour l’événement déjà présent dans votre agenda. Voici les informations à jour :
      </Say>
      <EditionDetails edition={edition} />
      <Say>Si vous ne pouvez plus venir, merci de vous désinscrire pour libérer votre place :</Say>
      <CallToAction href={manageUrl}>Gérer mon inscription</CallToAction>
      <Signature />
    </>
  ),
});

export const editionCancelled = defineEmail<ToRegistrant>({
  footer: "registrant",
  subject: ({ edition }) => `Annulation : ${edition.title}, ${formatDate(edition.startsAt)}`,
  preview: () => "Cette coordination territoriale est annulée.",
  Body: ({ edition, person }) => (
    <>
      <Greeting name={fullName(person)} />
      <Say>
        {`Nous sommes au regret de vous informer que la coordination territoriale « ${edition.title} » prévue le ${formatDate(edition.startsAt)} est annulée. L’annulation jointe retire l’événement de votre agenda.`}
      </Say>
      <Say>Nous vous tiendrons informé·e de la prochaine édition. Merci de votre compréhension.</Say>
      <Signature />
    </>
  ),
});

const reminderIntro = ({ edition, daysBefore }: { edition: EmailEdition; daysBefore: 7 | 1 }) =>
  `Petit rappel : la coordination territoriale « ${edition.title} » a lieu ${
    daysBefore === 1 ? "demain" : `dans une semaine, le ${formatDate(edition.startsAt)}`
  }, à partir de ${formatTime(edition.startsAt)}.`;

export const reminder = defineEmail<ToRegistrant & { manageUrl: string; daysBefore: 7 | 1 }>({
  footer: "registrant",
  subject: ({ edition, daysBefore }) => `Rappel : ${edition.title} ${daysBefore === 1 ? "demain" : "dans une semaine"}`,
  preview: reminderIntro,
  Body: (props) => (
    <>
      <Greeting name={fullName(props.person)} />
      <Say>{reminderIntro(props)}</Say>
      <EditionDetails edition={props.edition} />
      <Say>Un empêchement ? Désinscrivez-vous pour qu’une personne en liste d’attente puisse venir :</Say>
      <CallToAction href={props.manageUrl}>Gérer mon inscription</CallToAction>
      <Signature closing="À très bientôt," />
    </>
  ),
});
