import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, dispositifCorrections, dispositifs, emails, persons, sessionPersons, sessions } from "#db/schema.ts";
import { requestCorrection, setCorrectionStatus } from "#app/domain/directory/dispositifs.server.ts";
import { drainOutbox, markFailedAttempt, OUTBOX, resendEmail } from "#app/domain/shared/outbox.server.ts";
import { eraseCorrection, eraseRegistration, purgeExpiredPersonalData } from "#app/domain/privacy/privacy.server.ts";
import { register } from "#app/domain/registrations/registrations.server.ts";
import { ERASURE_SEND_GRACE_HOURS, HANDLED_CORRECTION_DAYS } from "#app/domain/shared/retention.ts";
import { capturedEmailIds, mailboxTransport, type MailTransport } from "#app/lib/mailer.server.ts";
import { createEdition, ctx, person } from "#tests/support/fixtures.ts";
import { createStaffUser } from "#tests/support/staff.ts";
import { tempDb } from "#tests/support/temp-db.ts";

const { db, dir } = tempDb();
const mailbox = path.join(dir, "mailbox");
const capture = mailboxTransport(mailbox, "CTS <cts@siao95.example>", ctx.appUrl);
const DAY = 86_400_000;
const HOUR = 3_600_000;
const months = 12;
const now = new Date("2027-06-01T10:00:00Z");
const system = { userId: null };

function emailsOf(ids: number[]) {
  return db.select().from(emails).where(inArray(emails.id, ids)).all();
}

function registered(outcome: ReturnType<typeof register>) {
  if (!("token" in outcome)) throw new Error(`expected a registration, got ${outcome.outcome}`);
  return outcome;
}

describe("directory correction requests", async () => {
  const organiser = await createStaffUser(db, "orga@siao95.example", "organiser", "Orga");
  const service = db
    .insert(dispositifs)
    .values({ slug: "maraude", name: "Maraude", operator: "Association exemple", category: "veille_sociale" })
    .returning()
    .get();
  const ask = (who: string, at: Date) =>
    requestCorrection(
      db,
      ctx,
      service.slug,
      { name: who, email: `${who.toLowerCase()}@exemple.org`, field: "other", message: `Signé ${who}` },
      at,
    );
  const formsOf = (correctionId: number) =>
    db
      .select({ id: emails.id })
      .from(emails)
      .where(eq(emails.correctionId, correctionId))
      .all()
      .map((e) => e.id);

  it(`are deleted, with the emails that forwarded them, ${HANDLED_CORRECTION_DAYS} days after being handled or ${months} months after being sent`, async () => {
    const handled = (name: string, daysAgo: number) => {
      const correction = ask(name, new Date(now.getTime() - 60 * DAY));
      setCorrectionStatus(
        { db, actor: { userId: organiser.id }, now: new Date(now.getTime() - daysAgo * DAY) },
        correction.id,
        "done",
      );
      return correction;
    };
    const handledLongAgo = handled("Ancienne", HANDLED_CORRECTION_DAYS + 1);
    const handledLately = handled("Recente", HANDLED_CORRECTION_DAYS - 1);
    const neverHandled = ask("Oubliee", new Date(now.getTime() - 13 * 31 * DAY));
    const waiting = ask("Attente", new Date(now.getTime() - 10 * DAY));
    const forwarded = [...formsOf(handledLongAgo.id), ...formsOf(neverHandled.id)];
    expect(forwarded).toHaveLength(2);
    await drainOutbox(db, capture, () => now);
    expect(capturedEmailIds(mailbox)).toEqual(expect.arrayContaining(forwarded));

    expect(purgeExpiredPersonalData(db, { months, now })).toMatchObject({ corrections: 2 });
    const left = db
      .select({ id: dispositifCorrections.id })
      .from(dispositifCorrections)
      .all()
      .map((row) => row.id);
    expect(left.sort()).toEqual([handledLately.id, waiting.id].sort());
    for (const email of emailsOf(forwarded)) {
      expect(email).toMatchObject({ html: "(effacé)", text: "(effacé)", toName: null, correctionId: null });
      expect(email.erasedAt).not.toBeNull();
    }
    expect(capturedEmailIds(mailbox).filter((id) => forwarded.includes(id))).toEqual([]);
    expect(JSON.stringify(db.select().from(emails).all())).not.toMatch(/Ancienne|Oubliee/i);
  });

  it("are erased at once when the requester asks, with a journal entry that does not name them", async () => {
    const asked = ask("Pressee", now);
    const forwarded = formsOf(asked.id);
    expect(eraseCorrection({ db, actor: { userId: organiser.id, ip: "192.0.2.1" }, now }, asked.id)).toBe(true);
    expect(db.select().from(dispositifCorrections).where(eq(dispositifCorrections.id, asked.id)).get()).toBeUndefined();
    // Not sent yet: given up, never to go out.
    expect(emailsOf(forwarded).map((e) => [e.status, e.html])).toEqual([["failed", "(effacé)"]]);
    expect(await drainOutbox(db, capture, () => now)).toEqual({ sent: 0, failed: 0, retried: 0 });
    const entry = db.select().from(auditLog).where(eq(auditLog.action, "dispositif_correction.erase")).get()!;
    expect(entry).toMatchObject({ userId: organiser.id, entityType: "dispositif", entityId: service.id });
    expect(JSON.stringify(entry)).not.toMatch(/Pressee/i);
    expect(eraseCorrection({ db, actor: { userId: organiser.id }, now }, asked.id)).toBe(false);
  });
});

describe("speakers of the programme", () => {
  it(`keep their name on past programmes, lose their address ${months} months after their last edition; entries on no programme go`, () => {
    const old = createEdition(db, new Date(now.getTime() - 500 * DAY));
    const upcoming = createEdition(db, now);
    const session = (editionId: number, startsAt: Date) =>
      db
        .insert(sessions)
        .values({
          editionId,
          kind: "conference",
          title: "Conférence",
          startsAt,
          endsAt: new Date(startsAt.getTime() + HOUR),
          position: 1,
        })
        .returning({ id: sessions.id })
        .get().id;
    const oldSession = session(old.id, old.startsAt);
    const upcomingSession = session(upcoming.id, upcoming.startsAt);
    const longAgo = new Date(now.getTime() - 400 * DAY);
    const speaker = (name: string, at: Date = longAgo) =>
      db
        .insert(persons)
        .values({ name, email: `${name.toLowerCase()}@exemple.org`, createdAt: at, updatedAt: at })
        .returning()
        .get();
    const pastOnly = speaker("Passee");
    const again = speaker("Revient");
    const fresh = speaker("Nouvelle", now);
    const unplaced = speaker("Oubliee");
    db.insert(sessionPersons)
      .values({ sessionId: oldSession, personId: pastOnly.id, role: "intervenant", position: 1 })
      .run();
    db.insert(sessionPersons)
      .values({ sessionId: oldSession, personId: again.id, role: "intervenant", position: 2 })
      .run();
    db.insert(sessionPersons)
      .values({ sessionId: upcomingSession, personId: again.id, role: "intervenant", position: 1 })
      .run();

    expect(purgeExpiredPersonalData(db, { months, now })).toMatchObject({ speakers: 2 });
    const row = (id: number) => db.select().from(persons).where(eq(persons.id, id)).get();
    expect(row(pastOnly.id)).toMatchObject({ name: "Passee", email: null });
    expect(row(again.id)!.email).toBe("revient@exemple.org");
    expect(row(fresh.id)!.email).toBe("nouvelle@exemple.org");
    expect(row(unplaced.id)).toBeUndefined();
  });
});

describe("the cancellation owed to an erased person", () => {
  const sent: string[] = [];
  const recording: MailTransport = {
    async send(email) {
      sent.push(`${email.toAddress} ${email.icsMethod ?? ""}`.trim());
      return capture.send(email);
    },
    close() {},
  };

  it("is the only email of theirs still sent, and is blanked, file included, the moment it is", async () => {
    const edition = createEdition(db, now);
    const seat = registered(register(db, ctx, edition.slug, person("annule"), now));
    await drainOutbox(db, recording, () => now);
    // A message written just before the erasure, not sent yet: it will not go.
    db.insert(emails)
      .values({
        kind: "edition.message",
        toAddress: "personneannule@example.org",
        subject: "Infos",
        html: "x",
        text: "x",
        registrationId: seat.registrationId,
        nextAttemptAt: now,
      })
      .run();
    sent.length = 0;
    expect(eraseRegistration({ db, mail: ctx, actor: system, now }, seat.registrationId)).toBe(true);
    const rows = db.select().from(emails).where(eq(emails.registrationId, seat.registrationId)).all();
    const cancel = rows.find((e) => e.icsMethod === "CANCEL")!;
    expect(cancel).toMatchObject({
      status: "pending",
      eraseAfterSend: true,
      toAddress: "personneannule@example.org",
      erasedAt: null,
    });
    expect(rows.filter((e) => e.id !== cancel.id).every((e) => e.erasedAt !== null && e.html === "(effacé)")).toBe(
      true,
    );
    expect(rows.find((e) => e.kind === "edition.message")).toMatchObject({ status: "failed" });

    await drainOutbox(db, recording, () => now);
    expect(sent).toEqual(["personneannule@example.org CANCEL"]);
    const after = db.select().from(emails).where(eq(emails.id, cancel.id)).get()!;
    expect(after).toMatchObject({ status: "sent", eraseAfterSend: false, html: "(effacé)", ics: null, toName: null });
    expect(after.toAddress).toBe(`efface-${cancel.id}@anonyme.invalid`);
    expect(capturedEmailIds(mailbox)).not.toContain(cancel.id);
    expect(resendEmail({ db, actor: system, now }, cancel.id)).toBeNull();
  });

  it(`is given up and blanked by the purge when no worker sent it within ${ERASURE_SEND_GRACE_HOURS} hours`, () => {
    const edition = createEdition(db, now);
    const seat = registered(register(db, ctx, edition.slug, person("sansfacteur"), now));
    eraseRegistration({ db, mail: ctx, actor: system, now }, seat.registrationId);
    const cancel = () =>
      db
        .select()
        .from(emails)
        .where(and(eq(emails.registrationId, seat.registrationId), eq(emails.icsMethod, "CANCEL")))
        .get()!;
    purgeExpiredPersonalData(db, { months, now: new Date(now.getTime() + (ERASURE_SEND_GRACE_HOURS - 1) * HOUR) });
    expect(cancel()).toMatchObject({ status: "pending", toAddress: "personnesansfacteur@example.org" });
    purgeExpiredPersonalData(db, { months, now: new Date(now.getTime() + (ERASURE_SEND_GRACE_HOURS + 1) * HOUR) });
    expect(cancel()).toMatchObject({ status: "failed", html: "(effacé)", eraseAfterSend: false });
    expect(cancel().toAddress).toMatch(/@anonyme\.invalid$/);
  });

  it("is blanked when the mail server refuses it for good", () => {
    const edition = createEdition(db, now);
    const seat = registered(register(db, ctx, edition.slug, person("refuse"), now));
    eraseRegistration({ db, mail: ctx, actor: system, now }, seat.registrationId);
    const cancel = db
      .select()
      .from(emails)
      .where(and(eq(emails.registrationId, seat.registrationId), eq(emails.icsMethod, "CANCEL")))
      .get()!;
    expect(
      markFailedAttempt(db, { ...cancel, attempts: 1 }, new Error("451 <personnerefuse@example.org> busy"), now),
    ).toEqual({ erased: false });
    expect(
      markFailedAttempt(
        db,
        { ...cancel, attempts: OUTBOX.maxAttempts },
        new Error("550 <personnerefuse@example.org> unknown"),
        now,
      ),
    ).toEqual({ erased: true });
    const after = db.select().from(emails).where(eq(emails.id, cancel.id)).get()!;
    expect(after).toMatchObject({ status: "failed", lastError: null, html: "(effacé)" });
    expect(JSON.stringify(after)).not.toContain("personnerefuse");
  });
});
