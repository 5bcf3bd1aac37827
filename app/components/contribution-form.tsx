import { useForm, type SubmissionResult } from "@conform-to/react";
import type { ReactNode } from "react";
import { CONTRIBUTION_FORMAT_LABELS, CONTRIBUTION_FORMATS } from "#app/domain/shared/vocabulary.ts";
import {
  ABSTRACT_MAX_LENGTH,
  CO_SPEAKER_MAX,
  CO_SPEAKER_ROWS,
  type ContributionDetailsValues,
} from "#app/forms/contribution.ts";
import { formatTime } from "#app/lib/time.ts";
import { CharacterCount } from "./character-count.tsx";
import {
  CheckboxField,
  FormError,
  RadioGroupField,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
} from "./form-fields.tsx";
import { PrivacyNotice } from "./privacy-notice.tsx";
import { useHydrated } from "./use-hydrated.ts";
import { ServerForm } from "./server-form.tsx";
import type { FieldLabels } from "./error-summary.tsx";

type Values = ContributionDetailsValues & { email?: string; notice?: string; siteWeb?: string };

export type TableRondeOption = { id: number; title: string; startsAt: Date; endsAt: Date };

/** Rows of the co-speaker list to show: never fewer than the fixed rows people get without JavaScript. */
export function coSpeakerDefaults(
  speakers: ReadonlyArray<{ name: string; role: string | null; organisation: string | null; email: string | null }>,
) {
  const rows = speakers.map((speaker) => ({
    name: speaker.name,
    role: speaker.role ?? "",
    organisation: speaker.organisation ?? "",
    email: speaker.email ?? "",
  }));
  while (rows.length < CO_SPEAKER_ROWS) rows.push({ name: "", role: "", organisation: "", email: "" });
  return rows;
}

const LABELS = {
  name: "Nom et prénom",
  email: "Adresse e-mail",
  role: "Fonction",
  organisation: "Structure",
  coSpeakers: "Co-intervenants",
  title: "Titre",
  abstract: "Résumé",
  format: "Format",
  wishedSessionId: "Table ronde souhaitée",
  availability: "Disponibilités ou contraintes",
  notice: "J’ai pris connaissance de la notice d’information ci-dessus.",
} satisfies Partial<Record<keyof Values, string>>;

const SPEAKER_LABELS = { name: "Nom et prénom", role: "Fonction", organisation: "Structure", email: "Adresse e-mail" };

/** The fields in the order of the form, each co-speaker's named after their row as its legend does. */
const FIELD_LABELS: FieldLabels = [
  ["name", LABELS.name],
  ["email", LABELS.email],
  ["role", LABELS.role],
  ["organisation", LABELS.organisation],
  ["coSpeakers", LABELS.coSpeakers],
  ...Array.from({ length: CO_SPEAKER_MAX }, (_, index) =>
    Object.entries(SPEAKER_LABELS).map(
      ([name, label]) =>
        [`coSpeakers[${index}].${name}`, `Co-intervenant·e ${index + 1}, ${label.toLowerCase()}`] as const,
    ),
  ).flat(),
  ["title", LABELS.title],
  ["abstract", LABELS.abstract],
  ["format", LABELS.format],
  ["wishedSessionId", LABELS.wishedSessionId],
  ["availability", LABELS.availability],
  ["notice", LABELS.notice],
];

/**
 * The contribution form: a new proposal (mode "submit": email, consent notice, honeypot) or
 * the changes a speaker makes from their private link (mode "edit"). Works without JavaScript;
 * with it, fields are checked as people go, the abstract shows a live count, and more
 * co-speaker rows can be added.
 */
export function ContributionForm(props: {
  id: string;
  mode: "submit" | "edit";
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue?: Record<string, unknown>;
  tablesRondes: TableRondeOption[];
  submitLabel: string;
  children?: ReactNode;
}) {
  const { id, mode, lastResult, defaultValue, tablesRondes, submitLabel, children } = props;
  const hydrated = useHydrated();
  // The defaults come as form strings; Conform types fields by the parsed schema.
  const [form, fields] = useForm<Values>({
    id,
    lastResult,
    defaultValue: { coSpeakers: coSpeakerDefaults([]), ...defaultValue } as never,
  });
  const rows = fields.coSpeakers.getFieldList();

  return (
    <ServerForm form={form} className="form form--wide" fieldLabels={FIELD_LABELS}>
      <fieldset className="fieldset">
        <legend>Vous</legend>
        <TextField field={fields.name} label={LABELS.name} autoComplete="name" required maxLength={200} />
        {mode === "submit" ? (
          <TextField
            field={fields.email}
            label={LABELS.email}
            type="email"
            autoComplete="email"
            required
            hint="Votre lien personnel et la réponse de l’équipe organisatrice y seront envoyés."
          />
        ) : null}
        <TextField field={fields.role} label={LABELS.role} autoComplete="organization-title" required maxLength={150} />
        <TextField
          field={fields.organisation}
          label={LABELS.organisation}
          autoComplete="organization"
          required
          maxLength={200}
        />
      </fieldset>

      {/* Named by the list's id, so the error summary can link to the list's own error. */}
      <fieldset id={fields.coSpeakers.id} tabIndex={-1} className="fieldset">
        <legend>{LABELS.coSpeakers} (facultatif)</legend>
        <p className="field__hint">
          Les personnes qui interviendraient avec vous. Laissez vides les lignes inutiles. Leur adresse e-mail permet de
          leur envoyer l’invitation si la contribution est retenue.
        </p>
        {rows.map((row, index) => {
          const speaker = row.getFieldset();
          return (
            <fieldset key={row.key} className="fieldset fieldset--nested">
              <legend>Co-intervenant·e {index + 1}</legend>
              <TextField field={speaker.name} label={SPEAKER_LABELS.name} maxLength={200} />
              <TextField field={speaker.role} label={SPEAKER_LABELS.role} maxLength={150} />
              <TextField field={speaker.organisation} label={SPEAKER_LABELS.organisation} maxLength={200} />
              <TextField field={speaker.email} label={SPEAKER_LABELS.email} type="email" />
            </fieldset>
          );
        })}
        {hydrated && rows.length < CO_SPEAKER_MAX ? (
          <div>
            <button
              {...form.insert.getButtonProps({ name: fields.coSpeakers.name })}
              className="button button--secondary button--small"
            >
              Ajouter un co-intervenant
            </button>
          </div>
        ) : null}
        <FormError id={fields.coSpeakers.errorId} errors={fields.coSpeakers.errors} />
      </fieldset>

      <fieldset className="fieldset">
        <legend>Votre contribution</legend>
        <TextField field={fields.title} label={LABELS.title} required maxLength={200} />
        <TextAreaField
          field={fields.abstract}
          label={LABELS.abstract}
          required
          rows={10}
          hint={`Ce que vous souhaitez partager, en ${ABSTRACT_MAX_LENGTH.toLocaleString("fr-FR")}\u00a0caractères au maximum.`}
        />
        <CharacterCount targetId={fields.abstract.id} max={ABSTRACT_MAX_LENGTH} />
        <RadioGroupField
          field={fields.format}
          legend={LABELS.format}
          options={CONTRIBUTION_FORMATS.map((format) => ({ value: format, label: CONTRIBUTION_FORMAT_LABELS[format] }))}
          required
        />
        {tablesRondes.length > 0 ? (
          <SelectField
            field={fields.wishedSessionId}
            label={LABELS.wishedSessionId}
            placeholder="Pas de préférence"
            hint="L’équipe organisatrice en tiendra compte autant que possible."
            options={tablesRondes.map((session) => ({
              value: String(session.id),
              label: `${session.title} (${formatTime(session.startsAt)}–${formatTime(session.endsAt)})`,
            }))}
          />
        ) : null}
        <TextAreaField
          field={fields.availability}
          label={LABELS.availability}
          hint={"Par exemple\u00a0: présent·e le matin seulement, besoin d’un vidéoprojecteur, accessibilité."}
          rows={3}
          maxLength={1000}
        />
      </fieldset>

      {mode === "submit" ? (
        <>
          <div className="honeypot" aria-hidden="true">
            <label htmlFor="siteWeb">Ne pas remplir ce champ</label>
            <input type="text" id="siteWeb" name="siteWeb" tabIndex={-1} autoComplete="off" />
          </div>
          <PrivacyNotice
            purpose="Examiner votre proposition avec l’équipe de relecture, vous répondre, et, si elle est retenue, vous inscrire au programme public (nom, fonction et structure des personnes qui interviennent) et vous envoyer l’invitation et ses mises à jour."
            retention={
              "Vos coordonnées et celles des personnes qui interviennent (nom, adresse e-mail, fonction, structure), vos disponibilités, notre réponse et les commentaires de la relecture sont gardés le temps de préparer la journée et d’y intervenir, puis effacés 12\u00a0mois après la date de l’édition. Restent dans les archives le titre, le résumé, le format et les notes de la proposition, pour garder trace de ce qui a été proposé et présenté\u00a0; si elle est retenue, les nom, fonction et structure des personnes qui interviennent restent dans le programme publié de l’édition."
            }
          />
          <CheckboxField field={fields.notice} label={LABELS.notice} />
        </>
      ) : null}
      {children}
      <SubmitButton>{submitLabel}</SubmitButton>
    </ServerForm>
  );
}
