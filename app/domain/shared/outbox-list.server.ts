// The outbox as organisers read it in the back-office: a page of emails, counts, one email.
import { count, desc, eq, inArray, max, min } from "drizzle-orm";
import { emails } from "#db/schema.ts";
import type { Db } from "#app/lib/db.server.ts";
import { emailContent } from "./email-content.server.ts";
import { EMAIL_STATUSES, type EmailStatus } from "./vocabulary.ts";

export type EmailRow = typeof emails.$inferSelect;

export function listEmails(db: Db, options: { status: EmailStatus | null; page: number; pageSize: number }) {
  const rows = db
    .select({
      id: emails.id,
      kind: emails.kind,
      toAddress: emails.toAddress,
      subject: emails.subject,
      status: emails.status,
      attempts: emails.attempts,
      lastError: emails.lastError,
      createdAt: emails.createdAt,
      sentAt: emails.sentAt,
    })
    .from(emails)
    .where(options.status ? eq(emails.status, options.status) : undefined)
    .orderBy(desc(emails.id))
    .limit(options.pageSize + 1)
    .offset((options.page - 1) * options.pageSize)
    .all();
  const byStatus = db.select({ status: emails.status, n: count() }).from(emails).groupBy(emails.status).all();
  return {
    rows: rows.slice(0, options.pageSize),
    hasMore: rows.length > options.pageSize,
    counts: Object.fromEntries(
      EMAIL_STATUSES.map((s) => [s, byStatus.find((row) => row.status === s)?.n ?? 0]),
    ) as Record<EmailStatus, number>,
    sending: sendingStatus(db),
  };
}

/**
 * Whether emails are leaving: when the last one was sent, how many wait and since when. A wait
 * that grows while nothing is sent is a mail server down or a worker stopped.
 */
export function sendingStatus(db: Db): { lastSentAt: Date | null; waiting: number; oldestWaitingAt: Date | null } {
  const { lastSentAt } = db
    .select({ lastSentAt: max(emails.sentAt) })
    .from(emails)
    .get()!;
  const { waiting, oldestWaitingAt } = db
    .select({ waiting: count(), oldestWaitingAt: min(emails.createdAt) })
    .from(emails)
    .where(inArray(emails.status, ["pending", "sending"]))
    .get()!;
  return { lastSentAt, waiting, oldestWaitingAt };
}

/**
 * One email as the back-office shows it: its content as it was or will be sent, rendered on view
 * (and written nowhere) while the worker has not rendered it yet.
 */
export function findEmail(db: Db, id: number): (EmailRow & { rendered: boolean }) | null {
  if (!Number.isSafeInteger(id)) return null;
  const row = db.select().from(emails).where(eq(emails.id, id)).get();
  if (!row) return null;
  const rendered = row.payload === null;
  try {
    const content = emailContent(row);
    return { ...row, html: content.html, text: content.text, ics: content.ics?.body ?? null, rendered };
  } catch (error) {
    // The worker records the same failure as the row's last error; the page still opens.
    const reason = error instanceof Error ? error.message : String(error);
    return { ...row, html: "", text: `Mise en forme impossible\u00a0: ${reason}`, ics: null, rendered };
  }
}
