import { formatDate, formatDateTime } from "#app/lib/time.ts";
import { frenchTypography } from "#app/lib/typography.ts";
import { renderEmail, type RenderedEmail } from "./layout.tsx";
import type { EmailPerson } from "./registration.tsx";

const NBSP = "\u00a0";

function fr(text: string): string {
  return frenchTypography(text).replace(/SIAO 95/g, `SIAO${NBSP}95`);
}

/** The invitation to the feedback survey, sent once to each person checked in on the day. */
export function surveyInvitationEmail(input: {
  edition: { title: string; startsAt: Date };
  person: EmailPerson;
  surveyUrl: string;
  closesAt: Date | null;
}): RenderedEmail {
  const { edition, person, surveyUrl, closesAt } = input;
  const hello = `Bonjour ${person.firstName} ${person.lastName},`;
  const intro = `Merci d’avoir participé à la coordination territoriale « ${edition.title} » du ${formatDate(edition.startsAt)}. Pour préparer les prochaines éditions, nous aimerions avoir votre avis : cinq minutes suffisent.`;
  const how =
    "Vous pouvez noter la journée et chaque séquence du programme, dire ce qu’il faut garder ou changer, et proposer des thèmes pour les prochaines coordinations. Les réponses sont lues de façon anonyme : les organisateurs voient les résultats d’ensemble, jamais votre nom à côté de vos réponses.";
  const until = closesAt
    ? `Vous pourrez modifier vos réponses jusqu’au ${formatDateTime(closesAt)}.`
    : "Vous pourrez modifier vos réponses tant que le questionnaire reste ouvert.";
  return renderEmail({
    subject: fr(`Votre avis sur la journée — ${edition.title}`),
    preheader: fr("Cinq minutes pour nous aider à préparer les prochaines coordinations territoriales."),
    body: (
      <>
        <p>{hello}</p>
        <p>{fr(intro)}</p>
        <p>{fr(how)}</p>
        <p>
          <a
            href={surveyUrl}
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
            Donner mon avis
          </a>
        </p>
        <p>{fr(`${until} Ce lien vous est personnel : ne le transférez pas.`)}</p>
        <p>
          Merci,
          <br />
          L’équipe du SIAO{NBSP}95
        </p>
      </>
    ),
    text: fr(`${hello}

${intro}

${how}

Donner mon avis :
${surveyUrl}

${until} Ce lien vous est personnel : ne le transférez pas.

Merci,
L’équipe du SIAO 95`),
  });
}
