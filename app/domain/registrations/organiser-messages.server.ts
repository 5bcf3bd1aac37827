import { randomUUID } from "node:crypto";
import { and, count, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { emails, registrations } from "#db/schema.ts";
import type { EmailPerson } from "#emails/components.tsx";
import { renderMessage, type EmailMessage } from "#emails/templates.ts";
import { immediate, type Db } from "#app/lib/db.server.ts";
import { renderMarkdown } from "#app/lib/markdown.server.ts";
import { recordAudit } from "#app/domain/shared/audit.server.ts";
import { currentPrivateToken, emailPerson, manageUrl, notifyRegistrant } from "./messages.server.ts";
import { loadEdition } from "#app/domain/editions/editions.server.ts";
import { registrationsOf } from "./queries.server.ts";
import type { MailingAct } from "#app/domain/shared/actor.ts";

export type MessageGroup = "confirmed" | "waitlisted";
/** `batchId` is the form's one-time key: posting the same form twice must not send it twice. */
export type MessageInput = { subject: string; body: string; groups: MessageGroup[]; batchId: string };

/** A fresh one-time key for a rendering of the message form, used as the id of the batch it sends. */
export function newMessageKey(): string {
  return randomUUID();
}

export function recipientCount(db: Db, editionId: number, groups: MessageGroup[]): number {
  if (groups.length === 0) return 0;
  return db
    .select({ n: count() })
    .from(registrations)
    .where(and(eq(registrations.editionId, editionId), inArray(registrations.status, groups)))
    .get()!.n;
}

/** The email as one recipient would receive it, for the preview. */
export function previewMessage(db: Db, editionId: number, input: Pick<MessageInput, "subject" | "body">) {
  const { edition } = loadEdition(db, editionId);
  const sample = { firstName: "Prénom", lastName: "Nom" };
  return renderMessage(
    messageEmail(edition.title, input.subject, renderMarkdown(input.body), sample, "https://…/inscription/…"),
  );
}

function messageEmail(
  editionTitle: string,
  subject: string,
  bodyHtml: string,
  person: EmailPerson,
  manageUrl: string,
): EmailMessage {
  return { template: "edition.message", props: { editionTitle, person, subject, bodyHtml, manageUrl } };
}

/**
 * Writes one email per recipient to the outbox, all in one transaction and under one batch id,
 * whose progress the page then follows while the worker drains it. A second post of the same
 * form (a double click, the back button) finds its batch already written and sends nothing more.
 */
export function sendEditionMessage(
  act: MailingAct,
  editionId: number,
  input: MessageInput,
): { batchId: string; recipients: number } {
  const { db, mail, actor, now } = act;
  const { batchId } = input;
  return immediate(db, () => {
    const { edition } = loadEdition(db, editionId);
    const already = db.select({ n: count() }).from(emails).where(eq(emails.batchId, batchId)).get()!.n;
    if (already > 0) return { batchId, recipients: already };
    const people = registrationsOf(db, editionId, inArray(registrations.status, input.groups));
    const bodyHtml = renderMarkdown(input.body);
    for (const person of people) {
      notifyRegistrant(
        db,
        person,
        {
          email: messageEmail(
            edition.title,
            input.subject,
            bodyHtml,
            emailPerson(person),
            manageUrl(mail, currentPrivateToken(db, mail, person)),
          ),
          batchId,
        },
        now,
      );
    }
    recordAudit(db, actor, {
      action: "edition.message",
      entityType: "edition",
      entityId: editionId,
      details: { batchId, subject: input.subject, groups: input.groups, recipients: people.length },
    });
    return { batchId, recipients: people.length };
  });
}

export function batchProgress(db: Db, editionId: number, batchId: string) {
  const rows = db
    .select({ status: emails.status, n: count() })
    .from(emails)
    .where(and(eq(emails.batchId, batchId), eq(emails.editionId, editionId)))
    .groupBy(emails.status)
    .all();
  const of = (status: string) => rows.find((row) => row.status === status)?.n ?? 0;
  const total = rows.reduce((sum, row) => sum + row.n, 0);
  return { total, sent: of("sent"), failed: of("failed"), waiting: of("pending") + of("sending") };
}

/** Messages already sent for this edition, newest first. */
export function recentBatches(db: Db, editionId: number) {
  return db
    .select({
      batchId: emails.batchId,
      subject: sql<string>`min(${emails.subject})`,
      createdAt: sql<number>`min(${emails.createdAt})`,
      total: count(),
      sent: sql<number>`sum(${emails.status} = 'sent')`,
    })
    .from(emails)
    .where(and(eq(emails.editionId, editionId), isNotNull(emails.batchId)))
    .groupBy(emails.batchId)
    .orderBy(desc(sql`min(${emails.createdAt})`))
    .limit(20)
    .all();
}
