import type { TemplateName } from "./templates.ts";

/** What the back-office calls each email, in the words of the person who reads the outbox. */
const TEMPLATE_LABELS: Record<TemplateName, string> = {
  "registration.confirmed": "Confirmation d’inscription",
  "registration.waitlisted": "Inscription en liste d’attente",
  "registration.cancelled": "Désinscription",
  "registration.link": "Lien d’inscription renvoyé",
  "registration.handed_over": "Place cédée",
  "registration.handed_over_to_you": "Place reçue d’une autre personne",
  "registration.email_change_requested": "Confirmation d’une nouvelle adresse",
  "registration.email_changed": "Adresse mise à jour",
  "registration.email_moved": "Avis à l’ancienne adresse",
  "registration.reminder": "Rappel avant la journée",
  "edition.changed": "Changement de l’édition",
  "edition.cancelled": "Annulation de l’édition",
  "edition.message": "Message des organisateurs",
  "contribution.received": "Proposition reçue",
  "contribution.accepted": "Proposition retenue",
  "contribution.declined": "Proposition non retenue",
  "contribution.session_changed": "Changement de séquence d’une intervention",
  "contribution.withdrawn": "Proposition retirée",
  "contribution.withdrawn_organisers": "Proposition retirée (avis aux organisateurs)",
  "certificate.issued": "Attestation de présence",
  "survey.invitation": "Invitation au questionnaire",
  "account.invitation": "Invitation à un compte",
  "account.password_reset": "Réinitialisation du mot de passe",
  "account.password_forgotten": "Mot de passe oublié",
  "dispositif.correction": "Demande de correction d’une fiche",
};

/** Kinds that tell apart emails written from one template, for the outbox and its counts. */
const VARIANT_LABELS = {
  "registration.promoted": "Place confirmée depuis la liste d’attente",
} as const;

/** What a notification may call its email: its template's name, a variant, or a reminder with its delay. */
export type EmailKind = TemplateName | keyof typeof VARIANT_LABELS | `reminder.${number}d`;

const LABELS: Record<string, string> = { ...TEMPLATE_LABELS, ...VARIANT_LABELS };

/** Every kind with a label of its own (reminders are named by their delay). */
export const LABELLED_KINDS = Object.keys(LABELS);

/**
 * The label of an outbox row's kind. A kind written by an older version and unknown here is
 * shown as it is stored rather than hidden.
 */
export function emailKindLabel(kind: string): string {
  const reminder = /^reminder\.(\d+)d$/.exec(kind);
  if (reminder) return reminder[1] === "1" ? "Rappel de la veille" : `Rappel ${reminder[1]}\u00a0jours avant`;
  return Object.hasOwn(LABELS, kind) ? LABELS[kind]! : kind;
}
