import { formatDate, formatDateTime, formatRange, formatTime } from "#app/lib/time.ts";
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
import { CheckInCode } from "./check-in-code.tsx";
import { defineEmail } from "./render.tsx";

// Emails to the people registered for an edition: their registration, and what happens to the day.

type ToRegistrant = { edition: EmailEdition; person: EmailPerson };

export const registrationConfirmed = defineEmail<
  ToRegistrant & { manageUrl: string; promoted?: boolean; checkInCode: string }
>({
  footer: "registrant",
  subject: ({ edition, promoted }) =>
    promoted
      ? `Une place s’est libérée : votre inscription est confirmée — ${edition.title}`
      : `Inscription confirmée — ${edition.title}, ${formatDate(edition.startsAt)}`,
  preview: ({ edition }) =>
    `${formatRange(edition.startsAt, edition.endsAt)}. L’invitation est jointe pour votre agenda.`,
  Body: ({ edition, person, manageUrl, promoted, checkInCode }) => (
    <>
      <Greeting name={fullName(person)} />
      <Say>
        {promoted
          ? `Une place s’est libérée : vous quittez la liste d’attente et votre inscription à la coordination territoriale « ${edition.title} » est confirmée.`
          : `Votre inscription à la coordination territoriale « ${edition.title} » est confirmée.`}
      </Say>
      <EditionDetails edition={edition} />
      <CheckInCode code={checkInCode} />
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

// A place handed over to a colleague (« Céder ma place »), and an address corrected by its owner.

export const registrationHandedOver = defineEmail<ToRegistrant & { successor: string; wasConfirmed: boolean }>({
  footer: "registrant",
  subject: ({ edition }) => `Votre place est cédée — ${edition.title}`,
  preview: ({ successor }) => `Votre place est désormais celle de ${successor}.`,
  Body: ({ edition, person, successor, wasConfirmed }) => (
    <>
      <Greeting name={fullName(person)} />
      <Say>
        {wasConfirmed
          ? `Vous avez cédé votre place à la coordination territoriale « ${edition.title} » du ${formatDate(edition.startsAt)} à ${successor}, qui reçoit sa propre confirmation et son invitation. L’annulation jointe retire l’événement de votre agenda.`
          : `Vous avez cédé votre position sur la liste d’attente de la coordination territoriale « ${edition.title} » du ${formatDate(edition.startsAt)} à ${successor}, qui garde votre rang.`}
      </Say>
      <Say>Votre lien personnel ne fonctionne plus. Si c’est une erreur, contactez l’équipe organisatrice.</Say>
      <Signature />
    </>
  ),
});

export const registrationHandedOverToYou = defineEmail<
  ToRegistrant & { predecessor: string; position: number; manageUrl: string }
>({
  footer: "registrant",
  subject: ({ edition, predecessor, position }) =>
    position === 0
      ? `${predecessor} vous cède sa place — ${edition.title}, ${formatDate(edition.startsAt)}`
      : `${predecessor} vous cède sa place en liste d’attente — ${edition.title}`,
  preview: ({ position }) =>
    position === 0
      ? "Votre place est confirmée. L’invitation est jointe pour votre agenda."
      : `Vous êtes en ${rankOf(position)} position sur la liste d’attente.`,
  Body: ({ edition, person, predecessor, position, manageUrl }) => (
    <>
      <Greeting name={fullName(person)} />
      <Say>
        {position === 0
          ? `${predecessor} vous a cédé sa place à la coordination territoriale « ${edition.title} » : votre inscription est confirmée. L’invitation jointe ajoute la journée à votre agenda.`
          : `${predecessor} vous a cédé sa position sur la liste d’attente de la coordination territoriale « ${edition.title} » : vous êtes en ${rankOf(position)} position. Si une place se libère, vous serez confirmé·e automatiquement et recevrez l’invitation.`}
      </Say>
      <EditionDetails edition={edition} />
      <Say>
        Votre lien personnel vous permet de vérifier vos informations (déjeuner, besoins d’accessibilité), de
        télécharger l’invitation, ou de vous désinscrire si vous ne pouvez pas venir.
      </Say>
      <CallToAction href={manageUrl}>Gérer mon inscription</CallToAction>
      <Signature closing="À bientôt," />
    </>
  ),
});

export const registrationEmailChangeRequested = defineEmail<ToRegistrant & { confirmUrl: string; expiresAt: Date }>({
  footer: "registrant",
  subject: ({ edition }) => `Confirmez votre nouvelle adresse — ${edition.title}`,
  preview: () => "Un clic pour que votre inscription utilise cette adresse.",
  Body: ({ edition, person, confirmUrl, expiresAt }) => (
    <>
      <Greeting name={fullName(person)} />
      <Say>
        {`Vous avez demandé que votre inscription à la coordination territoriale « ${edition.title} » utilise désormais cette adresse e-mail. Rien ne change tant que vous ne l’avez pas confirmée.`}
      </Say>
      <CallToAction href={confirmUrl}>Confirmer cette adresse</CallToAction>
      <Say>
        {`Ce lien fonctionne une seule fois, jusqu’au ${formatDateTime(expiresAt)}. Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.`}
      </Say>
      <Signature />
    </>
  ),
});

export const registrationEmailChanged = defineEmail<ToRegistrant & { manageUrl: string; confirmed: boolean }>({
  footer: "registrant",
  subject: ({ edition }) => `Adresse e-mail mise à jour — ${edition.title}`,
  preview: () => "Votre inscription utilise désormais cette adresse.",
  Body: ({ edition, person, manageUrl, confirmed }) => (
    <>
      <Greeting name={fullName(person)} />
      <Say>
        {confirmed
          ? `Votre inscription à la coordination territoriale « ${edition.title} » utilise désormais cette adresse. L’invitation jointe remplace celle de votre agenda.`
          : `Votre inscription sur la liste d’attente de la coordination territoriale « ${edition.title} » utilise désormais cette adresse.`}
      </Say>
      <EditionDetails edition={edition} />
      <CallToAction href={manageUrl}>Gérer mon inscription</CallToAction>
      <Signature />
    </>
  ),
});

export const registrationEmailMoved = defineEmail<ToRegistrant & { newAddress: string }>({
  footer: "registrant",
  subject: ({ edition }) => `Votre adresse d’inscription a changé — ${edition.title}`,
  preview: () => "Les prochains messages partiront vers votre nouvelle adresse.",
  Body: ({ edition, person, newAddress }) => (
    <>
      <Greeting name={fullName(person)} />
      <Say>
        {`L’adresse e-mail de votre inscription à la coordination territoriale « ${edition.title} » est désormais ${newAddress}. Les prochains messages, et les mises à jour de l’invitation, partiront vers cette adresse.`}
      </Say>
      <Say>Si vous n’êtes pas à l’origine de ce changement, contactez sans attendre l’équipe organisatrice.</Say>
      <Signature />
    </>
  ),
});
