import { fullName, Greeting, NBSP, type EmailPerson } from "./components.tsx";
import { defineEmail } from "./render.tsx";

/** A message written by the organisers to the people registered for an edition. */
export const organiserMessage = defineEmail<{
  editionTitle: string;
  person: EmailPerson;
  subject: string;
  /** The organisers' Markdown, rendered and sanitised by the caller. */
  bodyHtml: string;
  manageUrl: string | null;
}>({
  footer: "registrant",
  subject: ({ subject }) => subject,
  preview: ({ editionTitle }) => `Un message de l’équipe organisatrice de « ${editionTitle} ».`,
  Body: ({ person, bodyHtml, manageUrl }) => (
    <>
      <Greeting name={fullName(person)} />
      <div dangerouslySetInnerHTML={{ __html: bodyHtml }} />
      {manageUrl ? (
        <p>
          Votre inscription{NBSP}: <a href={manageUrl}>{manageUrl}</a>
        </p>
      ) : null}
    </>
  ),
});
