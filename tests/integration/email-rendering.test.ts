// Decision 024: the request queues an email as data, the mail worker renders it before sending.
// What is sent is what was true when the email was queued, whatever happened to the edition since.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { editions, emails } from "#db/schema.ts";
import { cancelEdition } from "#app/domain/edition-changes/edition-changes.server.ts";
import { eraseRegistration } from "#app/domain/privacy/privacy.server.ts";
import { cancelRegistration, register } from "#app/domain/registrations/registrations.server.ts";
import { SYSTEM } from "#app/domain/shared/actor.ts";
import { parsePayload, serialisePayload } from "#app/domain/shared/email-content.server.ts";
import { findEmail, listEmails } from "#app/domain/shared/outbox-list.server.ts";
import { drainOutbox, OUTBOX } from "#app/domain/shared/outbox.server.ts";
import type { MailTransport, OutgoingEmail } from "#app/lib/mailer.server.ts";
import { createEdition, ctx, parseInvite, person } from "#tests/support/fixtures.ts";
import { tempDb } from "#tests/support/temp-db.ts";

const { db } = tempDb();
const now = new Date("2027-01-10T10:00:00Z");
const startsAt = new Date("2027-03-11T09:00:00Z");

function capture() {
  const sent: OutgoingEmail[] = [];
  const transport: MailTransport = {
    async send(email) {
      sent.push({ ...email });
      return { messageId: `<${email.id}@cts.test>` };
    },
    close() {},
  };
  return { sent, transport };
}

function row(id: number) {
  return db.select().from(emails).where(eq(emails.id, id)).get()!;
}

function confirmationOf(registrationId: number) {
  return db.select().from(emails).where(eq(emails.registrationId, registrationId)).get()!;
}

function registered(outcome: ReturnType<typeof register>) {
  if (!("token" in outcome)) throw new Error(`expected a registration, got ${outcome.outcome}`);
  return outcome;
}

describe("an email queued by a request", () => {
  it("is data, not rendered: payload set, bodies empty, subject and invite method known", () => {
    const edition = createEdition(db, now, { title: "Les maraudes", startsAt });
    const { registrationId } = registered(register(db, ctx, edition.slug, person("queued"), now));
    const email = confirmationOf(registrationId);
    expect(email).toMatchObject({ html: "", text: "", ics: null, icsMethod: "REQUEST", status: "pending" });
    expect(email.subject).toContain("Les maraudes");
    const payload = parsePayload(email.payload!);
    expect(payload).toMatchObject({ template: "registration.confirmed", to: { address: email.toAddress } });
    expect(payload.invite?.method).toBe("REQUEST");
    // Dates come back as dates, not strings.
    expect(payload.invite?.event.startsAt).toEqual(startsAt);
  });

  it("is rendered by the worker, written once, then sent with its invite", async () => {
    const edition = createEdition(db, now, { title: "Le logement d’abord", startsAt });
    const { registrationId } = registered(register(db, ctx, edition.slug, person("rendered"), now));
    const id = confirmationOf(registrationId).id;
    const { sent, transport } = capture();
    await drainOutbox(db, transport, () => now);
    const stored = row(id);
    expect(stored).toMatchObject({ status: "sent", payload: null, attempts: 1 });
    expect(stored.html).toMatch(/^<!DOCTYPE html>/);
    expect(stored.text).toContain("Le logement d’abord");
    expect(parseInvite(stored.ics!).method).toBe("REQUEST");
    const delivered = sent.filter((email) => email.id === id);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ html: stored.html, text: stored.text, ics: stored.ics });
    await drainOutbox(db, transport, () => new Date(now.getTime() + OUTBOX.leaseMs * 2));
    expect(sent.filter((email) => email.id === id)).toHaveLength(1);
  });

  it("names the edition as it was when queued, after the edition changed (a cancellation too)", async () => {
    const edition = createEdition(db, now, { title: "Titre d’origine", startsAt });
    const { registrationId } = registered(register(db, ctx, edition.slug, person("frozen"), now));
    cancelEdition({ db, mail: ctx, actor: SYSTEM, now }, edition.id);
    // Later edits, before the worker runs: none of this may reach the emails already queued.
    db.update(editions)
      .set({ title: "Titre changé ensuite", startsAt: new Date(startsAt.getTime() + 2 * 3_600_000) })
      .where(eq(editions.id, edition.id))
      .run();
    const { sent, transport } = capture();
    await drainOutbox(db, transport, () => now);
    const toThem = sent.filter((email) => email.toAddress === "personnefrozen@example.org");
    const mine = db.select().from(emails).where(eq(emails.registrationId, registrationId)).all();
    expect(mine.map((email) => email.kind).sort()).toEqual(["edition.cancelled", "registration.confirmed"]);
    expect(toThem).toHaveLength(2);
    for (const email of toThem) {
      expect(email.text).toContain("Titre d’origine");
      expect(email.text).not.toContain("Titre changé");
      expect(parseInvite(email.ics!).start.toJSDate()).toEqual(startsAt);
    }
    const cancellation = toThem.find((email) => email.icsMethod === "CANCEL")!;
    expect(parseInvite(cancellation.ics!)).toMatchObject({
      method: "CANCEL",
      summary: expect.stringContaining("Titre d’origine"),
    });
  });

  it("whose template throws is a failed attempt, retried later, and shown in the back-office", async () => {
    const edition = createEdition(db, now, { startsAt });
    const { registrationId } = registered(register(db, ctx, edition.slug, person("broken"), now));
    const email = confirmationOf(registrationId);
    const good = email.payload!;
    const payload = parsePayload(good) as { props: Record<string, unknown> };
    delete payload.props.person;
    db.update(emails)
      .set({ payload: serialisePayload(payload as never) })
      .where(eq(emails.id, email.id))
      .run();

    const { sent, transport } = capture();
    const report = await drainOutbox(db, transport, () => now);
    expect(report.retried).toBe(1);
    const failed = row(email.id);
    expect(failed).toMatchObject({ status: "pending", attempts: 1, html: "" });
    expect(failed.payload).not.toBeNull();
    expect(failed.lastError).toBeTruthy();
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());
    expect(sent.some((s) => s.id === email.id)).toBe(false);
    expect(
      listEmails(db, { status: "pending", page: 1, pageSize: 50 }).rows.find((r) => r.id === email.id)?.lastError,
    ).toBe(failed.lastError);
    // The page of the email opens all the same, saying why it could not be rendered.
    expect(findEmail(db, email.id)!.text).toContain("Mise en forme impossible");

    // Fixed (a deploy), the next attempt renders and sends it.
    db.update(emails).set({ payload: good }).where(eq(emails.id, email.id)).run();
    await drainOutbox(db, transport, () => new Date(now.getTime() + OUTBOX.maxDelayMs));
    expect(row(email.id)).toMatchObject({ status: "sent", attempts: 2, payload: null, lastError: null });
    expect(sent.filter((s) => s.id === email.id)).toHaveLength(1);
  });

  it("shows in the back-office before it is rendered, without rendering it in the outbox", () => {
    const edition = createEdition(db, now, { title: "Vue avant envoi", startsAt });
    const { registrationId } = registered(register(db, ctx, edition.slug, person("preview"), now));
    const id = confirmationOf(registrationId).id;
    const shown = findEmail(db, id)!;
    expect(shown.rendered).toBe(false);
    expect(shown.html).toMatch(/^<!DOCTYPE html>/);
    expect(shown.text).toContain("Vue avant envoi");
    expect(parseInvite(shown.ics!).method).toBe("REQUEST");
    expect(row(id)).toMatchObject({ html: "", text: "", ics: null });
    expect(row(id).payload).not.toBeNull();
  });

  it("loses its payload when the person is erased, also the CANCEL sent on their behalf", async () => {
    const edition = createEdition(db, now, { startsAt });
    const { registrationId } = registered(register(db, ctx, edition.slug, person("erased"), now));
    cancelRegistration({ db, mail: ctx, actor: SYSTEM, now }, registrationId);
    eraseRegistration({ db, mail: ctx, actor: SYSTEM, now }, registrationId);
    const rows = db.select().from(emails).where(eq(emails.registrationId, registrationId)).all();
    const cancel = rows.find((email) => email.icsMethod === "CANCEL" && email.eraseAfterSend);
    for (const email of rows.filter((email) => email !== cancel)) {
      expect(email).toMatchObject({ payload: null, html: "(effacé)", status: "failed" });
    }
    // Kept until sent: it takes the event out of their calendar.
    expect(cancel?.payload).toBeTruthy();
    await drainOutbox(db, capture().transport, () => now);
    expect(row(cancel!.id)).toMatchObject({ status: "sent", payload: null, html: "(effacé)", ics: null });
    expect(
      JSON.stringify(db.select().from(emails).where(eq(emails.registrationId, registrationId)).all()),
    ).not.toContain("personneerased@example.org");
  });
});
