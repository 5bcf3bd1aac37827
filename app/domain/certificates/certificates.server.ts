import { findEdition } from "#app/domain/editions/editions.server.ts";
import { randomInt, randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import { certificates, type editions, editionThemes, emails, registrations, sessions, themes } from "#db/schema.ts";
import { immediate, type Db } from "#app/lib/db.server.ts";
import { recordAudit } from "#app/domain/shared/audit.server.ts";
import { compareByName } from "#app/domain/registrations/exports.server.ts";
import { findRegistration, presentIn, registrationsOf } from "#app/domain/registrations/queries.server.ts";
import {
  currentPrivateToken,
  emailPerson,
  manageUrl,
  notifyRegistrant,
} from "#app/domain/registrations/messages.server.ts";
import type { Act, Actor, MailingAct } from "#app/domain/shared/actor.ts";
import type { EditionStatus } from "#app/domain/shared/vocabulary.ts";
import {
  ANONYMISED_NAME,
  CODE_ALPHABET,
  CODE_LENGTH,
  formatCode,
  normaliseCode,
  type CertificateState,
} from "./values.ts";

export type Certificate = typeof certificates.$inferSelect;
type Edition = typeof editions.$inferSelect;
type Registration = typeof registrations.$inferSelect;

/** A rule that refuses the request, said in French; `status` is the HTTP answer it deserves. */
export class CertificateError extends Error {
  constructor(
    message: string,
    readonly status: 404 | 409 = 409,
  ) {
    super(message);
  }
}

/** Archiving comes after the day: an archived edition was held too. */
const HELD: readonly EditionStatus[] = ["held", "archived"];

export function editionIsHeld(edition: Pick<Edition, "status">): boolean {
  return HELD.includes(edition.status);
}

const NOT_HELD = "Les attestations ne sont délivrées qu’une fois l’édition marquée comme tenue.";

/** The edition of a bulk action on certificates, which must exist and have been held. */
function heldEdition(db: Db, editionId: number): Edition {
  const edition = findEdition(db, editionId)?.edition;
  if (!edition) throw new CertificateError("Édition introuvable.", 404);
  if (!editionIsHeld(edition)) throw new CertificateError(NOT_HELD);
  return edition;
}

/** Why this person cannot have a certificate for this edition, or null when they can. */
export function ineligibility(edition: Edition, registration: Registration): string | null {
  if (!editionIsHeld(edition)) return NOT_HELD;
  if (registration.anonymisedAt)
    return "Les données de cette personne ont été effacées\u00a0: plus d’attestation possible.";
  if (registration.status !== "confirmed")
    return "Cette inscription n’est pas confirmée\u00a0: pas d’attestation possible.";
  if (!registration.checkedInAt) {
    return "Aucune présence n’est enregistrée pour cette personne\u00a0: l’attestation est réservée aux personnes pointées à l’accueil.";
  }
  return null;
}

// ---------------------------------------------------------------- what a certificate says

/**
 * Minutes of attendance that the programme shows: from the first item's start to the last
 * item's end, less the lunch break(s). The gaps between items (changing rooms, short delays)
 * are spent on site, so they count; lunch is not training time. Without a programme, the
 * edition's own opening hours. See docs/decisions/011-attendance-certificates.md.
 */
export function attendanceMinutes(db: Db, edition: Pick<Edition, "id" | "startsAt" | "endsAt">): number {
  const items = db
    .select({ kind: sessions.kind, startsAt: sessions.startsAt, endsAt: sessions.endsAt })
    .from(sessions)
    .where(eq(sessions.editionId, edition.id))
    .all();
  const fallback = Math.round((edition.endsAt.getTime() - edition.startsAt.getTime()) / 60_000);
  if (items.length === 0) return Math.max(1, fallback);
  const start = Math.min(...items.map((item) => item.startsAt.getTime()));
  const end = Math.max(...items.map((item) => item.endsAt.getTime()));
  const lunches = mergeIntervals(
    items
      .filter((item) => item.kind === "dejeuner")
      .map((item) => [item.startsAt.getTime(), item.endsAt.getTime()] as const),
  );
  const lunch = lunches.reduce((sum, [from, to]) => sum + (to - from), 0);
  const minutes = Math.round((end - start - lunch) / 60_000);
  // A programme made only of a lunch says nothing about the day: fall back to its hours.
  return minutes > 0 ? minutes : Math.max(1, fallback);
}

function mergeIntervals(intervals: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [from, to] of sorted) {
    const last = merged.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

function venueCity(db: Db, edition: Edition): string | null {
  return findEdition(db, edition.id)?.venue?.city ?? null;
}

function themeNames(db: Db, editionId: number): string | null {
  const names = db
    .select({ name: themes.name })
    .from(editionThemes)
    .innerJoin(themes, eq(themes.id, editionThemes.themeId))
    .where(eq(editionThemes.editionId, editionId))
    .orderBy(asc(themes.name))
    .all()
    .map((row) => row.name);
  return names.length ? names.join(", ") : null;
}

function randomCode(): string {
  let raw = "";
  for (let i = 0; i < CODE_LENGTH; i++) raw += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return formatCode(raw);
}

/** Inserts a certificate copying what it certifies as of now. Runs inside the caller's transaction. */
function insertCertificate(db: Db, edition: Edition, registration: Registration, now: Date): Certificate {
  let code = randomCode();
  // A collision is astronomically rare; the unique index would catch it, this avoids the error.
  while (db.select({ id: certificates.id }).from(certificates).where(eq(certificates.code, code)).get())
    code = randomCode();
  return db
    .insert(certificates)
    .values({
      registrationId: registration.id,
      editionId: edition.id,
      code,
      fullName: `${registration.firstName} ${registration.lastName}`,
      organisation: registration.organisation,
      editionTitle: edition.title,
      themeNames: themeNames(db, edition.id),
      heldOn: edition.startsAt,
      durationMinutes: attendanceMinutes(db, edition),
      signatoryName: edition.signatoryName,
      signatoryRole: edition.signatoryRole,
      signedIn: venueCity(db, edition),
      issuedAt: now,
      createdAt: now,
    })
    .returning()
    .get();
}

function validCertificate(db: Db, registrationId: number): Certificate | undefined {
  return db
    .select()
    .from(certificates)
    .where(and(eq(certificates.registrationId, registrationId), isNull(certificates.revokedAt)))
    .get();
}

function revoke(db: Db, certificateId: number, now: Date): void {
  db.update(certificates).set({ revokedAt: now }).where(eq(certificates.id, certificateId)).run();
}

function loadPair(db: Db, editionId: number, registrationId: number): { edition: Edition; registration: Registration } {
  const edition = findEdition(db, editionId)?.edition;
  const registration = findRegistration(db, registrationId);
  // A registration of another edition is answered like a missing one: the URL names the edition.
  if (!edition || !registration || registration.editionId !== editionId)
    throw new CertificateError("Inscription introuvable.", 404);
  return { edition, registration };
}

/** The person and their edition, when a certificate may be issued to them: refused otherwise. */
function eligiblePair(db: Db, editionId: number, registrationId: number) {
  const pair = loadPair(db, editionId, registrationId);
  const refused = ineligibility(pair.edition, pair.registration);
  if (refused) throw new CertificateError(refused);
  return pair;
}

function audit(
  db: Db,
  actor: Actor,
  action: string,
  entity: { type: string; id: number },
  details?: Record<string, unknown>,
): void {
  recordAudit(db, actor, { action, entityType: entity.type, entityId: entity.id, details });
}

/** The journal entry of an action on one person's certificate: whose it is, and which code. */
function auditCertificate(
  db: Db,
  actor: Actor,
  action: string,
  certificate: Certificate,
  registrationId: number,
  details: Record<string, unknown> = {},
): void {
  audit(
    db,
    actor,
    action,
    { type: "certificate", id: certificate.id },
    { registration: registrationId, code: certificate.code, ...details },
  );
}

// ---------------------------------------------------------------- organisers' actions

/**
 * Issues the certificate of one person (an organiser's « Délivrer »), also after an earlier one
 * was revoked. Doing it again while one is valid changes nothing.
 */
export function issueCertificate(
  act: Act,
  editionId: number,
  registrationId: number,
): { certificate: Certificate; created: boolean } {
  const { db, actor, now } = act;
  return immediate(db, () => {
    const { edition, registration } = eligiblePair(db, editionId, registrationId);
    const existing = validCertificate(db, registrationId);
    if (existing) return { certificate: existing, created: false };
    const certificate = insertCertificate(db, edition, registration, now);
    auditCertificate(db, actor, "certificate.issue", certificate, registrationId);
    return { certificate, created: true };
  });
}

/**
 * Issues a certificate to every person checked in who never had one. Those whose certificate
 * was revoked are left alone: revoking was a decision, and a bulk action should not undo it.
 */
export function issueAllCertificates(act: Act, editionId: number): { issued: number } {
  const { db, actor, now } = act;
  return immediate(db, () => {
    const edition = heldEdition(db, editionId);
    const people = registrationsOf(
      db,
      editionId,
      presentIn(editionId),
      isNull(registrations.anonymisedAt),
      sql`not exists (select 1 from ${certificates} where ${certificates.registrationId} = ${registrations.id})`,
    );
    for (const person of people) insertCertificate(db, edition, person, now);
    audit(db, actor, "certificate.issue_all", { type: "edition", id: editionId }, { issued: people.length });
    return { issued: people.length };
  });
}

/**
 * Revokes the person's valid certificate, if any, and issues a new one with a new code and what
 * is true today (a corrected name, a new signatory). The old code then reads « révoquée ».
 */
export function regenerateCertificate(act: Act, editionId: number, registrationId: number): Certificate {
  const { db, actor, now } = act;
  return immediate(db, () => {
    const { edition, registration } = eligiblePair(db, editionId, registrationId);
    const previous = validCertificate(db, registrationId);
    if (previous) revoke(db, previous.id, now);
    const certificate = insertCertificate(db, edition, registration, now);
    auditCertificate(db, actor, "certificate.regenerate", certificate, registrationId, {
      previousCode: previous?.code ?? null,
    });
    return certificate;
  });
}

export function revokeCertificate(act: Act, editionId: number, registrationId: number): Certificate {
  const { db, actor, now } = act;
  return immediate(db, () => {
    loadPair(db, editionId, registrationId);
    const current = validCertificate(db, registrationId);
    if (!current) throw new CertificateError("Cette personne n’a pas d’attestation valable à révoquer.");
    revoke(db, current.id, now);
    auditCertificate(db, actor, "certificate.revoke", current, registrationId);
    return { ...current, revokedAt: now };
  });
}

export function certificateDedupeKey(certificateId: number): string {
  return `certificate:${certificateId}`;
}

/**
 * Emails every holder of a valid certificate the link to download it. The outbox cannot carry
 * attachments, so the email points to the PDF behind the person's private link. One email per
 * certificate, ever (dedupe key): sending again only reaches the certificates issued since.
 */
export function sendCertificateEmails(act: MailingAct, editionId: number): { queued: number; alreadySent: number } {
  const { db, mail, actor, now } = act;
  return immediate(db, () => {
    heldEdition(db, editionId);
    const rows = db
      .select({ certificate: certificates, registration: registrations })
      .from(certificates)
      .innerJoin(registrations, eq(registrations.id, certificates.registrationId))
      .where(
        and(
          eq(certificates.editionId, editionId),
          isNull(certificates.revokedAt),
          isNull(registrations.anonymisedAt),
          // A walk-in without an address gets theirs on paper, from the edition's PDF.
          isNotNull(registrations.email),
        ),
      )
      .all();
    const batchId = randomUUID();
    let queued = 0;
    for (const { certificate, registration } of rows) {
      const link = manageUrl(mail, currentPrivateToken(db, mail, registration));
      const id = notifyRegistrant(
        db,
        registration,
        {
          email: {
            template: "certificate.issued",
            props: {
              person: emailPerson(registration),
              editionTitle: certificate.editionTitle,
              heldOn: certificate.heldOn,
              code: certificate.code,
              downloadUrl: `${link}/attestation.pdf`,
              manageUrl: link,
              verifyUrl: verificationUrl(mail.appUrl, certificate.code),
            },
          },
          dedupeKey: certificateDedupeKey(certificate.id),
          batchId,
        },
        now,
      );
      if (id !== null) queued++;
    }
    audit(
      db,
      actor,
      "certificate.send",
      { type: "edition", id: editionId },
      { queued, alreadySent: rows.length - queued },
    );
    return { queued, alreadySent: rows.length - queued };
  });
}

/** Records that an organiser downloaded the edition's certificates (personal data leaving the app). */
export function recordCertificatesExport(act: Act, editionId: number, count: number): void {
  const { db, actor } = act;
  audit(db, actor, "certificate.export", { type: "edition", id: editionId }, { count });
}

// ---------------------------------------------------------------- reading

export function verificationUrl(appUrl: string, code: string): string {
  return `${appUrl}/attestation/${code}`;
}

export type CertificateRow = {
  registrationId: number;
  firstName: string;
  lastName: string;
  organisation: string;
  checkedInAt: Date | null;
  state: CertificateState;
  /** The valid certificate, or the latest revoked one. */
  certificate: { id: number; code: string; issuedAt: Date; revokedAt: Date | null } | null;
  emailStatus: string | null;
};

/**
 * The people of the « Attestations » tab: everyone checked in, plus anyone who holds a
 * certificate though no longer checked in (so it can still be revoked), in alphabetical order.
 */
export function listEditionCertificates(db: Db, editionId: number): CertificateRow[] {
  const people = registrationsOf(
    db,
    editionId,
    isNull(registrations.anonymisedAt),
    or(
      isNotNull(registrations.checkedInAt),
      sql`exists (select 1 from ${certificates} where ${certificates.registrationId} = ${registrations.id})`,
    ),
  ).sort(compareByName);
  if (people.length === 0) return [];
  const ids = people.map((person) => person.id);
  const issued = db
    .select()
    .from(certificates)
    .where(inArray(certificates.registrationId, ids))
    .orderBy(desc(certificates.issuedAt), desc(certificates.id))
    .all();
  const latest = new Map<number, Certificate>();
  for (const certificate of issued) {
    const id = certificate.registrationId!;
    const known = latest.get(id);
    // The valid one wins; otherwise the most recent (the list is newest first).
    if (!known || (known.revokedAt && !certificate.revokedAt)) latest.set(id, certificate);
  }
  const keys = [...latest.values()].map((certificate) => certificateDedupeKey(certificate.id));
  const sent = new Map(
    keys.length
      ? db
          .select({ key: emails.dedupeKey, status: emails.status })
          .from(emails)
          .where(inArray(emails.dedupeKey, keys))
          .all()
          .map((row) => [row.key!, row.status])
      : [],
  );
  return people.map((person) => {
    const certificate = latest.get(person.id) ?? null;
    return {
      registrationId: person.id,
      firstName: person.firstName,
      lastName: person.lastName,
      organisation: person.organisation,
      checkedInAt: person.checkedInAt,
      state: certificate ? (certificate.revokedAt ? "revoked" : "valid") : "none",
      certificate: certificate
        ? {
            id: certificate.id,
            code: certificate.code,
            issuedAt: certificate.issuedAt,
            revokedAt: certificate.revokedAt,
          }
        : null,
      emailStatus:
        certificate && !certificate.revokedAt ? (sent.get(certificateDedupeKey(certificate.id)) ?? null) : null,
    };
  });
}

/** Every valid certificate of an edition, in alphabetical order of the names they carry. */
export function validCertificatesOfEdition(db: Db, editionId: number): Certificate[] {
  const collator = new Intl.Collator("fr", { sensitivity: "base" });
  return db
    .select()
    .from(certificates)
    .where(and(eq(certificates.editionId, editionId), isNull(certificates.revokedAt)))
    .all()
    .sort((a, b) => collator.compare(a.fullName, b.fullName) || a.id - b.id);
}

export type Verification =
  | { state: "valid"; code: string; fullName: string; editionTitle: string; heldOn: Date }
  | { state: "revoked"; code: string; revokedAt: Date; erased: boolean }
  | { state: "unknown" };

/**
 * What the public verification page may say about a code: the name, the edition and the day
 * for a valid one; for a revoked one only that it was revoked (and when); nothing else.
 */
export function verifyCertificate(db: Db, typed: string): Verification {
  const code = normaliseCode(typed);
  if (!code) return { state: "unknown" };
  const found = db.select().from(certificates).where(eq(certificates.code, code)).get();
  if (!found) return { state: "unknown" };
  if (found.revokedAt)
    return { state: "revoked", code, revokedAt: found.revokedAt, erased: found.fullName === ANONYMISED_NAME };
  return { state: "valid", code, fullName: found.fullName, editionTitle: found.editionTitle, heldOn: found.heldOn };
}

export type OwnCertificate =
  { state: "unavailable"; reason: string | null } | { state: "ready"; code: string | null } | { state: "revoked" };

/**
 * What a person's private page says about their certificate. Once the edition is held, a person
 * checked in may download it even before organisers issue them in bulk; `code` is null until
 * the first download issues it.
 */
export function ownCertificate(db: Db, registration: Registration): OwnCertificate {
  const edition = findEdition(db, registration.editionId)?.edition;
  if (!edition || !editionIsHeld(edition) || registration.status !== "confirmed")
    return { state: "unavailable", reason: null };
  const valid = validCertificate(db, registration.id);
  if (valid) return { state: "ready", code: valid.code };
  if (!registration.checkedInAt) {
    return {
      state: "unavailable",
      reason:
        "Aucune présence n’a été enregistrée à votre nom lors de l’accueil\u00a0: nous ne pouvons pas vous délivrer d’attestation. Si vous étiez là, répondez à l’un de nos e-mails.",
    };
  }
  if (ineligibility(edition, registration)) return { state: "unavailable", reason: null };
  const revoked = db
    .select({ id: certificates.id })
    .from(certificates)
    .where(eq(certificates.registrationId, registration.id))
    .get();
  return revoked ? { state: "revoked" } : { state: "ready", code: null };
}

/**
 * The certificate a person downloads from their private link, issued on the spot the first
 * time. A revoked certificate is not replaced here: only organisers issue a new one.
 */
export function certificateForDownload(db: Db, registration: Registration, now: Date = new Date()): Certificate {
  return immediate(db, () => {
    const current = findRegistration(db, registration.id);
    const edition = current ? findEdition(db, current.editionId)?.edition : undefined;
    if (!current || !edition) throw new CertificateError("Inscription introuvable.", 404);
    const valid = validCertificate(db, current.id);
    if (valid) return valid;
    const refused = ineligibility(edition, current);
    if (refused) throw new CertificateError(refused, 404);
    if (
      db.select({ id: certificates.id }).from(certificates).where(eq(certificates.registrationId, current.id)).get()
    ) {
      throw new CertificateError(
        "Votre attestation a été révoquée par les organisateurs. Pour toute question, répondez à l’un de leurs e-mails.",
        404,
      );
    }
    const certificate = insertCertificate(db, edition, current, now);
    recordAudit(
      db,
      { userId: null },
      {
        action: "certificate.issue",
        entityType: "certificate",
        entityId: certificate.id,
        details: { registration: current.id, code: certificate.code, by: "registrant" },
      },
    );
    return certificate;
  });
}

/** Counts for the top of the « Attestations » tab. */
export function certificateCounts(rows: CertificateRow[]): {
  present: number;
  valid: number;
  toIssue: number;
  emailed: number;
} {
  return {
    present: rows.filter((row) => row.checkedInAt).length,
    valid: rows.filter((row) => row.state === "valid").length,
    toIssue: rows.filter((row) => row.state === "none" && row.checkedInAt).length,
    emailed: rows.filter((row) => row.emailStatus !== null).length,
  };
}

// ---------------------------------------------------------------- privacy

/** Revokes a person's certificates and blanks what identifies them. Inside the caller's transaction. */
export function anonymiseCertificates(db: Db, registrationId: number, now: Date): void {
  db.update(certificates)
    .set({
      fullName: ANONYMISED_NAME,
      organisation: null,
      revokedAt: sql`coalesce(${certificates.revokedAt}, ${now.getTime()})`,
    })
    .where(eq(certificates.registrationId, registrationId))
    .run();
}

/** A person's certificates, for the export of their data. */
export function certificatesOfRegistration(db: Db, registrationId: number): Certificate[] {
  return db
    .select()
    .from(certificates)
    .where(eq(certificates.registrationId, registrationId))
    .orderBy(asc(certificates.issuedAt), asc(certificates.id))
    .all();
}
