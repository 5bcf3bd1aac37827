import { frenchTypography } from "#app/lib/typography.ts";
import { renderEmail, type RenderedEmail } from "./layout.tsx";

/** A message written by the organisers to the people registered for an edition. */
export function organiserMessageEmail(input: {
  editionTitle: string;
  person: { firstName: string; lastName: string };
  subject: string;
  bodyHtml: string;
  bodyText: string;
  manageUrl: string | null;
}): RenderedEmail {
  const { editionTitle, person, subject, bodyHtml, bodyText, manageUrl } = input;
  const hello = `Bonjour ${person.firstName} ${person.lastName},`;
  return renderEmail({
    subject: frenchTypography(subject),
    preheader: frenchTypography(`Un message des organisateurs de « ${editionTitle} ».`),
    body: (
      <>
        <p>{hello}</p>
        <div dangerouslySetInnerHTML={{ __html: bodyHtml }} />
        {manageUrl ? (
          <p>
            Votre inscription&nbsp;: <a href={manageUrl}>{manageUrl}</a>
          </p>
        ) : null}
      </>
    ),
    text: `${hello}\n\n${frenchTypography(bodyText)}${manageUrl ? `\n\nVotre inscription\u00a0: ${manageUrl}` : ""}`,
  });
}
