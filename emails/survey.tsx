import { formatDate, formatDateTime } from "#app/lib/time.ts";
import { CallToAction, fullName, Greeting, Say, Signature, type EmailPerson } from "./components.tsx";
import { defineEmail } from "./render.tsx";

/** The invitation to the feedback survey, sent once to each person checked in on the day. */
export const surveyInvitation = defineEmail<{
  edition: { title: string; startsAt: Date };
  person: EmailPerson;
  surveyUrl: string;
  closesAt: Date | null;
}>({
  footer: "registrant",
  subject: ({ edition }) => `Votre avis sur la journée — ${edition.title}`,
  preview: () => "Cinq minutes pour nous aider à préparer les prochaines coordinations territoriales.",
  Body: ({ edition, person, surveyUrl, closesAt }) => (
    <>
      <Greeting name={fullName(person)} />
      <Say>
        {`Merci d’avoir participé à la coordination territoriale « ${edition.title} » du ${formatDate(edition.startsAt)}. Pour préparer les prochaines éditions, nous aimerions avoir votre avis : cinq minutes suffisent.`}
      </Say>
      <Say>
        Vous pouvez noter la journée et chaque séquence du programme, dire ce qu’il faut garder ou changer, et proposer
        des thèmes pour les prochaines coordinations. Les réponses sont lues de façon anonyme : les organisateurs voient
        les résultats d’ensemble, jamais votre nom à côté de vos réponses.
      </Say>
      <CallToAction href={surveyUrl}>Donner mon avis</CallToAction>
      <Say>
        {`${
          closesAt
            ? `Vous pourrez modifier vos réponses jusqu’au ${formatDateTime(closesAt)}.`
            : "Vous pourrez modifier vos réponses tant que le questionnaire reste ouvert."
        } Ce lien vous est personnel : ne le transférez pas.`}
      </Say>
      <Signature closing="Merci," />
    </>
  ),
});
