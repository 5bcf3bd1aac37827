// The outbox as organisers read it in the back-office: a page of emails, counts, one email.
import { count, desc, eq } from "drizzle-orm";
import { emails } from "#db/schema.ts";
import type { Db } from "#app/lib/db.server.ts";
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
  };
}

export function findEmail(db: Db, id: number): EmailRow | null {
  if (!Number.isSafeInteger(id)) return null;
  return db.select().from(emails).where(eq(emails.id, id)).get() ?? null;
}
