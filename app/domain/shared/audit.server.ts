import { and, count, desc, eq, isNull, type SQL } from "drizzle-orm";
import type { Db } from "#app/lib/db.server.ts";
import { auditLog, users } from "#db/schema.ts";
import type { Actor } from "./actor.ts";
import { EDITION_STATUS_LABELS, EDITION_STATUSES, USER_ROLE_LABELS, USER_ROLES } from "./vocabulary.ts";

export type AuditEntry = {
  action: string;
  entityType?: string;
  entityId?: number;
  /** Never a password, a token or a link carrying one. */
  details?: Record<string, unknown>;
};

/** Writes one line of the journal: who (`actor`), what, on what. */
export function recordAudit(db: Db, actor: Actor, entry: AuditEntry): void {
  db.insert(auditLog)
    .values({
      userId: actor.userId,
      action: entry.action,
      entityType: entry.entityType ?? null,
      entityId: entry.entityId ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
      ip: actor.ip ?? null,
    })
    .run();
}

/** What the journal shows for the actions the app records; an unknown key is shown as it is. */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  "auth.login": "Connexion",
  "auth.login_failed": "Échec de connexion",
  "auth.logout": "Déconnexion",
  "auth.login_code_failed": "Code de double authentification refusé",
  "auth.totp_enabled": "Double authentification activée",
  "auth.totp_disabled": "Double authentification désactivée",
  "user.totp_reset": "Double authentification réinitialisée par l’administration",
  "user.totp_required": "Double authentification exigée",
  "user.totp_not_required": "Double authentification plus exigée",
  "registration.cancel": "Inscription annulée",
  "registration.hand_over": "Place cédée à une autre personne",
  "registration.email_change": "Adresse e-mail corrigée par la personne inscrite",
  "edition.capacity": "Jauge modifiée",
  "edition.logistics": "Titre, date, horaires ou lieu modifiés",
  "edition.cancel": "Édition annulée",
  "venue.update": "Lieu modifié",
  "email.resend": "Courriel renvoyé",
  // Recorded by other parts of the back-office.
  "edition.create": "Édition créée",
  "edition.update": "Édition modifiée",
  "edition.duplicate": "Édition dupliquée",
  "edition.status": "Statut de l’édition changé",
  "edition.message": "Message envoyé aux inscrits",
  "registration.confirm": "Inscription confirmée par un organisateur",
  "registration.resend": "Confirmation d’inscription renvoyée",
  "registration.on_site": "Inscription sur place",
  "registration.check_in": "Arrivée pointée",
  "registration.check_in_undo": "Pointage annulé",
  "session.create": "Séquence ajoutée au programme",
  "session.update": "Séquence modifiée",
  "session.delete": "Séquence supprimée",
  "session.move": "Séquence déplacée",
  "session.person_add": "Intervenant ajouté à une séquence",
  "session.person_remove": "Intervenant retiré d’une séquence",
  "session.person_move": "Ordre des intervenants modifié",
  "person.create": "Intervenant créé",
  "person.update": "Intervenant modifié",
  "person.delete": "Intervenant supprimé",
  "attachment.add": "Document ajouté",
  "attachment.remove": "Document supprimé",
  "attachment.move": "Document déplacé",
  "attachment.rename": "Titre de document modifié",
  "article.create": "Synthèse créée",
  "article.update": "Synthèse modifiée",
  "article.delete": "Synthèse supprimée",
  // The feedback survey after the day.
  "survey.invite": "Invitations au questionnaire de satisfaction envoyées",
  "survey.closing": "Date de clôture du questionnaire modifiée",
  // Call for contributions.
  "contribution.withdraw": "Contribution retirée",
  "contribution.review": "Contribution évaluée",
  "contribution.lock": "Modification d’une contribution verrouillée",
  "contribution.unlock": "Modification d’une contribution déverrouillée",
  "contribution.accept": "Contribution acceptée",
  "contribution.decline": "Contribution non retenue",
  "contribution.notify": "Réponses aux contributions envoyées",
  // Attendance certificates.
  "certificate.issue": "Attestation de présence délivrée",
  "certificate.issue_all": "Attestations de présence délivrées (toute l’édition)",
  "certificate.regenerate": "Attestation de présence régénérée",
  "certificate.revoke": "Attestation de présence révoquée",
  "certificate.send": "Attestations de présence envoyées par e-mail",
  "certificate.export": "Attestations de présence téléchargées (PDF)",
  // The directory of outreach services.
  "dispositif.create": "Dispositif créé",
  "dispositif.update": "Dispositif modifié",
  "dispositif.retire": "Dispositif retiré du répertoire",
  "dispositif.unretire": "Dispositif remis au répertoire",
  "dispositif.year": "Référentiel marqué pour tout le répertoire",
  "dispositif.import": "Répertoire importé (CSV)",
  "dispositif_correction.done": "Demande de correction traitée",
  "dispositif_correction.reopen": "Demande de correction rouverte",
  // Organiser accounts.
  "user.invite": "Compte créé (invitation envoyée)",
  "user.update": "Compte modifié",
  "user.deactivate": "Compte désactivé",
  "user.reactivate": "Compte réactivé",
  "user.password_reset": "Mot de passe réinitialisé (lien envoyé)",
  "user.password_forgotten": "Mot de passe oublié (lien envoyé)",
  "user.password_set": "Mot de passe choisi par lien",
  "user.password_change": "Mot de passe changé",
  "user.password_change_failed": "Échec de changement de mot de passe",
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

/** Who did it, when no account did: people registered through a public form, or the app itself. */
export function auditActorLabel(entry: { action: string; userName: string | null }): string {
  if (entry.userName) return entry.userName;
  if (entry.action.startsWith("registration.")) return "Personne inscrite";
  // A certificate issued without an organiser was downloaded by its holder from their private link.
  if (entry.action === "certificate.issue") return "Personne inscrite";
  if (entry.action.startsWith("contribution.")) return "Personne ayant proposé la contribution";
  if (entry.action === "auth.login_failed") return "Adresse inconnue";
  return "Système";
}

export const AUDIT_PAGE_SIZE = 50;

/** `userId: "none"` asks for the entries no account made (registrants, the system, unknown addresses). */
export type AuditFilter = { action?: string | null; userId?: number | null | "none"; page?: number };

export type AuditRow = {
  id: number;
  at: Date;
  userId: number | null;
  userName: string | null;
  action: string;
  entityType: string | null;
  entityId: number | null;
  details: string | null;
  ip: string | null;
};

export function listAudit(
  db: Db,
  filter: AuditFilter,
  pageSize: number = AUDIT_PAGE_SIZE,
): { rows: AuditRow[]; total: number; page: number; pageCount: number } {
  const conditions: SQL[] = [];
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.userId === "none") conditions.push(isNull(auditLog.userId));
  else if (typeof filter.userId === "number") conditions.push(eq(auditLog.userId, filter.userId));
  const where = conditions.length > 0 ? and(...conditions) : undefined;

  const total = db.select({ n: count() }).from(auditLog).where(where).get()!.n;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.floor(filter.page ?? 1)), pageCount);
  const rows = db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      userId: auditLog.userId,
      userName: users.name,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      details: auditLog.details,
      ip: auditLog.ip,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(where)
    // Entries written in the same millisecond keep their insertion order through the id.
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
  return { rows, total, page, pageCount };
}

/** The choices of the journal's filters: every known action plus any other key already recorded. */
export function auditFilterChoices(db: Db): {
  actions: Array<{ value: string; label: string }>;
  users: Array<{ value: string; label: string }>;
} {
  const recorded = db
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .all()
    .map((row) => row.action);
  const keys = [...new Set([...Object.keys(AUDIT_ACTION_LABELS), ...recorded])];
  const actions = keys
    .map((key) => ({ value: key, label: auditActionLabel(key) }))
    .sort((a, b) => a.label.localeCompare(b.label, "fr"));
  const people = db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .orderBy(users.name)
    .all()
    .map((user) => ({ value: String(user.id), label: `${user.name} (${user.email})` }));
  return { actions, users: people };
}

const DETAIL_KEY_LABELS: Readonly<Record<string, string>> = {
  by: "par",
  capacity: "jauge",
  changed: "champs modifiés",
  changes: "changements",
  from: "de",
  to: "vers",
  groups: "groupes",
  link: "lien",
  notified: "personnes prévenues",
  otherSessionsClosed: "autres sessions fermées",
  recipients: "destinataires",
  role: "rôle",
  subject: "objet",
  contribution: "contribution",
  score: "note",
  session: "séquence",
  personId: "personne",
  registration: "inscription",
  code: "code",
  previousCode: "code précédent",
  issued: "délivrées",
  queued: "courriels mis en file",
  alreadySent: "déjà envoyés",
  count: "nombre",
};

/** Words for the closed-list values some entries carry (roles, statuses, fields); other values stay as written. */
const DETAIL_VALUE_LABELS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(USER_ROLES.map((role) => [role, USER_ROLE_LABELS[role].toLowerCase()])),
  ...Object.fromEntries(EDITION_STATUSES.map((status) => [status, EDITION_STATUS_LABELS[status].toLowerCase()])),
  registrant: "personne inscrite",
  speaker: "personne ayant proposé la contribution",
  submitted: "reçue",
  accepted: "acceptée",
  declined: "non retenue",
  withdrawn: "retirée",
  invitation: "invitation",
  reset: "réinitialisation",
  name: "nom",
  role: "rôle",
};
const TRANSLATED_KEYS = new Set(["by", "changed", "from", "to", "link", "role"]);

function detailValue(key: string, value: unknown): string {
  const word = (item: unknown) =>
    typeof item === "string"
      ? TRANSLATED_KEYS.has(key)
        ? (DETAIL_VALUE_LABELS[item] ?? item)
        : item
      : JSON.stringify(item);
  if (Array.isArray(value)) return value.map(word).join(", ");
  if (value !== null && typeof value === "object" && "from" in value && "to" in value) {
    return `${word((value as { from: unknown }).from)} → ${word((value as { to: unknown }).to)}`;
  }
  return word(value);
}

/** Details as short « key : value » lines, for people rather than for machines. */
export function auditDetailsText(details: string | null): string[] {
  if (!details) return [];
  try {
    const parsed: unknown = JSON.parse(details);
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return [details];
    return Object.entries(parsed).map(
      ([key, value]) => `${DETAIL_KEY_LABELS[key] ?? key}\u00a0: ${detailValue(key, value)}`,
    );
  } catch {
    return [details];
  }
}
