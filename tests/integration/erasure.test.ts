// Erasure leaves nothing behind: a person's data goes through every path that stores or copies
// it (registration, emails sent by a real mail worker to a real SMTP server and captured as .eml
// files, cancellation, survey, certificate, contribution and decision, directory correction,
// journal), is erased by each way the app has (the person's own link, an organiser, the retention
// purge), and then not one byte of their name, address, private link or IP address is left
// anywhere in the data folder: database, WAL, shared memory, mailbox, any file at any depth.
import { tsxArgs } from "#tests/support/tsx.ts";
import type { MailTransport } from "#app/lib/mailer.server.ts";
import type { RegistrationInput } from "#app/domain/registrations/registrations.server.ts";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { programmeItem } from "#tests/support/inputs.ts";
import { startSmtpServer, type ReceivedMail } from "#tests/support/smtp-server.ts";

// The routes read the app's own connection and configuration: point them at this folder first.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cts-erasure-"));
const databasePath = path.join(dir, "cts.db");
process.env.DATABASE_PATH = databasePath;
process.env.APP_URL = "http://cts.test";
process.env.SESSION_SECRET = "a-test-secret-that-is-long-enough-0123456789";
delete process.env.SMTP_URL;

const { and, eq, inArray } = await import("drizzle-orm");
const schema = await import("#db/schema.ts");
const { db, closeDb } = await import("#app/lib/db.server.ts");
const { mailboxFolder, mailboxTransport, smtpTransport } = await import("#app/lib/mailer.server.ts");
const { env } = await import("#app/lib/env.server.ts");
const { startMailWorker } = await import("#app/lib/mail-worker.server.ts");
const { drainOutbox } = await import("#app/domain/shared/outbox.server.ts");
const { register, resendPrivateLink } = await import("#app/domain/registrations/registrations.server.ts");
const { setPresence } = await import("#app/domain/registrations/check-in.server.ts");
const { setEditionStatus } = await import("#app/domain/editions/admin.server.ts");
const { saveSurveyResponse, sendSurveyInvitations } = await import("#app/domain/survey/survey.server.ts");
const { certificateForDownload, sendCertificateEmails } =
  await import("#app/domain/certificates/certificates.server.ts");
const { newMessageKey, sendEditionMessage } = await import("#app/domain/registrations/organiser-messages.server.ts");
const { requestCorrection, setCorrectionStatus } = await import("#app/domain/directory/dispositifs.server.ts");
const { submitContribution } = await import("#app/domain/contributions/submissions.server.ts");
const { acceptContribution, declineContribution, notifyDecisions } =
  await import("#app/domain/contributions/decisions.server.ts");
const { saveReview } = await import("#app/domain/contributions/reviews.server.ts");
const { addSession } = await import("#app/domain/editions/programme.server.ts");
const { programmeOf } = await import("#app/domain/editions/editions.server.ts");
const { createUser } = await import("#app/domain/accounts/users.server.ts");
const selfErase = await import("#app/routes/my-registration-erase.tsx");
const adminRegistrations = await import("#app/routes/admin/editions/registrations.tsx");
const adminCorrections = await import("#app/routes/admin/dispositifs/corrections.tsx");
const { adminContext } = await import("#tests/support/admin-context.ts");
const { createEdition, ctx } = await import("#tests/support/fixtures.ts");
const { describeLeaks, filesUnder, findLeaks } = await import("#tests/support/leak-search.ts");
const { signedInCookie } = await import("#tests/support/staff.ts");
const { answer, formPost } = await import("#tests/support/route-answer.ts");

const DAY = 86_400_000;
const system = { userId: null };

// ---------------------------------------------------------------- mail: captured and delivered

const smtpServer = await startSmtpServer();

/** Each email both written to the data folder's mailbox (no SMTP_URL) and handed to the SMTP server. */
function teeTransport(): MailTransport {
  const capture = mailboxTransport(mailboxFolder(env()), env().mailFrom, env().appUrl);
  const smtp = smtpTransport(`smtp://127.0.0.1:${smtpServer.port}`, env().mailFrom, env().appUrl);
  return {
    async send(email) {
      await capture.send(email);
      return smtp.send(email);
    },
    close() {
      smtp.close();
      capture.close();
    },
  };
}

const transport = teeTransport();
afterAll(async () => {
  transport.close();
  closeDb();
  await smtpServer.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function unsent(): number {
  return db()
    .select()
    .from(schema.emails)
    .where(inArray(schema.emails.status, ["pending", "sending"]))
    .all().length;
}

async function until(condition: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The attendee downloads their certificate, and the organisers email everyone theirs. */
function certifyAttendance(editionId: number, registrationId: number, at: Date) {
  const attendee = db().select().from(schema.registrations).where(eq(schema.registrations.id, registrationId)).get()!;
  certificateForDownload(db(), attendee, at);
  sendCertificateEmails({ db: db(), mail: ctx, actor: system, now: at }, editionId);
}

function requestContext(clientIp: string) {
  return { get: () => ({ clientIp, cspNonce: "" }) };
}

function registered(outcome: ReturnType<typeof register>) {
  if (!("token" in outcome)) throw new Error(`expected a registration, got ${outcome.outcome}`);
  return outcome;
}

type Identity = { firstName: string; lastName: string; email: string; organisation: string };

function registration(who: Identity, overrides: Partial<RegistrationInput> = {}): RegistrationInput {
  return {
    ...who,
    role: "cheffe de service",
    structureType: "hebergement",
    accessNeeds: `Boucle magnétique pour ${who.firstName}`,
    meal: true,
    ...overrides,
  };
}

function needlesOf(who: Identity): string[] {
  return [who.lastName, who.firstName, `${who.firstName} ${who.lastName}`, who.email];
}

function expectFound(needles: readonly string[]) {
  const leaks = findLeaks(dir, needles);
  for (const needle of needles)
    expect(
      leaks.some((leak) => leak.needle === needle),
      `${needle} should be in the data folder`,
    ).toBe(true);
  // Capture mode is on: the mailbox holds copies naming them.
  expect(leaks.some((leak) => leak.file.startsWith(`mailbox${path.sep}`))).toBe(true);
}

function expectGone(needles: readonly string[]) {
  const leaks = findLeaks(dir, needles);
  expect(leaks, describeLeaks(leaks)).toEqual([]);
}

/** Searches twice: while the app still has the database open (WAL and shared memory in place), then closed. */
function expectErasedEverywhere(needles: readonly string[]) {
  expect(filesUnder(dir).map((file) => path.basename(file))).toContain("cts.db");
  expectGone(needles);
  closeDb();
  expectGone(needles);
}

function deliveredTo(address: string): ReceivedMail[] {
  return smtpServer.received.filter((delivery) => delivery.envelopeTo.includes(address));
}

// ---------------------------------------------------------------- people

const zephyrine: Identity = {
  firstName: "Zéphyrine",
  lastName: "Quagliottine",
  email: "zephyrine.quagliottine@sonde-effacement.example",
  organisation: "CHRS Quagliottine",
};
const evariste: Identity = {
  firstName: "Évariste",
  lastName: "Brisemontier",
  email: "evariste.brisemontier@sonde-effacement.example",
  organisation: "Accueil Brisemontier",
};
const maelys: Identity = {
  firstName: "Maëlys",
  lastName: "Kerfandrel",
  email: "maelys.kerfandrel@sonde-effacement.example",
  organisation: "Maraude Kerfandrel",
};
/** Speaks at an old edition: stays named on its public programme, but their address must go. */
const ulrich = { name: "Ulrich Dunvegarra", email: "ulrich.dunvegarra@sonde-effacement.example" };

const now = new Date();
const password = "mot de passe de test 95";
const organiser = await createUser(db(), {
  email: "orga@siao95.example",
  name: "Orga Nisatrice",
  role: "organiser",
  password,
});
const reviewer = await createUser(db(), {
  email: "relecture@siao95.example",
  name: "Rita Relectrice",
  role: "reviewer",
  password,
});
const service = db()
  .insert(schema.dispositifs)
  .values({ slug: "maraude-sonde", name: "Maraude sonde", operator: "Association sonde", category: "veille_sociale" })
  .returning()
  .get();

/** The person asks for a change to the directory entry, signing with their name and address. */
function correctionBy(who: Identity, field: "phone" | "other", message: string, at: Date) {
  const from = { name: `${who.firstName} ${who.lastName}`, email: who.email };
  return requestCorrection(db(), ctx, service.slug, { ...from, field, message }, at);
}

describe("erasure leaves nothing behind", () => {
  it("by the person, from their private link", async () => {
    const ip = "198.51.100.23";
    const upcoming = createEdition(db(), now, { capacity: 1 });
    const seat = registered(
      register(db(), ctx, upcoming.slug, registration(zephyrine, { listedInNetwork: true }), now),
    );
    const witness = {
      firstName: "Témoin",
      lastName: "Attente",
      email: "temoin@example.org",
      organisation: "Association témoin",
    };
    register(db(), ctx, upcoming.slug, registration(witness), now);
    resendPrivateLink(db(), ctx, upcoming.slug, zephyrine.email, now);

    // A day held yesterday: presence, certificate, survey with free texts naming her.
    const registeredAt = new Date(now.getTime() - 30 * DAY);
    const held = createEdition(db(), registeredAt, {
      capacity: 100,
      startsAt: new Date(now.getTime() - DAY),
      endsAt: new Date(now.getTime() - DAY + 7 * 3_600_000),
      registrationClosesAt: new Date(now.getTime() - 2 * DAY),
    });
    const attended = registered(register(db(), ctx, held.slug, registration(zephyrine), registeredAt));
    setPresence(
      { db: db(), actor: system, now: new Date(now.getTime() - DAY) },
      held.id,
      attended.registrationId,
      true,
    );
    setEditionStatus({ db: db(), actor: system, now }, held.id, "held");
    const survey = saveSurveyResponse(
      db(),
      attended.registrationId,
      {
        overall: 5,
        scores: {},
        keep: `Les échanges, Zéphyrine Quagliottine`,
        change: null,
        themes: "Accueil Quagliottine",
        comment: `Écrivez-moi : ${zephyrine.email}`,
      },
      now,
    );
    expect(survey.outcome).toBe("created");
    certifyAttendance(held.id, attended.registrationId, now);
    sendSurveyInvitations({ db: db(), mail: ctx, actor: system, now }, held.id);

    await drainOutbox(db(), transport);
    expect(unsent()).toBe(0);
    const needles = [...needlesOf(zephyrine), seat.token, attended.token, ip];
    expectFound(needlesOf(zephyrine));
    expectFound([seat.token]);

    // The app's own worker runs, as in production: woken by the cancellation the erasure writes.
    const worker = startMailWorker(db(), teeTransport(), ctx, { pollMs: 50, log: () => {} });
    for (const token of [seat.token, attended.token]) {
      const erased = await answer(() => selfErase.action({ params: { token }, context: requestContext(ip) } as never));
      expect(erased).toEqual({ status: 303, body: "/donnees-personnelles" });
    }
    await until(() => unsent() === 0);
    await worker.stop();

    expectErasedEverywhere(needles);
    // The calendar still heard of it: the cancellation went out before it was erased.
    expect(deliveredTo(zephyrine.email).some((delivery) => /METHOD:CANCEL/.test(delivery.raw))).toBe(true);
  });

  it("by an organiser, at the person's request: the registration, and a directory correction request", async () => {
    const edition = createEdition(db(), now, { capacity: 5 });
    const seat = registered(register(db(), ctx, edition.slug, registration(evariste), now));
    sendEditionMessage({ db: db(), mail: ctx, actor: system, now }, edition.id, {
      subject: "Informations pratiques",
      body: "À bientôt.",
      groups: ["confirmed"],
      batchId: newMessageKey(),
    });
    const correction = correctionBy(evariste, "phone", `Rappelez ${evariste.lastName} au 01 99 00 60 01`, now);
    await drainOutbox(db(), transport);
    const needles = [...needlesOf(evariste), seat.token];
    expectFound(needles);
    // Still queued when the erasure comes: an email not rendered yet holds them in its payload.
    resendPrivateLink(db(), ctx, edition.slug, evariste.email, now);
    const queued = db()
      .select()
      .from(schema.emails)
      .where(and(eq(schema.emails.toAddress, evariste.email), eq(schema.emails.status, "pending")))
      .all();
    expect(queued.some((email) => email.payload?.includes(evariste.lastName))).toBe(true);

    const cookie = await signedInCookie(db(), organiser.email, password);
    const post = (url: string, form: Record<string, string>) => formPost(url, form, { Cookie: cookie });

    const erasedRegistration = await answer(async () => {
      const request = post(`http://cts.test/admin/editions/${edition.id}/inscriptions`, {
        intent: "erase",
        registrationId: String(seat.registrationId),
      });
      return adminRegistrations.action({
        request,
        params: { editionId: String(edition.id) },
        context: await adminContext(request, "192.0.2.10"),
      } as never);
    });
    const erasedCorrection = await answer(async () => {
      const request = post("http://cts.test/admin/dispositifs/corrections", {
        intent: "erase",
        correctionId: String(correction.id),
        statut: "new",
      });
      return adminCorrections.action({
        request,
        params: {},
        context: await adminContext(request, "192.0.2.10"),
      } as never);
    });
    await drainOutbox(db(), transport);
    expect(unsent()).toBe(0);

    expectErasedEverywhere(needles);
    expect(erasedRegistration.status).toBe(303);
    expect(erasedCorrection).toEqual({ status: 303, body: "/admin/dispositifs/corrections?statut=new" });
    expect(deliveredTo(evariste.email).some((delivery) => /METHOD:CANCEL/.test(delivery.raw))).toBe(true);
  });

  it("by the retention purge (`npm run privacy:purge`), for a day held long ago: registration, contribution, speakers, correction", async () => {
    const t0 = new Date(now.getTime() - 480 * DAY);
    const edition = createEdition(db(), t0, {
      capacity: 100,
      contributionsOpensAt: new Date(t0.getTime() - DAY),
      contributionsClosesAt: new Date(t0.getTime() + 20 * DAY),
    });
    const heldOn = edition.startsAt;
    const after = new Date(heldOn.getTime() + 2 * DAY);
    const tableRonde = addSession(
      { db: db(), actor: system, now: new Date() },
      edition.id,
      programmeItem("table_ronde", "Table ronde — Aller vers", "10:00", "12:00"),
    );

    const seat = registered(register(db(), ctx, edition.slug, registration(maelys), t0));
    const proposal = (name: string, email: string, title: string) => {
      const outcome = submitContribution(
        db(),
        ctx,
        edition.slug,
        {
          name,
          email,
          role: "infirmière",
          organisation: "EMPP sonde",
          coSpeakers: [],
          title,
          abstract: "Deux ans de maraudes communes avec le 115.",
          format: "table_ronde",
          wishedSessionId: null,
          availability: `Le matin, demander ${name}`,
        },
        t0,
      );
      if (outcome.outcome !== "submitted") throw new Error(JSON.stringify(outcome));
      return outcome;
    };
    const declined = proposal(`${maelys.firstName} ${maelys.lastName}`, maelys.email, "La maraude du mardi");
    const accepted = proposal(ulrich.name, ulrich.email, "Le camion santé");
    saveReview(
      db(),
      edition.id,
      declined.contributionId,
      { userId: reviewer.id },
      { score: 2, comment: `Je connais ${maelys.lastName}` },
      t0,
    );
    declineContribution({ db: db(), actor: system, now: t0 }, edition.id, declined.contributionId, {
      message: `Merci ${maelys.firstName} Kerfandrel.`,
    });
    acceptContribution({ db: db(), actor: system, now: t0 }, edition.id, accepted.contributionId, {
      sessionId: tableRonde,
      message: null,
    });
    notifyDecisions({ db: db(), mail: ctx, actor: system, now: new Date(t0.getTime() + 25 * DAY) }, edition.id);

    setPresence({ db: db(), actor: system, now: heldOn }, edition.id, seat.registrationId, true);
    setEditionStatus({ db: db(), actor: system, now: after }, edition.id, "held");
    saveSurveyResponse(
      db(),
      seat.registrationId,
      { overall: 4, scores: {}, keep: null, change: null, themes: null, comment: `Maëlys Kerfandrel` },
      after,
    );
    certifyAttendance(edition.id, seat.registrationId, after);

    // A correction request, handled weeks ago.
    const correction = correctionBy(maelys, "other", "Le local a déménagé.", new Date(now.getTime() - 60 * DAY));
    setCorrectionStatus(
      { db: db(), actor: { userId: organiser.id }, now: new Date(now.getTime() - 45 * DAY) },
      correction.id,
      "done",
    );

    await drainOutbox(db(), transport);
    expect(unsent()).toBe(0);
    const needles = [...needlesOf(maelys), seat.token, declined.token, accepted.token, ulrich.email];
    expectFound([...needlesOf(maelys), ulrich.email]);

    closeDb();
    const purge = spawnSync(process.execPath, tsxArgs("app/cli/privacy-purge.ts"), {
      env: { ...process.env, DATABASE_PATH: databasePath, RETENTION_MONTHS: "12", NODE_ENV: "test" },
      encoding: "utf8",
    });
    expect(purge.status, purge.stderr).toBe(0);

    expectGone(needles);
    // The programme of a past edition is a public archive: the speaker stays named on it.
    const speakers = programmeOf(db(), edition.id).flatMap((session) => session.persons.map((person) => person.name));
    expect(speakers).toContain(ulrich.name);
    const person = db()
      .select()
      .from(schema.persons)
      .where(and(eq(schema.persons.name, ulrich.name)))
      .get()!;
    expect(person.email).toBeNull();
    closeDb();
  }, 60_000);
});
