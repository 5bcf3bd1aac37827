import { Details, fr, Greeting, NBSP, Quote } from "./components.tsx";
import { defineEmail } from "./render.tsx";

// Tells the organisers that someone asked for a correction of a directory entry. The text the
// person typed is shown as text (React escapes it), never as markup.

export const correctionRequest = defineEmail<{
  dispositif: { name: string; operator: string; url: string };
  fieldLabel: string;
  message: string;
  requester: { name: string; email: string };
  backOfficeUrl: string;
}>({
  footer: "directory",
  subject: ({ dispositif }) => `Demande de correction : ${dispositif.name}`,
  preview: ({ fieldLabel }) => `Champ concerné : ${fieldLabel}.`,
  Body: ({ dispositif, fieldLabel, message, requester, backOfficeUrl }) => (
    <>
      <Greeting name={null} />
      <p>
        {fr(
          `${requester.name} (${requester.email}) demande une correction de la fiche « ${dispositif.name} » (${dispositif.operator}) du répertoire des dispositifs.`,
        )}
      </p>
      <p>
        <strong>Champ concerné{NBSP}:</strong> {fieldLabel}
      </p>
      <p>
        <strong>Correction proposée{NBSP}:</strong>
      </p>
      <Quote text={message} />
      <Details
        rows={[
          { label: "La fiche publique", value: dispositif.url, link: true },
          { label: "Les demandes à traiter", value: backOfficeUrl, link: true },
        ]}
      />
    </>
  ),
});
