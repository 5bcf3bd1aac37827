import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { emails, registrations } from "#db/schema.ts";
import { drainOutbox, OUTBOX } from "#app/domain/shared/outbox.server.ts";
import { cancelRegistration, register } from "#app/domain/registrations/registrations.server.ts";
import { smtpTransport } from "#app/lib/mailer.server.ts";
import { parisWallTimeToUtc } from "#app/lib/time.ts";
import { bareAddress, readWithIcalJs, readWithNodeIcal, readWithTsIcs } from "#tests/support/calendar-readers.ts";
import { createEdition, ctx, parseInvite, parisWallClock, person } from "#tests/support/fixtures.ts";
import { calendarPart, smtpForFile, startSmtpServer, type ReceivedMail } from "#tests/support/smtp-server.ts";
import { tempDb } from "#tests/support/temp-db.ts";

const { db } = tempDb();

const smtp = await smtpForFile();
const { transport } = smtp;

describe("emails through a real SMTP server", () => {
  it("delivers the confirmation in French, HTML and text, with an invite calendars accept", async () => {
    const now = new Date("2027-01-10T10:00:00Z");
    // A winter edition at 9:00 in Paris: 08:00 UTC.
    const startsAt = parisWallTimeToUtc("2027-03-11", "09:00")!;
    const endsAt = parisWallTimeToUtc("2027-03-11", "16:30")!;
    const edition = createEdition(db, now, { startsAt, endsAt, capacity: 1, title: "Santé mentale et précarité" });
    const seated = register(db, ctx, edition.slug, person("smtp1"), now);
    register(db, ctx, edition.slug, person("smtp2"), now);
    expect(await drainOutbox(db, transport, () => now)).toEqual({ sent: 2, failed: 0, retried: 0 });

    const confirmation = smtp.received.find((r) => r.envelopeTo.includes("personnesmtp1@example.org"))!;
    expect(confirmation.mail.subject).toContain("Inscription confirmée");
    expect(confirmation.mail.subject).toContain("jeudi 11 mars 2027");
    expect(confirmation.mail.text).toContain("Bonjour Prénomsmtp1 Nomsmtp1");
    expect(confirmation.mail.text).toContain("de 9\u00a0h à 16\u00a0h\u00a030");
    expect(confirmation.mail.text).toContain("1 rue de l’Exemple, 95000 Cergy");
    expect(confirmation.mail.text).toMatch(/http:\/\/cts\.test\/inscription\/[A-Za-z0-9_-]{22}/);
    expect(confirmation.mail.html).toContain("Gérer mon inscription");
    expect(confirmation.mail.html).not.toContain("<script");
    expect(confirmation.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);

    const invite = parseInvite(calendarPart(confirmation.mail)!);
    expect(invite.method).toBe("REQUEST");
    expect(invite.sequence).toBe(0);
    expect(invite.uid).toMatch(/^cts-registration-\d+@cts\.test$/);
    expect(invite.organizer.toLowerCase()).toBe("mailto:cts@siao95.example");
    expect(invite.attendee.toLowerCase()).toBe("mailto:personnesmtp1@example.org");
    expect(invite.summary).toContain("Santé mentale et précarité");
    expect(parisWallClock(invite.start.toJSDate())).toBe("2027-03-11 09:00");

    const waitlisted = smtp.received.find((r) => r.envelopeTo.includes("personnesmtp2@example.org"))!;
    expect(waitlisted.mail.subject).toContain("Liste d’attente");
    expect(calendarPart(waitlisted.mail)).toBeNull();

    // Cancelling: the same UID comes back as CANCEL, and the next person gets their invite.
    if (seated.outcome !== "confirmed") throw new Error("expected confirmed");
    cancelRegistration({ db, mail: ctx, actor: { userId: null }, now }, seated.registrationId);
    await drainOutbox(db, transport, () => now);
    const cancel = smtp.received.filter((r) => r.envelopeTo.includes("personnesmtp1@example.org")).at(-1)!;
    const cancelInvite = parseInvite(calendarPart(cancel.mail)!);
    expect(cancelInvite.method).toBe("CANCEL");
    expect(cancelInvite.uid).toBe(invite.uid);
    expect(cancelInvite.sequence).toBeGreaterThan(invite.sequence);
    expect(cancel.raw).toMatch(/method=CANCEL/i);
    const promoted = smtp.received.filter((r) => r.envelopeTo.includes("personnesmtp2@example.org")).at(-1)!;
    expect(promoted.mail.subject).toContain("Une place s’est libérée");
    expect(parseInvite(calendarPart(promoted.mail)!).method).toBe("REQUEST");
  });

  it("writes summer dates at UTC+2 and winter dates at UTC+1", async () => {
    const now = new Date("2027-01-10T10:00:00Z");
    const summer = createEdition(db, now, {
      startsAt: parisWallTimeToUtc("2027-06-17", "09:30")!,
      endsAt: parisWallTimeToUtc("2027-06-17", "17:00")!,
    });
    register(db, ctx, summer.slug, person("ete"), now);
    await drainOutbox(db, transport, () => now);
    const mail = smtp.received.find((r) => r.envelopeTo.includes("personneete@example.org"))!;
    const ics = calendarPart(mail.mail)!;
    expect(ics).toContain("DTSTART:20270617T073000Z");
    expect(parisWallClock(parseInvite(ics).start.toJSDate())).toBe("2027-06-17 09:30");
  });
});

describe("hostile names on the way to the SMTP server", () => {
  it("cannot add a header or a recipient, and the invite still names one attendee, the right one", async () => {
    const now = new Date("2027-01-10T10:00:00Z");
    const edition = createEdition(db, now, { title: "Titre\rX-Evil: 1" });
    // Straight into the domain, as a row stored before forms refused these characters would be.
    register(
      db,
      ctx,
      edition.slug,
      person("hostile", {
        firstName: 'Jean "Jo"\r\nBcc: evil@evil.example\r\nX-Evil: 1\r\n',
        lastName: 'x":mailto:evil@evil.example;X="y\rTo: evil2@evil.example',
        accessNeeds: "Rampe\rX-Evil: 2",
      }),
      now,
    );
    await drainOutbox(db, transport, () => now);
    const received = smtp.received.filter((r) => r.envelopeTo.includes("personnehostile@example.org"));
    expect(received).toHaveLength(1);
    const [{ envelopeTo, mail, raw }] = received as [ReceivedMail];

    expect(envelopeTo).toEqual(["personnehostile@example.org"]);
    const header = raw.slice(0, raw.search(/\r?\n\r?\n/));
    expect(header).not.toMatch(/^(bcc|x-evil|to: *evil)/im);
    expect([...mail.headers.keys()]).not.toContain("bcc");
    expect([...mail.headers.keys()]).not.toContain("x-evil");
    const to = Array.isArray(mail.to) ? mail.to : [mail.to!];
    expect(to.flatMap((a) => a.value.map((v) => v.address))).toEqual(["personnehostile@example.org"]);
    expect(to[0]!.value[0]!.name).toContain('Jean "Jo"');
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.text).not.toContain("\r");

    const ics = calendarPart(mail)!;
    for (const calendar of [readWithIcalJs(ics), readWithTsIcs(ics)]) {
      expect(calendar.events).toHaveLength(1);
      expect(calendar.events[0]!.attendees.map((a) => bareAddress(a.address))).toEqual(["personnehostile@example.org"]);
      expect(calendar.events[0]!.summary).toBe("CTS SIAO 95 — Titre\nX-Evil: 1");
    }
    expect(readWithNodeIcal(ics).events[0]!.attendees).toEqual(["mailto:personnehostile@example.org"]);
  });
});

describe("a mail server that is down or refuses", () => {
  it("never loses a registration, and delivers every email exactly once when it comes back", async () => {
    const down = await startSmtpServer();
    const port = down.port;
    await down.close();
    const downTransport = smtpTransport(`smtp://127.0.0.1:${port}`, "CTS <cts@siao95.example>", ctx.appUrl);
    let clock = new Date("2027-01-10T10:00:00Z");
    const edition = createEdition(db, clock, { capacity: 3 });

    const outcomes = [1, 2, 3, 4, 5].map((n) => register(db, ctx, edition.slug, person(`panne${n}`), clock));
    expect(outcomes.map((o) => o.outcome)).toEqual(["confirmed", "confirmed", "confirmed", "waitlisted", "waitlisted"]);

    const first = await drainOutbox(db, downTransport, () => clock);
    expect(first).toEqual({ sent: 0, failed: 0, retried: 5 });
    const pending = db.select().from(emails).where(eq(emails.editionId, edition.id)).all();
    expect(pending.every((e) => e.status === "pending" && e.attempts === 1 && e.lastError)).toBe(true);
    expect(db.select({ n: count() }).from(registrations).where(eq(registrations.editionId, edition.id)).get()!.n).toBe(
      5,
    );
    // Retrying before the backoff is over does nothing.
    expect(await drainOutbox(db, downTransport, () => clock)).toEqual({ sent: 0, failed: 0, retried: 0 });
    downTransport.close();

    const back = await startSmtpServer(port);
    const backTransport = smtpTransport(`smtp://127.0.0.1:${port}`, "CTS <cts@siao95.example>", ctx.appUrl);
    clock = new Date(clock.getTime() + OUTBOX.maxDelayMs + 1000);
    expect(await drainOutbox(db, backTransport, () => clock)).toEqual({ sent: 5, failed: 0, retried: 0 });
    expect(await drainOutbox(db, backTransport, () => clock)).toEqual({ sent: 0, failed: 0, retried: 0 });
    const recipients = back.received.flatMap((r) => r.envelopeTo).sort();
    expect(recipients).toEqual([1, 2, 3, 4, 5].map((n) => `personnepanne${n}@example.org`).sort());
    const ids = new Set(back.received.map((r) => r.mail.messageId));
    expect(ids.size).toBe(5);
    backTransport.close();
    await back.close();
  });

  it("retries a temporary refusal with growing delays, then marks the email failed with the error", async () => {
    const refusing = await startSmtpServer();
    refusing.state.refuse = true;
    const refusingTransport = smtpTransport(
      `smtp://127.0.0.1:${refusing.port}`,
      "CTS <cts@siao95.example>",
      ctx.appUrl,
    );
    let clock = new Date("2027-01-10T10:00:00Z");
    const edition = createEdition(db, clock);
    register(db, ctx, edition.slug, person("refus"), clock);
    const row = () => db.select().from(emails).where(eq(emails.toAddress, "personnerefus@example.org")).get()!;

    const delays: number[] = [];
    for (let attempt = 1; attempt <= OUTBOX.maxAttempts; attempt++) {
      await drainOutbox(db, refusingTransport, () => clock);
      const current = row();
      expect(current.attempts).toBe(attempt);
      if (attempt < OUTBOX.maxAttempts) {
        expect(current.status).toBe("pending");
        delays.push(current.nextAttemptAt.getTime() - clock.getTime());
        clock = current.nextAttemptAt;
      }
    }
    expect(row().status).toBe("failed");
    expect(row().lastError).toContain("451");
    expect(delays[1]!).toBeGreaterThan(delays[0]! / 2);
    expect(Math.max(...delays)).toBeLessThanOrEqual(OUTBOX.maxDelayMs);
    expect(delays.at(-1)!).toBeGreaterThan(delays[0]!);
    expect(refusing.received).toHaveLength(0);
    refusingTransport.close();
    await refusing.close();
  });
});
