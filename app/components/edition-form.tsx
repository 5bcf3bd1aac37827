import { useForm, type SubmissionResult } from "@conform-to/react";
import { type EditionFormValues } from "#app/forms/edition.ts";
import { CheckboxField, ThemesField, SelectField, SubmitButton, TextAreaField, TextField } from "./form-fields.tsx";
import { ServerForm } from "./server-form.tsx";
import type { FieldLabels } from "./error-summary.tsx";

type Option = { id: number; name: string; city?: string };

/** The label of each field, in the order of the form: its fields and its error summary read them. */
const LABELS = {
  title: "Titre (le thème)",
  subtitle: "Sous-titre",
  themeIds: "Thèmes",
  newTheme: "Nouveau thème",
  summary: "Présentation",
  objectives: "Objectifs",
  date: "Date",
  startTime: "Heure de début",
  endTime: "Heure de fin",
  venueId: "Lieu",
  newVenueName: "Nom du lieu",
  newVenueAddress: "Adresse",
  newVenuePostcode: "Code postal",
  newVenueCity: "Commune",
  newVenueAccess: "Accès (transports)",
  newVenueAccessibility: "Accessibilité",
  capacity: "Nombre de places",
  waitlistEnabled: "Liste d’attente quand c’est complet",
  registrationOpensAt: "Ouverture des inscriptions",
  registrationClosesAt: "Clôture des inscriptions",
  contributionsOpensAt: "Ouverture de l’appel à contributions",
  contributionsClosesAt: "Clôture de l’appel à contributions",
  signatoryName: "Nom du ou de la signataire",
  signatoryRole: "Fonction du ou de la signataire",
} satisfies Partial<Record<keyof EditionFormValues, string>>;

const FIELD_LABELS: FieldLabels = Object.entries(LABELS);

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
    <ServerForm form={form} className="form form--wide" fieldLabels={FIELD_LABELS}>
      <fieldset className="fieldset">
        <legend>L’édition</legend>
        <TextField field={fields.title} label={LABELS.title} required maxLength={200} />
        <TextField field={fields.subtitle} label={LABELS.subtitle} maxLength={300} />
        <ThemesField field={fields.themeIds} themes={themes} />
        <TextField
          field={fields.newTheme}
          label={LABELS.newTheme}
          hint="Ajouté à la liste et à cette édition."
          maxLength={100}
        />
        {themeSuggestions}
        <TextAreaField field={fields.summary} label={LABELS.summary} rows={4} maxLength={3000} />
        <TextAreaField
          field={fields.objectives}
          label={LABELS.objectives}
          hint="Un objectif par ligne."
          rows={4}
          maxLength={3000}
        />
      </fieldset>

      <fieldset className="fieldset">
        <legend>Date et lieu</legend>
        {notice}
        <TextField field={fields.date} label={LABELS.date} type="date" required />
        <TextField field={fields.startTime} label={LABELS.startTime} type="time" required />
        <TextField field={fields.endTime} label={LABELS.endTime} type="time" required />
        <SelectField
          field={fields.venueId}
          label={LABELS.venueId}
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
          <TextField field={fields.newVenueName} label={LABELS.newVenueName} maxLength={200} />
          <TextField field={fields.newVenueAddress} label={LABELS.newVenueAddress} maxLength={300} />
          <TextField field={fields.newVenuePostcode} label={LABELS.newVenuePostcode} maxLength={5} />
          <TextField field={fields.newVenueCity} label={LABELS.newVenueCity} maxLength={120} />
          <TextAreaField field={fields.newVenueAccess} label={LABELS.newVenueAccess} rows={2} maxLength={1000} />
          <TextAreaField
            field={fields.newVenueAccessibility}
            label={LABELS.newVenueAccessibility}
            rows={2}
            maxLength={1000}
          />
        </fieldset>
      </fieldset>

      <fieldset className="fieldset">
        <legend>Inscriptions et appel à contributions</legend>
        <TextField field={fields.capacity} label={LABELS.capacity} type="number" required />
        <CheckboxField field={fields.waitlistEnabled} label={LABELS.waitlistEnabled} />
        <TextField field={fields.registrationOpensAt} label={LABELS.registrationOpensAt} type="datetime-local" />
        <TextField field={fields.registrationClosesAt} label={LABELS.registrationClosesAt} type="datetime-local" />
        <TextField field={fields.contributionsOpensAt} label={LABELS.contributionsOpensAt} type="datetime-local" />
        <TextField field={fields.contributionsClosesAt} label={LABELS.contributionsClosesAt} type="datetime-local" />
      </fieldset>

      <fieldset className="fieldset">
        <legend>Attestations de présence</legend>
        <p className="field__hint">Imprimés au bas de chaque attestation délivrée après la journée.</p>
        <TextField field={fields.signatoryName} label={LABELS.signatoryName} maxLength={150} />
        <TextField
          field={fields.signatoryRole}
          label={LABELS.signatoryRole}
          hint={"Par exemple «\u00a0Directrice du SIAO\u00a095\u00a0»."}
          maxLength={200}
        />
      </fieldset>
      {confirmation ?? <SubmitButton>{submitLabel}</SubmitButton>}
    </ServerForm>
  );
}
