import { tsxArgs } from "#tests/support/tsx.ts";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, emails } from "#db/schema.ts";
import { claimDueEmails, drainOutbox, enqueueEmail, OUTBOX, resendEmail } from "#app/domain/shared/outbox.server.ts";
import { sendingStatus } from "#app/domain/shared/outbox-list.server.ts";
import { startMailWorker } from "#app/lib/mail-worker.server.ts";
import { mailboxTransport } from "#app/lib/mailer.server.ts";
import { ctx } from "#tests/support/fixtures.ts";
import { tempDb } from "#tests/support/temp-db.ts";
import { SYSTEM } from "#app/domain/shared/actor.ts";

const { db, dir, file } = tempDb();
const content = { subject: "Essai", html: "<p>Bonjour</p>", text: "Bonjour" };

async function until(condition: () => boolean, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("the mail worker", () => {
  it("sends an email as soon as it is written, into the local mailbox when there is no SMTP server", async () => {
    const mailbox = path.join(dir, "mailbox");
    const worker = startMailWorker(db, mailboxTransport(mailbox, "CTS <cts@siao95.example>", ctx.appUrl), ctx, {
      pollMs: 60_000,
      log: () => {},
    });
    const id = enqueueEmail(db, { kind: "test", to: { address: "a@example.org" }, content })!;
    await until(() => db.select().from(emails).where(eq(emails.id, id)).get()!.status === "sent");
    await worker.stop();
    const row = db.select().from(emails).where(eq(emails.id, id)).get()!;
    expect(row.messageId).toBe(`<cts-email-${id}@cts.test>`);
    const eml = fs.readFileSync(path.join(mailbox, `${String(id).padStart(6, "0")}.eml`), "utf8");
    expect(eml).toContain("Subject: Essai");
    expect(eml).toContain(`Message-ID: <cts-email-${id}@cts.test>`);
  });

  it("lets an organiser resend a sent email as a new row, leaving the original as it was", () => {
    const original = db.select().from(emails).get()!;
    const copy = resendEmail({ db, actor: { userId: null, ip: "192.0.2.7" }, now: new Date() }, original.id)!;
    expect(copy).not.toBe(original.id);
    const row = db.select().from(emails).where(eq(emails.id, copy)).get()!;
    expect(row).toMatchObject({
      status: "pending",
      subject: original.subject,
      toAddress: original.toAddress,
      attempts: 0,
    });
    expect(db.select().from(emails).where(eq(emails.id, original.id)).get()!.status).toBe("sent");
    expect(resendEmail({ db, actor: SYSTEM, now: new Date() }, 999_999)).toBeNull();
    // The journal says who asked for the copy, once: not for the id that matched nothing.
    const journal = db.select().from(auditLog).where(eq(auditLog.action, "email.resend")).all();
    expect(journal).toMatchObject([{ entityType: "email", entityId: original.id, ip: "192.0.2.7" }]);
  });

  it("runs as its own process with `npm run mail:work -- --once`", () => {
    const result = spawnSync(process.execPath, tsxArgs("app/cli/mail-work.ts", "--once"), {
      env: { ...process.env, DATABASE_PATH: file, NODE_ENV: "test", APP_URL: ctx.appUrl },
      encoding: "utf8",
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("1 sent, 0 to retry, 0 failed");
    expect(
      db
        .select()
        .from(emails)
        .all()
        .every((e) => e.status === "sent"),
    ).toBe(true);
  });

  it("sends again, with the same Message-ID, an email whose worker died while sending, once its lease is over", async () => {
    const now = new Date();
    const id = enqueueEmail(db, { kind: "test", to: { address: "lease@example.org" }, content }, now)!;
    // A worker takes the row, then dies before marking it sent.
    expect(claimDueEmails(db, now).map((row) => row.id)).toEqual([id]);
    const leaseEnds = new Date(now.getTime() + OUTBOX.leaseMs);
    expect(claimDueEmails(db, new Date(leaseEnds.getTime() - 1))).toEqual([]);
    const mailbox = path.join(dir, "mailbox-lease");
    const transport = mailboxTransport(mailbox, "CTS <cts@siao95.example>", ctx.appUrl);
    expect(await drainOutbox(db, transport, () => leaseEnds)).toEqual({ sent: 1, failed: 0, retried: 0 });
    const row = db.select().from(emails).where(eq(emails.id, id)).get()!;
    expect(row).toMatchObject({ status: "sent", attempts: 2, messageId: `<cts-email-${id}@cts.test>` });
    expect(fs.readdirSync(mailbox)).toEqual([`${String(id).padStart(6, "0")}.eml`]);
  });

  it("tells organisers when the last email left, how many wait and since when", () => {
    const sentAt = db
      .select()
      .from(emails)
      .all()
      .map((row) => row.sentAt!.getTime());
    const lastSentAt = new Date(Math.max(...sentAt));
    expect(sendingStatus(db)).toEqual({ lastSentAt, waiting: 0, oldestWaitingAt: null });
    const first = new Date("2030-01-01T08:00:00Z");
    enqueueEmail(
      db,
      { kind: "test", to: { address: "later@example.org" }, content },
      new Date(first.getTime() + 60_000),
    );
    enqueueEmail(db, { kind: "test", to: { address: "first@example.org" }, content }, first);
    expect(sendingStatus(db)).toEqual({ lastSentAt, waiting: 2, oldestWaitingAt: first });
  });
});
