import { and, asc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { emails } from "../../db/schema";
import { immediate, type Db } from "../lib/db.server";
import type { MailTransport } from "../lib/mailer.server";
import type { RenderedEmail } from "../../emails/layout";

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
  content: RenderedEmail;
  ics?: { method: "REQUEST" | "CANCEL"; body: string } | null;
  /** Emails with the same key are written once, ever (reminders, decisions). */
  dedupeKey?: string;
  editionId?: number | null;
  registrationId?: number | null;
  contributionId?: number | null;
  batchId?: string | null;
};

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
      subject: email.content.subject,
      html: email.content.html,
      text: email.content.text,
      ics: email.ics?.body ?? null,
      icsMethod: email.ics?.method ?? null,
      dedupeKey: email.dedupeKey ?? null,
      editionId: email.editionId ?? null,
      registrationId: email.registrationId ?? null,
      contributionId: email.contributionId ?? null,
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

export function markSent(db: Db, id: number, messageId: string, now: Date): void {
  db.update(emails)
    .set({ status: "sent", messageId, sentAt: now, lockedUntil: null, lastError: null })
    .where(eq(emails.id, id))
    .run();
}

export function markFailedAttempt(db: Db, row: EmailRow, error: unknown, now: Date): void {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
  const giveUp = row.attempts >= OUTBOX.maxAttempts;
  db.update(emails)
    .set({
      status: giveUp ? "failed" : "pending",
      lastError: message,
      lockedUntil: null,
      nextAttemptAt: giveUp ? row.nextAttemptAt : new Date(now.getTime() + backoffMs(row.attempts)),
    })
    .where(eq(emails.id, row.id))
    .run();
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
    await Promise.all(
      batch.map(async (row) => {
        try {
          const { messageId } = await transport.send(row);
          markSent(db, row.id, messageId, clock());
          report.sent++;
        } catch (error) {
          markFailedAttempt(db, row, error, clock());
          if (row.attempts >= OUTBOX.maxAttempts) report.failed++;
          else report.retried++;
        }
      }),
    );
  }
}

/** Puts a sent or failed message back in the queue as a new row, keeping the original as it was. */
export function resendEmail(db: Db, id: number, now: Date = new Date()): number | null {
  const original = db.select().from(emails).where(eq(emails.id, id)).get();
  if (!original) return null;
  return enqueueEmail(
    db,
    {
      kind: original.kind,
      to: { address: original.toAddress, name: original.toName },
      content: { subject: original.subject, html: original.html, text: original.text },
      ics: original.ics && original.icsMethod ? { method: original.icsMethod as "REQUEST" | "CANCEL", body: original.ics } : null,
      editionId: original.editionId,
      registrationId: original.registrationId,
      contributionId: original.contributionId,
    },
    now,
  );
}

/** Emails that carry a one-time link opening an account: only admins may read or resend them. */
export function isAccountEmail(email: { kind: string }): boolean {
  return email.kind.startsWith("account.");
}
