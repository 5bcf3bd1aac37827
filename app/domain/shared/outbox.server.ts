import { and, asc, eq, inArray, isNull, lte, ne, or, sql, type SQL } from "drizzle-orm";
import { emails } from "#db/schema.ts";
import { immediate, truncateWal, type Db } from "#app/lib/db.server.ts";
import type { Act } from "./actor.ts";
import { recordAudit } from "./audit.server.ts";
import { forgetCapturedEmails, mailboxOf, type MailTransport } from "#app/lib/mailer.server.ts";
import type { RenderedEmail } from "#emails/render.tsx";
import {
  emailContent,
  parsePayload,
  payloadSubject,
  renderPayload,
  serialisePayload,
  type EmailContent,
  type EmailPayload,
} from "./email-content.server.ts";

export type EmailRow = typeof emails.$inferSelect;

export const OUTBOX = {
  maxAttempts: 8,
  /** First retry after 30 s, then doubling: 30 s, 1 min, 2 min … about 1 h before giving up. */
  baseDelayMs: 30_000,
  maxDelayMs: 30 * 60_000,
  /**
   * A claimed row not marked within this time is considered abandoned by a dead worker and sent
   * again (with the same Message-ID). Longer than any SMTP timeout of the transport.
   */
  leaseMs: 60_000,
  batchSize: 20,
} as const;

export type NewEmail = {
  kind: string;
  to: { address: string; name?: string | null };
  /** Emails with the same key are written once, ever (reminders, decisions). */
  dedupeKey?: string;
  editionId?: number | null;
  registrationId?: number | null;
  contributionId?: number | null;
  correctionId?: number | null;
  batchId?: string | null;
} & (
  | {
      /** Already rendered (a resent copy of a rendered email). */
      content: RenderedEmail;
      ics?: { method: "REQUEST" | "CANCEL"; body: string } | null;
    }
  | {
      /** To be rendered by the mail worker: only the subject is written now. */
      payload: EmailPayload;
    }
);

/**
 * Writes an email to the outbox. Call it inside the transaction of the change that causes the
 * email: both land, or neither. Returns the row id, or null when the dedupe key was already used.
 */
export function enqueueEmail(db: Db, email: NewEmail, now: Date = new Date()): number | null {
  const row = db
    .insert(emails)
    .values({
      kind: email.kind,
      toAddress: email.to.address,
      toName: email.to.name ?? null,
      ...("payload" in email
        ? {
            subject: payloadSubject(email.payload),
            html: "",
            text: "",
            ics: null,
            // Known now: erasure keeps a pending CANCEL, and a rehearsal's fingerprint names it.
            icsMethod: email.payload.invite?.method ?? null,
            payload: serialisePayload(email.payload),
          }
        : {
            subject: email.content.subject,
            html: email.content.html,
            text: email.content.text,
            ics: email.ics?.body ?? null,
            icsMethod: email.ics?.method ?? null,
            payload: null,
          }),
      dedupeKey: email.dedupeKey ?? null,
      editionId: email.editionId ?? null,
      registrationId: email.registrationId ?? null,
      contributionId: email.contributionId ?? null,
      correctionId: email.correctionId ?? null,
      batchId: email.batchId ?? null,
      status: "pending",
      nextAttemptAt: now,
      createdAt: now,
    })
    .onConflictDoNothing({ target: emails.dedupeKey })
    .returning({ id: emails.id })
    .get();
  if (row) notifyEnqueued();
  return row?.id ?? null;
}

let wake: (() => void) | undefined;

/** Lets the in-process worker start sending at once instead of at its next tick. */
export function onEnqueued(listener: (() => void) | undefined): void {
  wake = listener;
}

function notifyEnqueued(): void {
  if (wake) queueMicrotask(wake);
}

/**
 * Takes due rows for this worker. The claim is a write transaction: two workers (the app and
 * `npm run mail:work`) can never take the same row while its lease runs.
 */
export function claimDueEmails(db: Db, now: Date, limit: number = OUTBOX.batchSize): EmailRow[] {
  return immediate(db, () => {
    const due = db
      .select()
      .from(emails)
      .where(
        or(
          and(eq(emails.status, "pending"), lte(emails.nextAttemptAt, now)),
          and(eq(emails.status, "sending"), or(isNull(emails.lockedUntil), lte(emails.lockedUntil, now))),
        ),
      )
      .orderBy(asc(emails.nextAttemptAt), asc(emails.id))
      .limit(limit)
      .all();
    if (due.length === 0) return [];
    const lockedUntil = new Date(now.getTime() + OUTBOX.leaseMs);
    db.update(emails)
      .set({ status: "sending", lockedUntil, attempts: sql`${emails.attempts} + 1` })
      .where(
        inArray(
          emails.id,
          due.map((row) => row.id),
        ),
      )
      .run();
    return due.map((row) => ({ ...row, status: "sending" as const, lockedUntil, attempts: row.attempts + 1 }));
  });
}

export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const exponential = Math.min(OUTBOX.maxDelayMs, OUTBOX.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  // Full jitter on half the delay: retries from a burst do not all hit the server at once.
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

// ---------------------------------------------------------------- erasure

/** What the bodies of an erased email say instead. */
export const ERASED_CONTENT = "(effacé)";

/**
 * An erased email keeps its kind, subject (edition and proposal titles, never a person), dates,
 * status and the ids of what it was about: the outbox still counts it, and nothing names anyone.
 * The address stays syntactically valid and can never receive anything (RFC 2606).
 */
function blanked(now: Date) {
  return {
    toAddress: sql`'efface-' || ${emails.id} || '@anonyme.invalid'`,
    toName: null,
    html: ERASED_CONTENT,
    text: ERASED_CONTENT,
    ics: null,
    // The data an email was to be rendered from names the person as much as its bodies do.
    payload: null,
    // An SMTP error often quotes the recipient.
    lastError: null,
    eraseAfterSend: false,
    erasedAt: now,
  };
}

/**
 * Erases every email matching `about` (the emails of one registration, contribution or
 * correction request). The only one still worth sending is a METHOD:CANCEL, which takes the event
 * out of the person's calendar: it keeps what sending needs and is blanked the moment it is sent
 * (`markSent`) or given up. Every other one is blanked now; those not sent yet are given up.
 * Runs inside the caller's transaction. Returns the ids whose captured copies must go, once the
 * transaction is committed (`forgetErasedEmails`).
 */
export function eraseEmails(db: Db, about: SQL, now: Date): number[] {
  const notErased = and(about, isNull(emails.erasedAt));
  const stillToSend = or(
    eq(emails.status, "sending"),
    and(eq(emails.status, "pending"), eq(emails.icsMethod, "CANCEL")),
  );
  db.update(emails).set({ eraseAfterSend: true }).where(and(notErased, stillToSend)).run();
  const abandoned = db
    .update(emails)
    .set({
      ...blanked(now),
      status: "failed",
      lastError: "Non envoyé\u00a0: les données de la personne ont été effacées.",
    })
    .where(and(notErased, eq(emails.status, "pending"), or(isNull(emails.icsMethod), ne(emails.icsMethod, "CANCEL"))))
    .returning({ id: emails.id })
    .all();
  const done = db
    .update(emails)
    .set(blanked(now))
    .where(and(notErased, inArray(emails.status, ["sent", "failed"])))
    .returning({ id: emails.id })
    .all();
  return [...abandoned, ...done].map((row) => row.id);
}

/**
 * The second half of an erasure, after its transaction: the captured `.eml` copies of the erased
 * rows are removed, and the WAL, which still holds the pages as they were before, is folded into
 * the database file and truncated.
 */
export function forgetErasedEmails(db: Db, ids: readonly number[]): void {
  const folder = mailboxOf(db);
  if (folder && ids.length > 0) forgetCapturedEmails(folder, ids);
  truncateWal(db);
}

/**
 * Backstop of the daily purge: an email flagged for erasure that no worker sent within
 * `graceMs` (no worker running, a server refusing it) is given up and blanked; so is a flagged
 * email recorded as sent but not blanked (by a worker process still running an older version).
 * Returns the ids to forget.
 */
export function eraseOverdueEmails(db: Db, now: Date, graceMs: number): number[] {
  const overdue = db
    .update(emails)
    .set({ ...blanked(now), status: "failed", lockedUntil: null, lastError: "Non envoyé à temps\u00a0: effacé." })
    .where(
      and(
        eq(emails.eraseAfterSend, true),
        isNull(emails.erasedAt),
        lte(emails.createdAt, new Date(now.getTime() - graceMs)),
        or(
          eq(emails.status, "pending"),
          and(eq(emails.status, "sending"), or(isNull(emails.lockedUntil), lte(emails.lockedUntil, now))),
        ),
      ),
    )
    .returning({ id: emails.id })
    .all();
  const finished = db
    .update(emails)
    .set(blanked(now))
    .where(and(eq(emails.eraseAfterSend, true), isNull(emails.erasedAt), inArray(emails.status, ["sent", "failed"])))
    .returning({ id: emails.id })
    .all();
  return [...overdue, ...finished].map((row) => row.id);
}

// ---------------------------------------------------------------- sending

/** Records a sent email; one flagged for erasure is blanked in the same transaction. Says which. */
export function markSent(db: Db, id: number, messageId: string, now: Date): { erased: boolean } {
  return immediate(db, () => {
    const row = db
      .update(emails)
      .set({ status: "sent", messageId, sentAt: now, lockedUntil: null, lastError: null })
      .where(eq(emails.id, id))
      .returning({ eraseAfterSend: emails.eraseAfterSend })
      .get();
    if (!row?.eraseAfterSend) return { erased: false };
    db.update(emails).set(blanked(now)).where(eq(emails.id, id)).run();
    return { erased: true };
  });
}

export function markFailedAttempt(db: Db, row: EmailRow, error: unknown, now: Date): { erased: boolean } {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
  const giveUp = row.attempts >= OUTBOX.maxAttempts;
  return immediate(db, () => {
    const updated = db
      .update(emails)
      .set({
        status: giveUp ? "failed" : "pending",
        lastError: message,
        lockedUntil: null,
        nextAttemptAt: giveUp ? row.nextAttemptAt : new Date(now.getTime() + backoffMs(row.attempts)),
      })
      .where(eq(emails.id, row.id))
      .returning({ eraseAfterSend: emails.eraseAfterSend })
      .get();
    if (!giveUp || !updated?.eraseAfterSend) return { erased: false };
    db.update(emails).set(blanked(now)).where(eq(emails.id, row.id)).run();
    return { erased: true };
  });
}

export type DrainReport = { sent: number; failed: number; retried: number };

/** Sends what is due now, one batch after another, until nothing is due. */
export async function drainOutbox(
  db: Db,
  transport: MailTransport,
  clock: () => Date = () => new Date(),
): Promise<DrainReport> {
  const report: DrainReport = { sent: 0, failed: 0, retried: 0 };
  for (;;) {
    const batch = claimDueEmails(db, clock());
    if (batch.length === 0) return report;
    const erased: number[] = [];
    await Promise.all(
      batch.map(async (row) => {
        try {
          const { messageId } = await transport.send(renderForSending(db, row));
          if (markSent(db, row.id, messageId, clock()).erased) erased.push(row.id);
          report.sent++;
        } catch (error) {
          if (markFailedAttempt(db, row, error, clock()).erased) erased.push(row.id);
          if (row.attempts >= OUTBOX.maxAttempts) report.failed++;
          else report.retried++;
        }
      }),
    );
    // In capture mode the copy just written goes too: nothing of an erased person stays behind.
    if (erased.length > 0) forgetErasedEmails(db, erased);
  }
}

/**
 * Renders a claimed row that is still data and writes the result once, payload gone: a worker
 * that dies after this sends nothing twice, the next lease sends the same content (rendering is
 * deterministic, and the Message-ID is the row's). A template that throws fails the attempt.
 */
export function renderForSending(db: Db, row: EmailRow): EmailRow {
  if (row.payload === null) return row;
  const content = renderPayload(row.payload);
  const rendered = { html: content.html, text: content.text, ics: content.ics?.body ?? null, payload: null };
  db.update(emails)
    .set(rendered)
    .where(and(eq(emails.id, row.id), isNull(emails.erasedAt)))
    .run();
  return { ...row, ...rendered, icsMethod: content.ics?.method ?? row.icsMethod };
}

/**
 * An organiser's « Renvoyer »: puts a sent or failed message back in the queue as a new row,
 * keeping the original as it was, and notes in the journal who asked for the copy.
 */
export function resendEmail(act: Act, id: number): number | null {
  const { db, actor, now } = act;
  return immediate(db, () => {
    const copy = copyOfEmail(db, id, now);
    if (copy !== null) recordAudit(db, actor, { action: "email.resend", entityType: "email", entityId: id });
    return copy;
  });
}

function copyOfEmail(db: Db, id: number, now: Date): number | null {
  const original = db.select().from(emails).where(eq(emails.id, id)).get();
  // An erased email has nothing left to send, and nobody to send it to.
  if (!original || original.erasedAt || original.eraseAfterSend) return null;
  const about = {
    kind: original.kind,
    to: { address: original.toAddress, name: original.toName },
    editionId: original.editionId,
    registrationId: original.registrationId,
    contributionId: original.contributionId,
    correctionId: original.correctionId,
  };
  // A copy of an email never rendered (its template failed) is data again, for the worker to try.
  if (original.payload !== null) return enqueueEmail(db, { ...about, payload: parsePayload(original.payload) }, now);
  const content: EmailContent = emailContent(original);
  return enqueueEmail(
    db,
    { ...about, content: { subject: original.subject, html: content.html, text: content.text }, ics: content.ics },
    now,
  );
}

/** Emails that carry a one-time link opening an account: only admins may read or resend them. */
export function isAccountEmail(email: { kind: string }): boolean {
  return email.kind.startsWith("account.");
}
