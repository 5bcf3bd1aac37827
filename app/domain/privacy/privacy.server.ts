import { and, eq, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import {
  auditLog,
  contributions,
  contributionSpeakers,
  dispositifCorrections,
  editions,
  emails,
  registrationEmailChanges,
  registrations,
  reviews,
  sessions,
  surveyResponses,
  surveySessionScores,
  surveyThemeSuggestions,
} from "#db/schema.ts";
import { findRegistration } from "#app/domain/registrations/queries.server.ts";
import { immediate, type Db } from "#app/lib/db.server.ts";
import { capturedEmailIds, mailboxOf } from "#app/lib/mailer.server.ts";
import { deadPrivateLink } from "#app/domain/shared/private-links.server.ts";
import { forgetStaleAttempts } from "#app/domain/accounts/attempts.server.ts";
import { recordAudit } from "#app/domain/shared/audit.server.ts";
import { purgeExpiredSessions } from "#app/domain/accounts/sessions.server.ts";
import { anonymiseCertificates, certificatesOfRegistration } from "#app/domain/certificates/certificates.server.ts";
import {
  ERASED_CONTENT,
  eraseEmails,
  eraseOverdueEmails,
  forgetErasedEmails,
} from "#app/domain/shared/outbox.server.ts";
import type { MailContext } from "#app/domain/shared/mail-context.ts";
import { loadEdition, programmeOrder } from "#app/domain/editions/editions.server.ts";
import { cancelRegistration } from "#app/domain/registrations/registrations.server.ts";
import { responseOf } from "#app/domain/survey/survey.server.ts";
import { editionPhase, registrantMay } from "#app/domain/editions/lifecycle.ts";
import { DAY_MS, ERASURE_SEND_GRACE_HOURS, HANDLED_CORRECTION_DAYS, HOUR_MS } from "#app/domain/shared/retention.ts";
import { SYSTEM, type Act, type MailingAct } from "#app/domain/shared/actor.ts";

const ERASED = ERASED_CONTENT;

/** A mailbox that cannot receive anything (RFC 2606), unique per row so constraints still hold. */
function erasedAddress(kind: string, id: number): string {
  return `${kind}-${id}@anonyme.invalid`;
}

/**
 * Entries the person made themselves (through a private link or a public form) keep what they
 * did, not where from: the address of their connection is theirs too.
 */
function forgetPublicIps(db: Db, entityType: string, entityId: number): void {
  db.update(auditLog)
    .set({ ip: null })
    .where(
      and(
        eq(auditLog.entityType, entityType),
        eq(auditLog.entityId, entityId),
        isNull(auditLog.userId),
        isNotNull(auditLog.ip),
      ),
    )
    .run();
}

/**
 * Removes what identifies a person from a registration and from every copy: the emails sent
 * about it (and their captured files), their attendance certificates (revoked: a certificate
 * naming nobody proves nothing), the free texts of their survey answer, the addresses of their
 * own actions in the journal. What the statistics need stays: edition, status, structure type,
 * meal, presence, survey scores. Runs inside the caller's transaction; returns the email ids whose
 * captured copies must go once it is committed.
 */
function anonymiseRegistrationRows(db: Db, registrationId: number, now: Date): number[] {
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
      ...deadPrivateLink(),
      anonymisedAt: now,
      updatedAt: now,
    })
    .where(eq(registrations.id, registrationId))
    .run();
  anonymiseCertificates(db, registrationId, now);
  // A pending address change holds an address too, and could still move the registration.
  db.delete(registrationEmailChanges).where(eq(registrationEmailChanges.registrationId, registrationId)).run();
  detachSurveyAnswer(db, registrationId);
  forgetPublicIps(db, "registration", registrationId);
  return eraseEmails(db, eq(emails.registrationId, registrationId), now);
}

/**
 * The answer stays in the edition's results through its scores, but no longer points to the
 * registration, and loses what the person wrote: a free text can sign itself, and once detached
 * nobody could find it again to erase it.
 */
function detachSurveyAnswer(db: Db, registrationId: number): void {
  const answer = db
    .select({ id: surveyResponses.id })
    .from(surveyResponses)
    .where(eq(surveyResponses.registrationId, registrationId))
    .get();
  if (!answer) return;
  db.delete(surveyThemeSuggestions).where(eq(surveyThemeSuggestions.responseId, answer.id)).run();
  db.update(surveyResponses)
    .set({ registrationId: null, keep: null, change: null, comment: null })
    .where(eq(surveyResponses.id, answer.id))
    .run();
}

/** Anonymises one registration now (see `anonymiseRegistrationRows`). */
export function anonymiseRegistration(db: Db, registrationId: number, now: Date = new Date()): void {
  const forget = immediate(db, () => anonymiseRegistrationRows(db, registrationId, now));
  forgetErasedEmails(db, forget);
}

/**
 * Same for a contribution: the speakers' identities go, with the organisers' decision message
 * and the reviewers' comments (written about them); the title, abstract, format and scores stay
 * in the archive.
 */
function anonymiseContributionRows(db: Db, contributionId: number, now: Date): number[] {
  const address = erasedAddress("contribution", contributionId);
  db.update(contributions)
    .set({
      submitterName: ERASED,
      submitterEmail: address,
      submitterRole: null,
      submitterOrganisation: null,
      availability: null,
      decisionMessage: null,
      ...deadPrivateLink(),
      anonymisedAt: now,
      updatedAt: now,
    })
    .where(eq(contributions.id, contributionId))
    .run();
  db.update(contributionSpeakers)
    .set({ name: ERASED, role: null, organisation: null, email: null })
    .where(eq(contributionSpeakers.contributionId, contributionId))
    .run();
  db.update(reviews).set({ comment: null }).where(eq(reviews.contributionId, contributionId)).run();
  forgetPublicIps(db, "contribution", contributionId);
  return eraseEmails(db, eq(emails.contributionId, contributionId), now);
}

export function anonymiseContribution(db: Db, contributionId: number, now: Date = new Date()): void {
  const forget = immediate(db, () => anonymiseContributionRows(db, contributionId, now));
  forgetErasedEmails(db, forget);
}

/** A directory correction request goes whole (its message may sign itself), with its forwarded emails. */
function eraseCorrectionRows(db: Db, correctionId: number, now: Date): number[] {
  const forget = eraseEmails(db, eq(emails.correctionId, correctionId), now);
  db.delete(dispositifCorrections).where(eq(dispositifCorrections.id, correctionId)).run();
  return forget;
}

/** Erases a correction request at the requester's demand (an organiser does it for them). */
export function eraseCorrection(act: Act, correctionId: number): boolean {
  const { db, actor, now } = act;
  const forget = immediate(db, () => {
    const found = db.select().from(dispositifCorrections).where(eq(dispositifCorrections.id, correctionId)).get();
    if (!found) return null;
    const ids = eraseCorrectionRows(db, correctionId, now);
    recordAudit(db, actor, {
      action: "dispositif_correction.erase",
      entityType: "dispositif",
      entityId: found.dispositifId,
      details: { correction: correctionId },
    });
    return ids;
  });
  if (!forget) return false;
  forgetErasedEmails(db, forget);
  return true;
}

export const DEFAULT_RETENTION_MONTHS = 12;

/** The day before which an edition's personal data has been kept long enough. */
export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}

export type PurgeReport = {
  editions: number;
  registrations: number;
  contributions: number;
  corrections: number;
  speakers: number;
  emails: number;
};

/**
 * Anonymises the registrations and contributions of every edition that ended more than
 * `months` ago; deletes directory correction requests handled more than
 * `HANDLED_CORRECTION_DAYS` ago, or sent more than `months` ago; removes the email address of
 * speakers whose editions all ended more than `months` ago, and the whole entry of a speaker on
 * no programme left untouched that long; finishes the erasure of emails that could not be
 * finished at the time (see `eraseOverdueEmails`) and removes captured emails whose row is erased
 * or gone; rewrites the search index without the remains of deleted entries; then truncates the
 * WAL. Safe to run as often as wanted: what is already done is left alone.
 */
export function purgeExpiredPersonalData(db: Db, options: { months: number; now?: Date }): PurgeReport {
  const now = options.now ?? new Date();
  const cutoff = retentionCutoff(now, options.months);
  const { report, forget } = immediate(db, () => {
    const forget: number[] = [];
    const expired = db
      .select({ id: editions.id })
      .from(editions)
      .where(lt(editions.endsAt, cutoff))
      .all()
      .map((row) => row.id);
    const people = expired.length
      ? db
          .select({ id: registrations.id })
          .from(registrations)
          .where(
            and(
              inArray(registrations.editionId, expired),
              isNull(registrations.anonymisedAt),
              eq(registrations.example, false),
            ),
          )
          .all()
      : [];
    for (const { id } of people) forget.push(...anonymiseRegistrationRows(db, id, now));
    const proposals = expired.length
      ? db
          .select({ id: contributions.id })
          .from(contributions)
          .where(and(inArray(contributions.editionId, expired), isNull(contributions.anonymisedAt)))
          .all()
      : [];
    for (const { id } of proposals) forget.push(...anonymiseContributionRows(db, id, now));

    const corrections = db
      .select({ id: dispositifCorrections.id })
      .from(dispositifCorrections)
      .where(
        or(
          and(
            eq(dispositifCorrections.status, "done"),
            lt(dispositifCorrections.handledAt, new Date(now.getTime() - HANDLED_CORRECTION_DAYS * DAY_MS)),
          ),
          lt(dispositifCorrections.createdAt, cutoff),
        ),
      )
      .all();
    for (const { id } of corrections) forget.push(...eraseCorrectionRows(db, id, now));

    const speakers = purgeSpeakerContacts(db, cutoff, now);
    forgetStaleAttempts(db, now);
    purgeExpiredSessions(db, now);

    // Emails of people anonymised by a run that stopped half-way, or by older code.
    forget.push(
      ...eraseEmails(
        db,
        or(
          sql`${emails.registrationId} in (select id from registrations where anonymised_at is not null)`,
          sql`${emails.contributionId} in (select id from contributions where anonymised_at is not null)`,
        )!,
        now,
      ),
    );
    forget.push(...eraseOverdueEmails(db, now, ERASURE_SEND_GRACE_HOURS * HOUR_MS));
    forget.push(...orphanCapturedEmails(db));

    // FTS5 deletes by adding tombstones: the words of a removed speaker stay in the older index
    // segments until they are merged. `optimize` merges them all into one, without the dead words.
    db.run(sql`insert into search_index(search_index) values ('optimize')`);

    const report: PurgeReport = {
      editions: expired.length,
      registrations: people.length,
      contributions: proposals.length,
      corrections: corrections.length,
      speakers,
      emails: new Set(forget).size,
    };
    if (people.length || proposals.length || corrections.length || speakers) {
      recordAudit(
        db,
        { userId: null },
        {
          action: "privacy.purge",
          details: {
            months: options.months,
            registrations: people.length,
            contributions: proposals.length,
            corrections: corrections.length,
            speakers,
          },
        },
      );
    }
    return { report, forget };
  });
  forgetErasedEmails(db, [...new Set(forget)]);
  return report;
}

/**
 * Speakers of the programme stay named on it (the archive of past editions is public), but their
 * address, kept only to recognise them when they propose again, goes once every edition they
 * spoke at ended before `cutoff`. An entry on no programme at all, untouched since `cutoff`, has
 * no purpose left and is deleted; one created lately and not placed yet is left alone. Returns
 * how many entries changed.
 */
function purgeSpeakerContacts(db: Db, cutoff: Date, now: Date): number {
  const cutoffMs = cutoff.getTime();
  const placed = sql`exists (select 1 from session_persons sp where sp.person_id = persons.id)`;
  const current = sql`exists (
    select 1 from session_persons sp
      join sessions s on s.id = sp.session_id
      join editions e on e.id = s.edition_id
    where sp.person_id = persons.id and e.ends_at >= ${cutoffMs})`;
  const deleted = db.run(sql`delete from persons where not ${placed} and updated_at < ${cutoffMs}`).changes;
  const blanked = db.run(
    sql`update persons set email = null, updated_at = ${now.getTime()}
        where email is not null and ${placed} and not ${current}`,
  ).changes;
  return deleted + blanked;
}

/** Captured files whose outbox row is erased, or gone (a database restored from an older copy). */
function orphanCapturedEmails(db: Db): number[] {
  const folder = mailboxOf(db);
  if (!folder) return [];
  const captured = capturedEmailIds(folder);
  if (captured.length === 0) return [];
  return db
    .all<{ id: number }>(
      sql`select value as id from json_each(${JSON.stringify(captured)})
          where value not in (select id from emails where erased_at is null)`,
    )
    .map((row) => row.id);
}

/** Everything the platform holds about one registration, for the person to download. */
export function registrationDataExport(db: Db, registrationId: number) {
  const registration = findRegistration(db, registrationId);
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
      signedIn: certificate.signedIn,
      issuedAt: certificate.issuedAt.toISOString(),
      revokedAt: certificate.revokedAt?.toISOString() ?? null,
    })),
  };
}

/** The person's answer to the feedback survey, with the titles of the sessions they scored. */
function surveyAnswerExport(db: Db, registrationId: number) {
  const answer = responseOf(db, registrationId);
  if (!answer) return null;
  const { response, themes } = answer;
  const scores = db
    .select({ session: sessions.title, score: surveySessionScores.score })
    .from(surveySessionScores)
    .innerJoin(sessions, eq(sessions.id, surveySessionScores.sessionId))
    .where(eq(surveySessionScores.responseId, response.id))
    .orderBy(...programmeOrder)
    .all();
  return {
    overall: response.overall,
    sessionScores: scores,
    keep: response.keep,
    change: response.change,
    themes,
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
export function eraseRegistration(act: MailingAct, registrationId: number): boolean {
  const { db, actor, now } = act;
  const forget = immediate(db, () => {
    const registration = findRegistration(db, registrationId);
    if (!registration || registration.anonymisedAt) return null;
    const phase = editionPhase(loadEdition(db, registration.editionId).edition, now);
    // Before the start the seat goes back to the waiting list; from the start on, the anonymous
    // trace (status, presence, structure type) stays, so the counts of the day do not change.
    const cancelling = registration.status !== "cancelled" && registrantMay("cancel", phase, "confirmed");
    if (cancelling) cancelRegistration(act, registrationId);
    const ids = anonymiseRegistrationRows(db, registrationId, now);
    // The person's own address would be one more thing of theirs kept; an organiser's is not.
    const by = actor.userId ? actor : { userId: null };
    recordAudit(db, by, {
      action: "registration.erase",
      entityType: "registration",
      entityId: registrationId,
      details: { by: actor.userId ? "organiser" : "registrant" },
    });
    return ids;
  });
  if (!forget) return false;
  forgetErasedEmails(db, forget);
  return true;
}

export type JournalEntry = { action: string; entityId: number | null; details: string | null };

/** The journal entries `replayErasures` needs, read from another copy of the database. */
export const ERASURE_JOURNAL_SQL =
  "select action, entity_id as entityId, details from audit_log where action in ('registration.erase', 'dispositif_correction.erase') order by id";

/**
 * After a restore: the erasures recorded in the journal of the database that was set aside (more
 * recent than the copy put back) are done again, so that restoring a backup never brings an
 * erased person back. Ids are the same in both, as the copy is an older state of the same file.
 */
export function replayErasures(
  db: Db,
  mail: MailContext,
  journal: readonly JournalEntry[],
): { registrations: number; corrections: number } {
  let registrationCount = 0;
  let correctionCount = 0;
  const act = { db, mail, actor: SYSTEM, now: new Date() };
  for (const entry of journal) {
    if (entry.action === "registration.erase" && entry.entityId !== null) {
      if (eraseRegistration(act, entry.entityId)) registrationCount++;
    }
    if (entry.action === "dispositif_correction.erase" && entry.details) {
      const correction = (JSON.parse(entry.details) as { correction?: unknown }).correction;
      if (typeof correction === "number" && eraseCorrection(act, correction)) correctionCount++;
    }
  }
  return { registrations: registrationCount, corrections: correctionCount };
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
