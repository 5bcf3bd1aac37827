// Closed lists shared by the database constraints, the forms and the pages.
// Keys are stored; labels are what people read.

/** A closed list written once, as its labels: the keys come back in the order written. */
function vocabulary<const Labels extends Record<string, string>>(labels: Labels) {
  type Key = keyof Labels & string;
  return [Object.keys(labels) as unknown as readonly [Key, ...Key[]], labels as Readonly<Record<Key, string>>] as const;
}

export const [USER_ROLES, USER_ROLE_LABELS] = vocabulary({
  // Epicene: the role, not the person (« Relecture », not « Relecteur » for a woman).
  admin: "Administration",
  organiser: "Organisation",
  reviewer: "Relecture",
});
export type UserRole = (typeof USER_ROLES)[number];

export const [EDITION_STATUSES, EDITION_STATUS_LABELS] = vocabulary({
  draft: "Brouillon",
  published: "Publiée",
  held: "Tenue",
  archived: "Archivée",
  cancelled: "Annulée",
});
export type EditionStatus = (typeof EDITION_STATUSES)[number];

/** The button that moves an edition to each status. */
export const EDITION_STATUS_ACTIONS: Partial<Record<EditionStatus, string>> = {
  published: "Publier",
  draft: "Repasser en brouillon",
  held: "Marquer comme tenue",
  archived: "Archiver",
};

export const [SESSION_KINDS, SESSION_KIND_LABELS] = vocabulary({
  accueil: "Accueil",
  ouverture: "Ouverture",
  conference: "Conférence",
  table_ronde: "Table ronde",
  atelier: "Atelier",
  pause: "Pause",
  dejeuner: "Déjeuner",
  cloture: "Clôture",
});
export type SessionKind = (typeof SESSION_KINDS)[number];

/** The programme items where someone speaks: a contribution can only be placed in one of these. */
export const SPEAKING_SESSION_KINDS: readonly SessionKind[] = [
  "ouverture",
  "conference",
  "table_ronde",
  "atelier",
  "cloture",
];

export const [SESSION_PERSON_ROLES, SESSION_PERSON_ROLE_LABELS] = vocabulary({
  intervenant: "Intervenant·e",
  moderateur: "Modérateur·rice",
  orateur: "Orateur·rice",
});
export type SessionPersonRole = (typeof SESSION_PERSON_ROLES)[number];

export const [STRUCTURE_TYPES, STRUCTURE_TYPE_LABELS] = vocabulary({
  hebergement: "Hébergement",
  veille_sociale_115: "Veille sociale / 115",
  insertion_logement: "Insertion / logement",
  sante_medico_social: "Santé / médico-social",
  collectivite: "Collectivité",
  services_etat: "Services de l’État",
  autre: "Autre",
});
export type StructureType = (typeof STRUCTURE_TYPES)[number];

export const [REGISTRATION_STATUSES, REGISTRATION_STATUS_LABELS] = vocabulary({
  confirmed: "Confirmée",
  waitlisted: "Liste d’attente",
  cancelled: "Annulée",
});
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const [CONTRIBUTION_FORMATS, CONTRIBUTION_FORMAT_LABELS] = vocabulary({
  table_ronde: "Intervention dans une table ronde",
  retour_experience: "Retour d’expérience",
  atelier: "Atelier",
});
export type ContributionFormat = (typeof CONTRIBUTION_FORMATS)[number];

export const [CONTRIBUTION_STATUSES, CONTRIBUTION_STATUS_LABELS] = vocabulary({
  submitted: "Reçue",
  accepted: "Acceptée",
  declined: "Non retenue",
  withdrawn: "Retirée",
});
export type ContributionStatus = (typeof CONTRIBUTION_STATUSES)[number];
/** What each format means, for the call for contributions page. */
export const CONTRIBUTION_FORMAT_DESCRIPTIONS: Record<ContributionFormat, string> = {
  table_ronde:
    "Vous prenez la parole, avec d’autres intervenants, dans l’une des tables rondes de la journée (environ 10 minutes chacun, puis des échanges avec la salle).",
  retour_experience:
    "Vous présentez une action, un dispositif ou une situation que votre équipe a vécue : ce qui a marché, ce qui a coincé, ce que vous en retenez.",
  atelier: "Vous animez un temps de travail en petit groupe autour d’une question concrète, avec les participants.",
};
/** The score a reviewer gives a contribution, and what each value means. */
export const REVIEW_SCORES = [1, 2, 3, 4, 5] as const;
export const REVIEW_SCORE_LABELS: Record<(typeof REVIEW_SCORES)[number], string> = {
  1: "1 — à écarter",
  2: "2 — peu adaptée",
  3: "3 — intéressante",
  4: "4 — très intéressante",
  5: "5 — à retenir absolument",
};

export const ARTICLE_STATUSES = ["draft", "published"] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const ATTACHMENT_KINDS = ["slides", "booklet", "document", "image"] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export const [DISPOSITIF_CATEGORIES, DISPOSITIF_CATEGORY_LABELS] = vocabulary({
  insertion: "Insertion",
  veille_sociale: "Veille sociale",
  sanitaire_social: "Sanitaire et social",
});
export type DispositifCategory = (typeof DISPOSITIF_CATEGORIES)[number];

/** Sub-categories of the 2025 booklet, offered as suggestions: the field stays free text. */
export const DISPOSITIF_SUB_CATEGORY_SUGGESTIONS: Record<DispositifCategory, readonly string[]> = {
  insertion: ["Insertion professionnelle", "Insertion par le logement", "AVDL", "Scolaire", "Accès aux droits"],
  veille_sociale: ["Maraude sociale", "Maraude réduction des risques"],
  sanitaire_social: ["EMSP", "ESSIP", "EMPP", "PASS mobile", "LHSS mobile"],
};

/** What a « Signaler une correction » request is about. */
export const [DISPOSITIF_CORRECTION_FIELDS, DISPOSITIF_CORRECTION_FIELD_LABELS] = vocabulary({
  name: "Nom du dispositif",
  operator: "Opérateur",
  category: "Catégorie ou sous-catégorie",
  publics: "Publics",
  territory: "Territoire (communes)",
  description: "Description",
  phone: "Téléphone",
  email: "Adresse e-mail",
  website: "Site web",
  closed: "Le dispositif n’existe plus",
  other: "Autre",
});
export type DispositifCorrectionField = (typeof DISPOSITIF_CORRECTION_FIELDS)[number];

export const [CORRECTION_STATUSES, CORRECTION_STATUS_LABELS] = vocabulary({
  new: "Nouvelle",
  done: "Traitée",
});
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];

export const [EMAIL_STATUSES, EMAIL_STATUS_LABELS] = vocabulary({
  pending: "En attente",
  sending: "En cours d’envoi",
  sent: "Envoyé",
  failed: "Échec",
});
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

export const [SEARCH_KINDS, SEARCH_KIND_LABELS] = vocabulary({
  article: "Synthèses",
  edition: "Éditions",
  session: "Programme",
  dispositif: "Dispositifs",
});
export type SearchKind = (typeof SEARCH_KINDS)[number];
export const MAX_QUERY_LENGTH = 200;

/** Renders a closed list as the body of an SQL `IN (...)` check. */
export function sqlList(values: readonly string[]): string {
  return values.map((v) => `'${v.replaceAll("'", "''")}'`).join(", ");
}
