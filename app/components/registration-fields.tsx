import type { FieldMetadata } from "@conform-to/react";
import type { FieldLabels } from "./error-summary.tsx";
import { RadioGroupField, SelectField, TextAreaField, TextField } from "./form-fields.tsx";
import { PrivacyNotice } from "./privacy-notice.tsx";
import { STRUCTURE_TYPE_LABELS, STRUCTURE_TYPES } from "#app/domain/shared/vocabulary.ts";

// Conform types each field by its value; these fields only read ids, names and errors.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any, any, any>;

type PersonField =
  "firstName" | "lastName" | "email" | "organisation" | "role" | "structureType" | "accessNeeds" | "meal";

const OWN_LABELS: Record<PersonField, string> = {
  firstName: "Prénom",
  lastName: "Nom",
  email: "Adresse e-mail",
  organisation: "Structure",
  role: "Fonction",
  structureType: "Type de structure",
  accessNeeds: "Besoins d’accessibilité ou d’adaptation",
  meal: "Déjeunerez-vous sur place ?",
};

/**
 * The labels of the person fields a form shows, in the order `PersonFields` shows them, for the
 * form's error summary.
 */
export function personFieldLabels(
  names: ReadonlyArray<PersonField>,
  labels: Partial<Record<PersonField, string>> = {},
): FieldLabels {
  return (Object.keys(OWN_LABELS) as PersonField[])
    .filter((name) => names.includes(name))
    .map((name) => [name, labels[name] ?? OWN_LABELS[name]] as const);
}

/** The structure types as select options, for every form that asks for one. */
export const STRUCTURE_TYPE_OPTIONS = STRUCTURE_TYPES.map((value) => ({ value, label: STRUCTURE_TYPE_LABELS[value] }));

const MEAL_OPTIONS = [
  { value: "oui", label: "Oui" },
  { value: "non", label: "Non" },
];

/**
 * The details of a registered person, as the registration form asks them: the forms that register,
 * correct or hand a place over show whichever of these fields their schema has, in this order.
 */
export function PersonFields(props: {
  fields: Partial<Record<PersonField, AnyField>>;
  /** Where the person is someone else (« Son prénom »…), in place of the person’s own labels. */
  labels?: Partial<Record<PersonField, string>>;
  hints?: Partial<Record<"email" | "accessNeeds", string>>;
  /** The browser may fill in the visitor’s own details, never someone else’s. */
  autoFill?: boolean;
}) {
  const { fields, hints = {}, autoFill = false } = props;
  const label = (name: PersonField) => props.labels?.[name] ?? OWN_LABELS[name];
  const auto = (token: string) => (autoFill ? token : undefined);
  const { email, role, structureType, accessNeeds, meal } = fields;
  const requiredText = (name: "firstName" | "lastName" | "organisation", token: string, maxLength: number) => {
    const field = fields[name];
    return field ? (
      <TextField field={field} label={label(name)} autoComplete={auto(token)} required maxLength={maxLength} />
    ) : null;
  };
  return (
    <>
      {requiredText("firstName", "given-name", 100)}
      {requiredText("lastName", "family-name", 100)}
      {email ? (
        <TextField
          field={email}
          label={label("email")}
          type="email"
          autoComplete={auto("email")}
          required
          hint={hints.email}
        />
      ) : null}
      {requiredText("organisation", "organization", 200)}
      {role ? (
        <TextField field={role} label={label("role")} autoComplete={auto("organization-title")} maxLength={150} />
      ) : null}
      {structureType ? (
        <SelectField
          field={structureType}
          label={label("structureType")}
          placeholder="Choisissez…"
          options={STRUCTURE_TYPE_OPTIONS}
          required
        />
      ) : null}
      {accessNeeds ? (
        <TextAreaField
          field={accessNeeds}
          label={label("accessNeeds")}
          hint={hints.accessNeeds}
          maxLength={1000}
          rows={3}
        />
      ) : null}
      {meal ? <RadioGroupField field={meal} legend={label("meal")} options={MEAL_OPTIONS} required /> : null}
    </>
  );
}

/** The information notice of the registration forms; only who sees the data differs between them. */
export function RegistrationPrivacyNotice({ recipients }: { recipients: string }) {
  return (
    <PrivacyNotice
      retention={
        "12\u00a0mois après la date de l’édition, puis anonymisation\u00a0: seules restent des statistiques (nombre de personnes inscrites et présentes par type de structure, notes du questionnaire)."
      }
      purpose="Organiser la journée : inscriptions, liste d’attente, badge et émargement, envoi des informations pratiques et des changements éventuels ; après la journée, le questionnaire de satisfaction."
      recipients={recipients}
    />
  );
}
