import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, registrationEmailChanges, registrations } from "#db/schema.ts";
import { drainOutbox } from "#app/domain/shared/outbox.server.ts";
import {
  cancelRegistration,
  findRegistrationByToken,
  register,
  waitlistPosition,
} from "#app/domain/registrations/registrations.server.ts";
import { handOverRegistration } from "#app/domain/registrations/handover.server.ts";
import {
  confirmEmailChange,
  EMAIL_CHANGE_VALIDITY_MS,
  emailChangeStatus,
  requestEmailChange,
} from "#app/domain/registrations/email-change.server.ts";
import { anonymiseRegistration } from "#app/domain/privacy/privacy.server.ts";
import { createEdition, ctx, emailsTo, parseInvite, person } from "#tests/support/fixtures.ts";
import { calendarPart, smtpForFile } from "#tests/support/smtp-server.ts";
import { tempDb } from "#tests/support/temp-db.ts";

const { db } = tempDb();
const smtp = await smtpForFile();
const { transport } = smtp;

const now = new Date("2027-01-10T10:00:00Z");
const later = new Date(now.getTime() + 60_000);
const registrant = { userId: null };

function seated(outcome: ReturnType<typeof register>) {
  if (outcome.outcome !== "confirmed" && outcome.outcome !== "waitlisted") throw new Error(outcome.outcome);
  return outcome;
}

function received(address: string) {
  return smtp.received.filter((r) => r.envelopeTo.includes(address));
}

function linkIn(text: string, path: string): string {
  const match = new RegExp(`${ctx.appUrl}/${path}/([A-Za-z0-9_-]+)`).exec(text);
  if (!match) throw new Error(`no ${path} link in: ${text}`);
  return match[1]!;
}

describe("« Céder ma place »", () => {
  it("gives the seat to a colleague: old link dead, CANCEL to the old holder, a fresh invite and link to the new one, journal entry", async () => {
    const edition = createEdition(db, now, { capacity: 2 });
    const first = seated(register(db, ctx, edition.slug, person("hand-a"), now));
    seated(register(db, ctx, edition.slug, person("hand-b"), now));
    await drainOutbox(db, transport, () => now);
    const firstInvite = parseInvite(calendarPart(received("personnehand-a@example.org")[0]!.mail)!);

    const colleague = person("hand-c", { firstName: "Camille", lastName: "Martin", organisation: "Autre association" });
    const outcome = handOverRegistration(
      { db, mail: ctx, actor: registrant, now: later },
      first.registrationId,
      colleague,
    );
    expect(outcome.outcome).toBe("handed_over");
    if (outcome.outcome !== "handed_over") return;
    await drainOutbox(db, transport, () => later);

    // The old link is dead; the new holder's link works and holds the seat.
    expect(findRegistrationByToken(db, first.token)).toBeNull();
    const old = db.select().from(registrations).where(eq(registrations.id, first.registrationId)).get()!;
    expect(old.status).toBe("cancelled");
    const successor = db.select().from(registrations).where(eq(registrations.id, outcome.registrationId)).get()!;
    expect(successor).toMatchObject({ status: "confirmed", firstName: "Camille", organisation: "Autre association" });
    expect(
      db
        .select()
        .from(registrations)
        .where(and(eq(registrations.editionId, edition.id), eq(registrations.status, "confirmed")))
        .all(),
    ).toHaveLength(2);

    // The old holder: a METHOD:CANCEL for the UID already in their calendar, with a higher SEQUENCE.
    const toOld = received("personnehand-a@example.org").at(-1)!;
    expect(toOld.mail.subject).toContain("Votre place est cédée");
    expect(toOld.mail.text).toContain("Camille Martin");
    const cancel = parseInvite(calendarPart(toOld.mail)!);
    expect(cancel.method).toBe("CANCEL");
    expect(cancel.uid).toBe(firstInvite.uid);
    expect(cancel.sequence).toBeGreaterThan(firstInvite.sequence);

    // The new holder: a fresh invite (new UID, SEQUENCE 0) and their own private link.
    const toNew = received("personnehand-c@example.org");
    expect(toNew).toHaveLength(1);
    expect(toNew[0]!.mail.subject).toContain("Prénomhand-a Nomhand-a vous cède sa place");
    const invite = parseInvite(calendarPart(toNew[0]!.mail)!);
    expect(invite.method).toBe("REQUEST");
    expect(invite.uid).not.toBe(firstInvite.uid);
    expect(invite.sequence).toBe(0);
    const newToken = linkIn(toNew[0]!.mail.text!, "inscription");
    expect(findRegistrationByToken(db, newToken)?.id).toBe(outcome.registrationId);

    const entry = db.select().from(auditLog).where(eq(auditLog.action, "registration.hand_over")).get()!;
    expect(entry.entityId).toBe(outcome.registrationId);
    expect(JSON.parse(entry.details!)).toEqual({
      from: `inscription n° ${first.registrationId}`,
      to: `inscription n° ${outcome.registrationId}`,
    });
  });

  it("keeps a waiting-list rank: the colleague is promoted before those who came later", () => {
    const edition = createEdition(db, now, { capacity: 1 });
    const seat = seated(register(db, ctx, edition.slug, person("rank-0"), now));
    const firstInLine = seated(register(db, ctx, edition.slug, person("rank-1"), now));
    seated(register(db, ctx, edition.slug, person("rank-2"), now));
    const outcome = handOverRegistration(
      { db, mail: ctx, actor: registrant, now: later },
      firstInLine.registrationId,
      person("rank-new"),
    );
    if (outcome.outcome !== "handed_over") throw new Error(outcome.outcome);
    const successor = db.select().from(registrations).where(eq(registrations.id, outcome.registrationId)).get()!;
    expect(successor.status).toBe("waitlisted");
    expect(waitlistPosition(db, successor)).toBe(1);
    expect(emailsTo(db, "personnerank-new@example.org").at(-1)!.subject).toContain("liste d’attente");
    expect(emailsTo(db, "personnerank-1@example.org").at(-1)!.ics).toBeNull();

    cancelRegistration({ db, mail: ctx, actor: registrant, now: later }, seat.registrationId);
    const after = db.select().from(registrations).where(eq(registrations.id, outcome.registrationId)).get()!;
    expect(after.status).toBe("confirmed");
  });

  it("refuses an address already registered for the edition, the holder's own included, and writes nothing", () => {
    const edition = createEdition(db, now, { capacity: 5 });
    const a = seated(register(db, ctx, edition.slug, person("dup-a"), now));
    seated(register(db, ctx, edition.slug, person("dup-b"), now));
    const before = emailsTo(db, "personnedup-a@example.org").length;
    expect(
      handOverRegistration({ db, mail: ctx, actor: registrant, now: later }, a.registrationId, person("dup-b")).outcome,
    ).toBe("email_taken");
    expect(
      handOverRegistration(
        { db, mail: ctx, actor: registrant, now: later },
        a.registrationId,
        person("DUP-A", { email: "PersonneDup-A@example.org" }),
      ).outcome,
    ).toBe("email_taken");
    expect(findRegistrationByToken(db, a.token)?.status).toBe("confirmed");
    expect(emailsTo(db, "personnedup-a@example.org")).toHaveLength(before);
  });

  it("is refused once the edition has started, and for a cancelled registration", () => {
    const edition = createEdition(db, now, { capacity: 5 });
    const a = seated(register(db, ctx, edition.slug, person("late-a"), now));
    const started = new Date(edition.startsAt.getTime() + 60_000);
    expect(
      handOverRegistration({ db, mail: ctx, actor: registrant, now: started }, a.registrationId, person("late-b"))
        .outcome,
    ).toBe("not_allowed");
    expect(findRegistrationByToken(db, a.token)?.status).toBe("confirmed");
    cancelRegistration({ db, mail: ctx, actor: registrant, now: later }, a.registrationId);
    expect(
      handOverRegistration({ db, mail: ctx, actor: registrant, now: later }, a.registrationId, person("late-c"))
        .outcome,
    ).toBe("not_allowed");
    expect(emailsTo(db, "personnelate-b@example.org")).toHaveLength(0);
    expect(emailsTo(db, "personnelate-c@example.org")).toHaveLength(0);
  });
});

describe("Correcting one's email address", () => {
  it("changes nothing until the link sent to the new address is followed; then re-sends the invite (same UID, SEQUENCE + 1) and tells the old address", async () => {
    const edition = createEdition(db, now, { capacity: 5 });
    const a = seated(register(db, ctx, edition.slug, person("mail-a"), now));
    await drainOutbox(db, transport, () => now);
    const firstInvite = parseInvite(calendarPart(received("personnemail-a@example.org")[0]!.mail)!);

    expect(requestEmailChange(db, ctx, a.registrationId, "nouvelle.adresse@example.org", later)).toEqual({
      outcome: "sent",
      address: "nouvelle.adresse@example.org",
    });
    await drainOutbox(db, transport, () => later);
    expect(findRegistrationByToken(db, a.token)?.email).toBe("personnemail-a@example.org");
    const request = received("nouvelle.adresse@example.org");
    expect(request).toHaveLength(1);
    expect(request[0]!.mail.subject).toContain("Confirmez votre nouvelle adresse");
    const changeToken = linkIn(request[0]!.mail.text!, "inscription/nouvelle-adresse");
    expect(emailChangeStatus(db, changeToken, later)).toEqual({
      outcome: "ready",
      address: "nouvelle.adresse@example.org",
    });

    const applied = confirmEmailChange({ db, mail: ctx, actor: registrant, now: later }, changeToken);
    expect(applied.outcome).toBe("changed");
    await drainOutbox(db, transport, () => later);
    const moved = findRegistrationByToken(db, a.token)!;
    expect(moved).toMatchObject({ email: "nouvelle.adresse@example.org", emailKey: "nouvelle.adresse@example.org" });

    const confirmation = received("nouvelle.adresse@example.org").at(-1)!;
    expect(confirmation.mail.subject).toContain("Adresse e-mail mise à jour");
    const invite = parseInvite(calendarPart(confirmation.mail)!);
    expect(invite.method).toBe("REQUEST");
    expect(invite.uid).toBe(firstInvite.uid);
    expect(invite.sequence).toBe(firstInvite.sequence + 1);
    expect(invite.attendee.toLowerCase()).toContain("nouvelle.adresse@example.org");

    const notice = received("personnemail-a@example.org").at(-1)!;
    expect(notice.mail.subject).toContain("Votre adresse d’inscription a changé");
    expect(notice.mail.text).toContain("nouvelle.adresse@example.org");
    expect(calendarPart(notice.mail)).toBeNull();

    // Single use.
    expect(confirmEmailChange({ db, mail: ctx, actor: registrant, now: later }, changeToken).outcome).toBe("used");
    expect(db.select().from(auditLog).where(eq(auditLog.action, "registration.email_change")).all()).toHaveLength(1);
  });

  it("refuses an expired link, an address registered since, and addresses already registered", () => {
    const edition = createEdition(db, now, { capacity: 5 });
    const a = seated(register(db, ctx, edition.slug, person("exp-a"), now));
    seated(register(db, ctx, edition.slug, person("exp-b"), now));
    expect(requestEmailChange(db, ctx, a.registrationId, "personneexp-b@example.org", later).outcome).toBe(
      "email_taken",
    );
    expect(requestEmailChange(db, ctx, a.registrationId, "PersonneExp-A@example.org", later).outcome).toBe(
      "same_email",
    );

    requestEmailChange(db, ctx, a.registrationId, "exp-new@example.org", now);
    const token = linkIn(emailsTo(db, "exp-new@example.org")[0]!.text, "inscription/nouvelle-adresse");
    const tooLate = new Date(now.getTime() + EMAIL_CHANGE_VALIDITY_MS + 1);
    expect(emailChangeStatus(db, token, tooLate).outcome).toBe("expired");
    expect(confirmEmailChange({ db, mail: ctx, actor: registrant, now: tooLate }, token).outcome).toBe("expired");
    expect(findRegistrationByToken(db, a.token)?.email).toBe("personneexp-a@example.org");

    requestEmailChange(db, ctx, a.registrationId, "exp-raced@example.org", now);
    const raced = linkIn(emailsTo(db, "exp-raced@example.org")[0]!.text, "inscription/nouvelle-adresse");
    seated(register(db, ctx, edition.slug, person("raced", { email: "exp-raced@example.org" }), later));
    expect(confirmEmailChange({ db, mail: ctx, actor: registrant, now: later }, raced).outcome).toBe("email_taken");
    expect(findRegistrationByToken(db, a.token)?.email).toBe("personneexp-a@example.org");

    expect(confirmEmailChange({ db, mail: ctx, actor: registrant, now: later }, "not-a-token").outcome).toBe("invalid");
    const started = new Date(edition.startsAt.getTime() + 1);
    expect(requestEmailChange(db, ctx, a.registrationId, "exp-start@example.org", started).outcome).toBe("not_allowed");
    expect(
      db
        .select()
        .from(registrationEmailChanges)
        .where(eq(registrationEmailChanges.newEmail, "exp-start@example.org"))
        .all(),
    ).toHaveLength(0);
  });

  it("erasing a registration erases its pending address change, whose link then leads nowhere", () => {
    const edition = createEdition(db, now, { capacity: 5 });
    const a = seated(register(db, ctx, edition.slug, person("erase-a"), now));
    requestEmailChange(db, ctx, a.registrationId, "erase-new@example.org", now);
    const token = linkIn(emailsTo(db, "erase-new@example.org")[0]!.text, "inscription/nouvelle-adresse");
    anonymiseRegistration(db, a.registrationId, later);
    expect(
      db
        .select()
        .from(registrationEmailChanges)
        .where(eq(registrationEmailChanges.registrationId, a.registrationId))
        .all(),
    ).toEqual([]);
    expect(confirmEmailChange({ db, mail: ctx, actor: registrant, now: later }, token).outcome).toBe("invalid");
  });
});
