import { randomBytes } from "node:crypto";
import { and, asc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { contributions, contributionSpeakers, editions, emails, registrations, sessions, surveyResponses, surveySessionScores, surveyThemeSuggestions } from "../../db/schema";
import { immediate, type Db } from "../lib/db.server";
import { hashToken } from "../lib/tokens.server";
import { recordAudit } from "./audit.server";
import { anonymiseCertificates, certificatesOfRegistration } from "./certificates/certificates.server";
import type { MailContext } from "./registrations/context";
import { loadEdition } from "./registrations/messages.server";
import { cancelRegistration, type Actor } from "./registrations/registrations.server";

const ERASED = "(effacé)";

/** A mailbox that cannot receive anything (RFC 2606), unique per row so constraints still hold. */
function erasedAddress(kind: string, id: number): string {
  return `${kind}-${id}@anonyme.invalid`;
}

/**
 * Removes what identifies a person from a registration, from the emails sent about it and from
 * their attendance certificates (revoked: a certificate naming nobody proves nothing). What the
 * statistics need stays: edition, status, structure type, meal, presence. A survey answer stays
 * in the edition's results but no longer points to the registration.
 */
export function anonymiseRegistration(db: Db, registrationId: number, now: Date = new Date()): void {
  const address = erasedAddress("inscription", registrationId);
  db.update(registrations)
    .set({
      firstName: ERASED,
      lastName: ERASED,
      email: address,
      emailKey: address,
      organisation: ERASED,
      role: null,
      accessNeeds: null,
      listedInNetwork: false,
      // A new random hash: the private link stops working, and no token can ever match it.
      tokenHash: hashToken(randomBytes(32).toString("hex")),
      tokenSealed: null,
      anonymisedAt: now,
      updatedAt: now,
    })
    .where(eq(registrations.id, registrationId))
    .run();
  anonymiseCertificates(db, registrationId, now);
  db.update(surveyResponses).set({ registrationId: null }).where(eq(surveyResponses.registrationId, registrationId)).run();
  blankSentEmails(db);
}

/**
 * Blanks the emails of anonymised people once they have left the outbox. An email still waiting
 * (the cancellation that removes the event from their calendar) keeps its address until sent;
 * the next run blanks it.
 */
export function blankSentEmails(db: Db): number {
  return db.run(sql`
    update emails set to_address = 'efface-' || id || '@anonyme.invalid', to_name = null,
      html = ${ERASED}, text = ${ERASED}, ics = null
    where status in ('sent', 'failed') and html <> ${ERASED} and (
      registration_id in (select id from registrations where anonymised_at is not null)
      or contribution_id in (select id from contributions where anonymised_at is not null)
    )`).changes;
}

/** Same for a contribution: the speakers' identities go, the title and abstract stay in the archive. */
export function anonymiseContribution(db: Db, contributionId: number, now: Date = new Date()): void {
  const address = erasedAddress("contribution", contributionId);
  db.update(contributions)
    .set({
      submitterName: ERASED,
      submitterEmail: address,
      submitterRole: null,
      submitterOrganisation: null,
      availability: null,
      tokenHash: hashToken(randomBytes(32).toString("hex")),
      tokenSealed: null,
      anonymisedAt: now,
      updatedAt: now,
    })
    .where(eq(contributions.id, contributionId))
    .run();
  db.update(contributionSpeakers)
    .set({ name: ERASED, role: null, organisation: null, email: null })
    .where(eq(contributionSpeakers.contributionId, contributionId))
    .run();
  blankSentEmails(db);
}

export const DEFAULT_RETENTION_MONTHS = 12;

/** The day before which an edition's personal data has been kept long enough. */
export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}

/**
 * Anonymises the registrations and contributions of every edition that ended more than
 * `months` ago. Safe to run as often as wanted: what is already anonymised is left alone.
 */
export function purgeExpiredPersonalData(
  db: Db,
  options: { months: number; now?: Date },
): { editions: number; registrations: number; contributions: number } {
  const now = options.now ?? new Date();
  return immediate(db, () => {
    const expired = db
      .select({ id: editions.id })
      .from(editions)
      .where(lt(editions.endsAt, retentionCutoff(now, options.months)))
      .all()
      .map((row) => row.id);
    blankSentEmails(db);
    if (expired.length === 0) return { editions: 0, registrations: 0, contributions: 0 };
    const people = db
      .select({ id: registrations.id })
      .from(registrations)
      .where(and(inArray(registrations.editionId, expired), isNull(registrations.anonymisedAt)))
      .all();
    for (const { id } of people) anonymiseRegistration(db, id, now);
    const proposals = db
      .select({ id: contributions.id })
      .from(contributions)
      .where(and(inArray(contributions.editionId, expired), isNull(contributions.anonymisedAt)))
      .all();
    for (const { id } of proposals) anonymiseContribution(db, id, now);
    if (people.length || proposals.length) {
      recordAudit(db, {
        userId: null,
        action: "privacy.purge",
        details: { months: options.months, registrations: people.length, contributions: proposals.length },
      });
    }
    return { editions: expired.length, registrations: people.length, contributions: proposals.length };
  });
}

/** Everything the platform holds about one registration, for the person to download. */
export function registrationDataExport(db: Db, registrationId: number) {
  const registration = db.select().from(registrations).where(eq(registrations.id, registrationId)).get();
  if (!registration) return null;
  const { edition, venue } = loadEdition(db, registration.editionId);
  const sent = db
    .select({ subject: emails.subject, createdAt: emails.createdAt, sentAt: emails.sentAt, status: emails.status })
    .from(emails)
    .where(eq(emails.registrationId, registrationId))
    .all();
  const certificates = certificatesOfRegistration(db, registrationId);
  return {
    exportedAt: new Date().toISOString(),
    controller: "Service intégré d’accueil et d’orientation du Val-d’Oise (SIAO 95)",
    edition: { title: edition.title, startsAt: edition.startsAt.toISOString(), venue: venue?.name ?? null },
    registration: {
      firstName: registration.firstName,
      lastName: registration.lastName,
      email: registration.email,
      organisation: registration.organisation,
      role: registration.role,
      structureType: registration.structureType,
      accessNeeds: registration.accessNeeds,
      meal: registration.meal,
      listedInNetwork: registration.listedInNetwork,
      status: registration.status,
      registeredAt: registration.createdAt.toISOString(),
      consentAt: registration.consentAt.toISOString(),
      confirmedAt: registration.confirmedAt?.toISOString() ?? null,
      cancelledAt: registration.cancelledAt?.toISOString() ?? null,
      checkedInAt: registration.checkedInAt?.toISOString() ?? null,
    },
    survey: surveyAnswerExport(db, registrationId),
    emails: sent.map((email) => ({
      subject: email.subject,
      createdAt: email.createdAt.toISOString(),
      sentAt: email.sentAt?.toISOString() ?? null,
      status: email.status,
    })),
    certificates: certificates.map((certificate) => ({
      code: certificate.code,
      fullName: certificate.fullName,
      organisation: certificate.organisation,
      editionTitle: certificate.editionTitle,
      themes: certificate.themeNames,
      heldOn: certificate.heldOn.toISOString(),
      durationMinutes: certificate.durationMinutes,
      signatoryName: certificate.signatoryName,
      signatoryRole: certificate.signatoryRole,
      issuedAt: certificate.issuedAt.toISOString(),
      revokedAt: certificate.revokedAt?.toISOString() ?? null,
    })),
  };
}

/** The person's answer to the feedback survey, with the titles of the sessions they scored. */
function surveyAnswerExport(db: Db, registrationId: number) {
  const response = db.select().from(surveyResponses).where(eq(surveyResponses.registrationId, registrationId)).get();
  if (!response) return null;
  const scores = db
    .select({ session: sessions.title, score: surveySessionScores.score })
    .from(surveySessionScores)
    .innerJoin(sessions, eq(sessions.id, surveySessionScores.sessionId))
    .where(eq(surveySessionScores.responseId, response.id))
    .orderBy(asc(sessions.position))
    .all();
  const themes = db
    .select({ label: surveyThemeSuggestions.label })
    .from(surveyThemeSuggestions)
    .where(eq(surveyThemeSuggestions.responseId, response.id))
    .orderBy(asc(surveyThemeSuggestions.id))
    .all();
  return {
    overall: response.overall,
    sessionScores: scores,
    keep: response.keep,
    change: response.change,
    themes: themes.map((row) => row.label),
    comment: response.comment,
    answeredAt: response.createdAt.toISOString(),
    updatedAt: response.updatedAt.toISOString(),
  };
}

/**
 * Erases a registration at the person's request (or an organiser's on their behalf): the seat
 * is freed first (the waiting list moves up, the event leaves their calendar), then everything
 * identifying is removed. The audit entry says that it happened, not who it was.
 */
export function eraseRegistration(db: Db, ctx: MailContext, registrationId: number, actor: Actor, now: Date = new Date()): boolean {
  return immediate(db, () => {
    const registration = db.select().from(registrations).where(eq(registrations.id, registrationId)).get();
    if (!registration || registration.anonymisedAt) return false;
    if (registration.status !== "cancelled") cancelRegistration(db, ctx, registrationId, actor, now);
    anonymiseRegistration(db, registrationId, now);
    recordAudit(db, {
      userId: actor.userId,
      action: "registration.erase",
      entityType: "registration",
      entityId: registrationId,
      ip: actor.ip ?? null,
      details: { by: actor.userId ? "organiser" : "registrant" },
    });
    return true;
  });
}

/** Statistics that survive anonymisation: counts per structure type of an edition. */
export function structureTypeCounts(db: Db, editionId: number) {
  return db
    .select({ type: registrations.structureType, total: sql<number>`count(*)` })
    .from(registrations)
    .where(and(eq(registrations.editionId, editionId), sql`${registrations.status} <> 'cancelled'`))
    .groupBy(registrations.structureType)
    .all();
}
