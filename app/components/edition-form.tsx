import { useForm, type SubmissionResult } from "@conform-to/react";
import { type EditionFormValues } from "#app/forms/edition.ts";
import { CheckboxField, ThemesField, SelectField, SubmitButton, TextAreaField, TextField } from "./form-fields.tsx";
import { ServerForm } from "./server-form.tsx";

type Option = { id: number; name: string; city?: string };

/** The form of an edition, for creating one and for editing it. */
export function EditionForm(props: {
  id: string;
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue?: Record<string, string | string[]>;
  venues: Option[];
  themes: Option[];
  submitLabel: string;
  notice?: React.ReactNode;
  /** What saving will send, once previewed; it carries its own confirm button. */
  confirmation?: React.ReactNode;
  /** Shown under the themes: what participants of past editions asked for. */
  themeSuggestions?: React.ReactNode;
}) {
  const { id, lastResult, defaultValue, venues, themes, submitLabel, notice, confirmation, themeSuggestions } = props;
  // The defaults come as form strings; Conform types fields by the parsed schema.
  const [form, fields] = useForm<EditionFormValues>({
    id,
    lastResult,
    defaultValue: defaultValue as never,
  });
  return (
    <ServerForm form={form} className="form form--wide">
      <fieldset className="fieldset">
        <legend>L’édition</legend>
        <TextField field={fields.title} label="Titre (le thème)" required maxLength={200} />
        <TextField field={fields.subtitle} label="Sous-titre" maxLength={300} />
        <ThemesField field={fields.themeIds} themes={themes} />
        <TextField
          field={fields.newTheme}
          label="Nouveau thème"
          hint="Ajouté à la liste et à cette édition."
          maxLength={100}
        />
        {themeSuggestions}
        <TextAreaField field={fields.summary} label="Présentation" rows={4} maxLength={3000} />
        <TextAreaField
          field={fields.objectives}
          label="Objectifs"
          hint="Un objectif par ligne."
          rows={4}
          maxLength={3000}
        />
      </fieldset>

      <fieldset className="fieldset">
        <legend>Date et lieu</legend>
        {notice}
        <TextField field={fields.date} label="Date" type="date" required />
        <TextField field={fields.startTime} label="Heure de début" type="time" required />
        <TextField field={fields.endTime} label="Heure de fin" type="time" required />
        <SelectField
          field={fields.venueId}
          label="Lieu"
          placeholder="Choisissez…"
          options={[
            ...venues.map((venue) => ({ value: String(venue.id), label: `${venue.name}, ${venue.city}` })),
            { value: "new", label: "Nouveau lieu (à décrire ci-dessous)" },
          ]}
          required
        />
        <fieldset className="fieldset fieldset--nested">
          <legend>Nouveau lieu</legend>
          <p className="field__hint">Seulement si le lieu n’est pas dans la liste.</p>
          <TextField field={fields.newVenueName} label="Nom du lieu" maxLength={200} />
          <TextField field={fields.newVenueAddress} label="Adresse" maxLength={300} />
          <TextField field={fields.newVenuePostcode} label="Code postal" maxLength={5} />
          <TextField field={fields.newVenueCity} label="Commune" maxLength={120} />
          <TextAreaField field={fields.newVenueAccess} label="Accès (transports)" rows={2} maxLength={1000} />
          <TextAreaField field={fields.newVenueAccessibility} label="Accessibilité" rows={2} maxLength={1000} />
        </fieldset>
      </fieldset>

      <fieldset className="fieldset">
        <legend>Inscriptions et appel à contributions</legend>
        <TextField field={fields.capacity} label="Nombre de places" type="number" required />
        <CheckboxField field={fields.waitlistEnabled} label="Liste d’attente quand c’est complet" />
        <TextField field={fields.registrationOpensAt} label="Ouverture des inscriptions" type="datetime-local" />
        <TextField field={fields.registrationClosesAt} label="Clôture des inscriptions" type="datetime-local" />
        <TextField
          field={fields.contributionsOpensAt}
          label="Ouverture de l’appel à contributions"
          type="datetime-local"
        />
        <TextField
          field={fields.contributionsClosesAt}
          label="Clôture de l’appel à contributions"
          type="datetime-local"
        />
      </fieldset>

      <fieldset className="fieldset">
        <legend>Attestations de présence</legend>
        <p className="field__hint">Imprimés au bas de chaque attestation délivrée après la journée.</p>
        <TextField field={fields.signatoryName} label="Nom du ou de la signataire" maxLength={150} />
        <TextField
          field={fields.signatoryRole}
          label="Fonction du ou de la signataire"
          hint={"Par exemple «\u00a0Directrice du SIAO\u00a095\u00a0»."}
          maxLength={200}
        />
      </fieldset>
      {confirmation ?? <SubmitButton>{submitLabel}</SubmitButton>}
    </ServerForm>
  );
}
