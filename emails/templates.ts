import { accountInvitation, passwordForgotten, passwordReset } from "./account.tsx";
import { certificateIssued } from "./certificate.tsx";
import {
  contributionAccepted,
  contributionDeclined,
  contributionReceived,
  contributionSessionChanged,
  contributionWithdrawn,
  contributionWithdrawnOrganisers,
} from "./contribution.tsx";
import { correctionRequest } from "./dispositif-correction.tsx";
import { organiserMessage } from "./message.tsx";
import {
  editionCancelled,
  editionChanged,
  registrationCancelled,
  registrationConfirmed,
  registrationEmailChanged,
  registrationEmailChangeRequested,
  registrationEmailMoved,
  registrationHandedOver,
  registrationHandedOverToYou,
  registrationLink,
  registrationWaitlisted,
  reminder,
} from "./registration.tsx";
import { surveyInvitation } from "./survey.tsx";
import { renderEmail, renderSubject, type EmailTemplate, type RenderedEmail } from "./render.tsx";

/**
 * Every email the platform sends, by name. A name and its props are all it takes to render
 * one: the notification path stores nothing else that the template needs.
 */
export const EMAIL_TEMPLATES = {
  "registration.confirmed": registrationConfirmed,
  "registration.waitlisted": registrationWaitlisted,
  "registration.cancelled": registrationCancelled,
  "registration.link": registrationLink,
  "registration.handed_over": registrationHandedOver,
  "registration.handed_over_to_you": registrationHandedOverToYou,
  "registration.email_change_requested": registrationEmailChangeRequested,
  "registration.email_changed": registrationEmailChanged,
  "registration.email_moved": registrationEmailMoved,
  "registration.reminder": reminder,
  "edition.changed": editionChanged,
  "edition.cancelled": editionCancelled,
  "edition.message": organiserMessage,
  "contribution.received": contributionReceived,
  "contribution.accepted": contributionAccepted,
  "contribution.declined": contributionDeclined,
  "contribution.session_changed": contributionSessionChanged,
  "contribution.withdrawn": contributionWithdrawn,
  "contribution.withdrawn_organisers": contributionWithdrawnOrganisers,
  "certificate.issued": certificateIssued,
  "survey.invitation": surveyInvitation,
  "account.invitation": accountInvitation,
  "account.password_reset": passwordReset,
  "account.password_forgotten": passwordForgotten,
  "dispositif.correction": correctionRequest,
} as const;

export type TemplateName = keyof typeof EMAIL_TEMPLATES;

export type TemplateProps<Name extends TemplateName> =
  (typeof EMAIL_TEMPLATES)[Name] extends EmailTemplate<infer Props extends object> ? Props : never;

/** One email to write: a template's name and its props, checked against each other. */
export type EmailMessage = { [Name in TemplateName]: { template: Name; props: TemplateProps<Name> } }[TemplateName];

export function renderMessage(message: EmailMessage): RenderedEmail {
  // Each name comes with its own props, but TypeScript does not carry the pair through an index.
  return renderEmail(EMAIL_TEMPLATES[message.template] as EmailTemplate<typeof message.props>, message.props);
}

export function messageSubject(message: EmailMessage): string {
  return renderSubject(EMAIL_TEMPLATES[message.template] as EmailTemplate<typeof message.props>, message.props);
}
