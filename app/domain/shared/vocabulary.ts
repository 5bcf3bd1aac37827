// Closed lists shared by the database constraints, the forms and the pages.
// Keys are stored; labels are what people read.

export const USER_ROLES = ["admin", "organiser", "reviewer"] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const USER_ROLE_LABELS: Record<UserRole, string> = {
  // Epicene: the role, not the person (« Relecture », not « Relecteur » for a woman).
  admin: "Administration",
  organiser: "Organisation",
  reviewer: "Relecture",
};

export const EDITION_STATUSES = ["draft", "published", "held", "archived", "cancelled"] as const;
export type EditionStatus = (typeof EDITION_STATUSES)[number];
export const EDITION_STATUS_LABELS: Record<EditionStatus, string> = {
  draft: "Brouillon",
  published: "Publiée",
  held: "Tenue",
  archived: "Archivée",
  cancelled: "Annulée",
};

/** The button that moves an edition to each status. */
export const EDITION_STATUS_ACTIONS: Partial<Record<EditionStatus, string>> = {
  published: "Publier",
  draft: "Repasser en brouillon",
  held: "Marquer comme tenue",
  archived: "Archiver",
};

export const SESSION_KINDS = [
  "accueil",
  "ouverture",
  "conference",
  "table_ronde",
  "atelier",
  "pause",
  "dejeuner",
  "cloture",
] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];
export const SESSION_KIND_LABELS: Record<SessionKind, string> = {
  accueil: "Accueil",
  ouverture: "Ouverture",
  conference: "Conférence",
  table_ronde: "Table ronde",
  atelier: "Atelier",
  pause: "Pause",
  dejeuner: "Déjeuner",
  cloture: "Clôture",
};

/** The programme items where someone speaks: a contribution can only be placed in one of these. */
export const SPEAKING_SESSION_KINDS: readonly SessionKind[] = [
  "ouverture",
  "conference",
  "table_ronde",
  "atelier",
  "cloture",
];

export const SESSION_PERSON_ROLES = ["intervenant", "moderateur", "orateur"] as const;
export type SessionPersonRole = (typeof SESSION_PERSON_ROLES)[number];
export const SESSION_PERSON_ROLE_LABELS: Record<SessionPersonRole, string> = {
  intervenant: "Intervenant·e",
  moderateur: "Modérateur·rice",
  orateur: "Orateur·rice",
};

export const STRUCTURE_TYPES = [
  "hebergement",
  "veille_sociale_115",
  "insertion_logement",
  "sante_medico_social",
  "collectivite",
  "services_etat",
  "autre",
] as const;
export type StructureType = (typeof STRUCTURE_TYPES)[number];
export const STRUCTURE_TYPE_LABELS: Record<StructureType, string> = {
  hebergement: "Hébergement",
  veille_sociale_115: "Veille sociale / 115",
  insertion_logement: "Insertion / logement",
  sante_medico_social: "Santé / médico-social",
  collectivite: "Collectivité",
  services_etat: "Services de l’État",
  autre: "Autre",
};

export const REGISTRATION_STATUSES = ["confirmed", "waitlisted", "cancelled"] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = {
  confirmed: "Confirmée",
  waitlisted: "Liste d’attente",
  cancelled: "Annulée",
};

export const CONTRIBUTION_FORMATS = ["table_ronde", "retour_experience", "atelier"] as const;
export type ContributionFormat = (typeof CONTRIBUTION_FORMATS)[number];
export const CONTRIBUTION_FORMAT_LABELS: Record<ContributionFormat, string> = {
  table_ronde: "Intervention dans une table ronde",
  retour_experience: "Retour d’expérience",
  atelier: "Atelier",
};

export const CONTRIBUTION_STATUSES = ["submitted", "accepted", "declined", "withdrawn"] as const;
export type ContributionStatus = (typeof CONTRIBUTION_STATUSES)[number];
export const CONTRIBUTION_STATUS_LABELS: Record<ContributionStatus, string> = {
  submitted: "Reçue",
  accepted: "Acceptée",
  declined: "Non retenue",
  withdrawn: "Retirée",
};
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

export const DISPOSITIF_CATEGORIES = ["insertion", "veille_sociale", "sanitaire_social"] as const;
export type DispositifCategory = (typeof DISPOSITIF_CATEGORIES)[number];
export const DISPOSITIF_CATEGORY_LABELS: Record<DispositifCategory, string> = {
  insertion: "Insertion",
  veille_sociale: "Veille sociale",
  sanitaire_social: "Sanitaire et social",
};

/** Sub-categories of the 2025 booklet, offered as suggestions: the field stays free text. */
export const DISPOSITIF_SUB_CATEGORY_SUGGESTIONS: Record<DispositifCategory, readonly string[]> = {
  insertion: ["Insertion professionnelle", "Insertion par le logement", "AVDL", "Scolaire", "Accès aux droits"],
  veille_sociale: ["Maraude sociale", "Maraude réduction des risques"],
  sanitaire_social: ["EMSP", "ESSIP", "EMPP", "PASS mobile", "LHSS mobile"],
};

/** What a « Signaler une correction » request is about. */
export const DISPOSITIF_CORRECTION_FIELDS = [
  "name",
  "operator",
  "category",
  "publics",
  "territory",
  "description",
  "phone",
  "email",
  "website",
  "closed",
  "other",
] as const;
export type DispositifCorrectionField = (typeof DISPOSITIF_CORRECTION_FIELDS)[number];
export const DISPOSITIF_CORRECTION_FIELD_LABELS: Record<DispositifCorrectionField, string> = {
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
};

export const CORRECTION_STATUSES = ["new", "done"] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];
export const CORRECTION_STATUS_LABELS: Record<CorrectionStatus, string> = {
  new: "Nouvelle",
  done: "Traitée",
};

export const EMAIL_STATUSES = ["pending", "sending", "sent", "failed"] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];
export const EMAIL_STATUS_LABELS: Record<EmailStatus, string> = {
  pending: "En attente",
  sending: "En cours d’envoi",
  sent: "Envoyé",
  failed: "Échec",
};

export const SEARCH_KINDS = ["article", "edition", "session", "dispositif"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
export const SEARCH_KIND_LABELS: Record<SearchKind, string> = {
  article: "Synthèses",
  edition: "Éditions",
  session: "Programme",
  dispositif: "Dispositifs",
};
export const MAX_QUERY_LENGTH = 200;

/** Renders a closed list as the body of an SQL `IN (...)` check. */
export function sqlList(values: readonly string[]): string {
  return values.map((v) => `'${v.replaceAll("'", "''")}'`).join(", ");
}
