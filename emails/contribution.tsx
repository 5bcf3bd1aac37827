import { formatDate, formatTime } from "#app/lib/time.ts";
import {
  CallToAction,
  ChangeList,
  Details,
  EditionPageLink,
  Greeting,
  Quote,
  Say,
  Signature,
  venueDetails,
  type EmailEdition,
} from "./components.tsx";
import { defineEmail } from "./render.tsx";

// Emails of the call for contributions: to the person who proposed a contribution, to the
// co-speakers they named once it is accepted, and to the organisers when one is withdrawn.

export type EmailSpeaker = { name: string };

export type EmailContribution = { title: string; formatLabel: string };

/** The programme item an accepted contribution joins, with the times the invite carries. */
export type EmailSession = { title: string; startsAt: Date; endsAt: Date; room: string | null };

type ToSpeaker = { edition: EmailEdition; speaker: EmailSpeaker; contribution: EmailContribution };

function SessionDetails({ edition, session }: { edition: EmailEdition; session: EmailSession }) {
  return (
    <Details
      rows={[
        { label: "Séquence", value: session.title },
        { label: "Date", value: formatDate(session.startsAt) },
        { label: "Horaires", value: `de ${formatTime(session.startsAt)} à ${formatTime(session.endsAt)}` },
        ...(session.room ? [{ label: "Salle", value: session.room }] : []),
        ...venueDetails(edition.venue),
        { label: "Programme", value: edition.url, link: true },
      ]}
    />
  );
}

function OrganisersWord({ message }: { message: string }) {
  return (
    <>
      <Say>Le mot de l’équipe organisatrice :</Say>
      <Quote text={message} />
    </>
  );
}

export const contributionReceived = defineEmail<ToSpeaker & { manageUrl: string; editableUntil: Date | null }>({
  footer: "speaker",
  subject: ({ contribution }) => `Contribution reçue : ${contribution.title}`,
  preview: ({ edition }) => `Votre proposition pour « ${edition.title} » est bien enregistrée.`,
  Body: ({ edition, speaker, contribution, manageUrl, editableUntil }) => (
    <>
      <Greeting name={speaker.name} />
      <Say>
        {`Nous avons bien reçu votre proposition de contribution « ${contribution.title} » (${contribution.formatLabel.toLowerCase()}) pour la coordination territoriale « ${edition.title} » du ${formatDate(edition.startsAt)}. Merci !`}
      </Say>
      <Say>
        L’équipe organisatrice et l’équipe de relecture vont l’examiner. Vous recevrez la réponse par e-mail : si elle
        est retenue, avec la séquence du programme, l’horaire et une invitation pour votre agenda.
      </Say>
      <Say>
        {editableUntil
          ? `Votre lien personnel vous permet de relire et de modifier votre proposition jusqu’au ${formatDate(editableUntil)} à ${formatTime(editableUntil)}, de suivre sa réponse, ou de la retirer :`
          : "Votre lien personnel vous permet de relire votre proposition, de suivre sa réponse, ou de la retirer :"}
      </Say>
      <CallToAction href={manageUrl}>Suivre ma contribution</CallToAction>
      <Say>Gardez ce message : ce lien vous est personnel.</Say>
      <Signature />
    </>
  ),
});

export const contributionAccepted = defineEmail<
  ToSpeaker & {
    session: EmailSession;
    message: string | null;
    /** The private link, for the person who proposed the contribution only. */
    manageUrl: string | null;
    /** Set for a co-speaker: the person who proposed the contribution. */
    proposedBy?: string;
  }
>({
  footer: "speaker",
  subject: ({ contribution, session }) =>
    `Contribution retenue : ${contribution.title} — ${formatDate(session.startsAt)}`,
  preview: ({ session }) =>
    `Vous intervenez dans « ${session.title} », de ${formatTime(session.startsAt)} à ${formatTime(session.endsAt)}.`,
  Body: ({ edition, speaker, contribution, session, message, manageUrl, proposedBy }) => (
    <>
      <Greeting name={speaker.name} />
      <Say>
        {proposedBy
          ? `La contribution « ${contribution.title} », proposée par ${proposedBy} avec vous, est retenue pour la coordination territoriale « ${edition.title} ». Vous y interviendrez :`
          : `Bonne nouvelle : votre contribution « ${contribution.title} » est retenue pour la coordination territoriale « ${edition.title} ». Vous interviendrez :`}
      </Say>
      <SessionDetails edition={edition} session={session} />
      {message ? <OrganisersWord message={message} /> : null}
      <Say>
        L’invitation jointe ajoute votre intervention à votre agenda. Si l’horaire ou le lieu change, vous recevrez une
        invitation mise à jour et votre agenda se corrigera de lui-même.
      </Say>
      {manageUrl ? (
        <>
          <Say>
            Votre lien personnel reste valable : il montre la séquence et l’horaire à jour, et permet de vous retirer si
            vous ne pouvez plus intervenir (merci alors de nous prévenir au plus tôt).
          </Say>
          <CallToAction href={manageUrl}>Suivre ma contribution</CallToAction>
        </>
      ) : (
        <Say>
          Si vous ne pouvez plus intervenir, merci de prévenir au plus tôt la personne qui a proposé la contribution, ou
          de répondre à ce message.
        </Say>
      )}
      <Signature closing="Merci pour votre participation," />
    </>
  ),
});

export const contributionDeclined = defineEmail<ToSpeaker & { message: string; manageUrl: string }>({
  footer: "speaker",
  subject: ({ contribution }) => `Votre proposition de contribution : ${contribution.title}`,
  preview: () => "La réponse de l’équipe organisatrice à votre proposition.",
  Body: ({ edition, speaker, contribution, message, manageUrl }) => (
    <>
      <Greeting name={speaker.name} />
      <Say>
        {`Merci d’avoir proposé la contribution « ${contribution.title} » pour la coordination territoriale « ${edition.title} ». Nous avons reçu plus de propositions que le programme ne peut en accueillir, et la vôtre n’a pas été retenue cette fois-ci.`}
      </Say>
      <OrganisersWord message={message} />
      <EditionPageLink
        edition={edition}
        before="Vous restez bien sûr le ou la bienvenue parmi les participants : les inscriptions se font depuis"
      />
      <CallToAction href={manageUrl}>Voir ma contribution</CallToAction>
      <Signature />
    </>
  ),
});

export const contributionSessionChanged = defineEmail<
  ToSpeaker & { session: EmailSession; changes: string[]; manageUrl: string | null }
>({
  footer: "speaker",
  subject: ({ contribution }) => `Changement d’horaire ou de lieu : ${contribution.title}`,
  preview: ({ changes }) => changes.join(" ; "),
  Body: ({ edition, speaker, contribution, session, changes, manageUrl }) => (
    <>
      <Greeting name={speaker.name} />
      <Say>
        {`L’intervention prévue pour la contribution « ${contribution.title} » à la coordination territoriale « ${edition.title} » a changé :`}
      </Say>
      <ChangeList changes={changes} />
      <Say>
        L’invitation jointe met à jour l’événement déjà présent dans votre agenda. Voici les informations à jour :
      </Say>
      <SessionDetails edition={edition} session={session} />
      {manageUrl ? <CallToAction href={manageUrl}>Suivre ma contribution</CallToAction> : null}
      <Signature />
    </>
  ),
});

export const contributionWithdrawn = defineEmail<
  ToSpeaker & {
    /** True when the email carries a METHOD:CANCEL that removes the event from the calendar. */
    removesInvite: boolean;
    /** Set for a co-speaker: the person who withdrew the contribution. */
    withdrawnBy?: string;
  }
>({
  footer: "speaker",
  subject: ({ contribution }) => `Contribution retirée : ${contribution.title}`,
  preview: () => "Le retrait de la contribution est bien enregistré.",
  Body: ({ edition, speaker, contribution, removesInvite, withdrawnBy }) => (
    <>
      <Greeting name={speaker.name} />
      <Say>
        {withdrawnBy
          ? `${withdrawnBy} a retiré la contribution « ${contribution.title} » de la coordination territoriale « ${edition.title} ». Votre intervention est donc annulée.`
          : `Votre contribution « ${contribution.title} » à la coordination territoriale « ${edition.title} » est retirée. L’équipe organisatrice en est informée.`}
      </Say>
      {removesInvite ? <Say>L’annulation jointe retire l’intervention de votre agenda.</Say> : null}
      <EditionPageLink
        edition={edition}
        before="Vous pouvez toujours participer à la journée : les inscriptions se font depuis"
      />
      <Signature />
    </>
  ),
});

export const contributionWithdrawnOrganisers = defineEmail<{
  edition: EmailEdition;
  contribution: EmailContribution;
  submitterName: string;
  sessionTitle: string | null;
  adminUrl: string;
}>({
  footer: "organiser",
  subject: ({ edition, contribution }) => `Contribution retirée : ${contribution.title} — ${edition.title}`,
  preview: ({ submitterName }) => `${submitterName} a retiré une contribution acceptée.`,
  Body: ({ edition, contribution, submitterName, sessionTitle, adminUrl }) => (
    <>
      <Greeting name={null} />
      <Say>
        {`${submitterName} a retiré la contribution « ${contribution.title} », qui était acceptée pour la coordination territoriale « ${edition.title} » du ${formatDate(edition.startsAt)}.`}
      </Say>
      <Say>
        {sessionTitle
          ? `Ses intervenants ont été retirés de la séquence « ${sessionTitle} » du programme public. Vérifiez le programme : la séquence a peut-être besoin d’un autre intervenant.`
          : "Ses intervenants ont été retirés du programme public."}
      </Say>
      <CallToAction href={adminUrl}>Voir la contribution</CallToAction>
    </>
  ),
});
