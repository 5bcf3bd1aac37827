import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { editions, emails, registrations } from "#db/schema.ts";
import {
  cancelEdition,
  describeChanges,
  updateEditionLogistics,
} from "#app/domain/edition-changes/edition-changes.server.ts";
import {
  CapacityError,
  cancelRegistration,
  changeCapacity,
  currentInvite,
  findRegistrationByToken,
  register,
  resendPrivateLink,
  updateRegistrationDetails,
  waitlistPosition,
} from "#app/domain/registrations/registrations.server.ts";
import { createEdition, ctx, DAY, emailsTo, outbox, parseInvite, person } from "#tests/support/fixtures.ts";
import { tempDbAt } from "#tests/support/temp-db.ts";

const { db, now, noAccount: organiser } = tempDbAt("2026-11-26T10:00:00Z");

function registrationRow(id: number) {
  return db.select().from(registrations).where(eq(registrations.id, id)).get()!;
}

describe("registering", () => {
  it("confirms until the venue is full, then fills the waiting list in arrival order", () => {
    const edition = createEdition(db, now, { capacity: 2 });
    const outcomes = [1, 2, 3, 4].map((n) => register(db, ctx, edition.slug, person(`a${n}`), now));
    expect(outcomes.map((o) => o.outcome)).toEqual(["confirmed", "confirmed", "waitlisted", "waitlisted"]);
    expect(outcomes[2]).toMatchObject({ position: 1 });
    expect(outcomes[3]).toMatchObject({ position: 2 });

    const confirmation = emailsTo(db, "personnea1@example.org");
    expect(confirmation).toHaveLength(1);
    expect(confirmation[0]!.kind).toBe("registration.confirmed");
    expect(confirmation[0]!.icsMethod).toBe("REQUEST");
    expect(confirmation[0]!.text).toContain("/inscription/");
    const invite = parseInvite(confirmation[0]!.ics!);
    expect(invite).toMatchObject({ method: "REQUEST", sequence: 0 });
    expect(invite.attendee).toBe("mailto:personnea1@example.org");

    const waitlisted = emailsTo(db, "personnea3@example.org");
    expect(waitlisted).toHaveLength(1);
    expect(waitlisted[0]!.kind).toBe("registration.waitlisted");
    expect(waitlisted[0]!.ics).toBeNull();
    expect(waitlisted[0]!.text).toContain("1re position");
  });

  it("answers a second registration with the same email kindly: no new row, the link re-sent once", () => {
    const edition = createEdition(db, now);
    const first = register(db, ctx, edition.slug, person("double"), now);
    expect(first.outcome).toBe("confirmed");
    const again = register(db, ctx, edition.slug, person("double", { email: "PersonneDouble@Example.org " }), now);
    expect(again).toEqual({ outcome: "already_registered" });
    register(db, ctx, edition.slug, person("double"), new Date(now.getTime() + 60_000));
    const rows = db.select().from(registrations).where(eq(registrations.editionId, edition.id)).all();
    expect(rows).toHaveLength(1);
    const sent = emailsTo(db, "personnedouble@example.org");
    expect(sent.map((e) => e.kind)).toEqual(["registration.confirmed", "registration.link"]);
    // The re-sent link is the same private link as in the confirmation.
    if (first.outcome !== "confirmed") return;
    expect(sent[1]!.text).toContain(`/inscription/${first.token}`);
  });

  it("refuses when the window is not open, is over, or the edition is cancelled, unknown or a draft", () => {
    const later = createEdition(db, now, { registrationOpensAt: new Date(now.getTime() + DAY) });
    expect(register(db, ctx, later.slug, person("b1"), now)).toEqual({ outcome: "closed", reason: "not_yet_open" });
    const over = createEdition(db, now, { registrationClosesAt: new Date(now.getTime() - 1000) });
    expect(register(db, ctx, over.slug, person("b2"), now)).toEqual({ outcome: "closed", reason: "window_over" });
    const cancelled = createEdition(db, now, { status: "cancelled" });
    expect(register(db, ctx, cancelled.slug, person("b3"), now)).toEqual({ outcome: "closed", reason: "cancelled" });
    const draft = createEdition(db, now, { status: "draft" });
    expect(register(db, ctx, draft.slug, person("b4"), now)).toEqual({ outcome: "closed", reason: "not_found" });
    expect(register(db, ctx, "n-existe-pas", person("b5"), now)).toEqual({ outcome: "closed", reason: "not_found" });
    expect(
      db.select({ n: count() }).from(registrations).where(eq(registrations.email, "personneb1@example.org")).get()!.n,
    ).toBe(0);
  });

  it("refuses when full and the waiting list is off", () => {
    const edition = createEdition(db, now, { capacity: 1, waitlistEnabled: false });
    expect(register(db, ctx, edition.slug, person("c1"), now).outcome).toBe("confirmed");
    expect(register(db, ctx, edition.slug, person("c2"), now)).toEqual({ outcome: "closed", reason: "full" });
  });
});

describe("cancelling and the waiting list", () => {
  it("removes the event with METHOD:CANCEL and the same UID, and confirms the first person waiting", () => {
    const edition = createEdition(db, now, { capacity: 1 });
    const seated = register(db, ctx, edition.slug, person("d1"), now);
    const waiting1 = register(db, ctx, edition.slug, person("d2"), now);
    const waiting2 = register(db, ctx, edition.slug, person("d3"), now);
    if (seated.outcome !== "confirmed" || waiting1.outcome !== "waitlisted" || waiting2.outcome !== "waitlisted") {
      throw new Error("unexpected outcomes");
    }
    const result = cancelRegistration({ db, mail: ctx, actor: organiser, now }, seated.registrationId);
    expect(result).toEqual({ cancelled: true, promoted: 1 });

    const [confirmation, cancellation] = emailsTo(db, "personned1@example.org");
    const original = parseInvite(confirmation!.ics!);
    const cancel = parseInvite(cancellation!.ics!);
    expect(cancel.method).toBe("CANCEL");
    expect(cancel.status).toBe("CANCELLED");
    expect(cancel.uid).toBe(original.uid);
    expect(cancel.sequence).toBeGreaterThan(original.sequence);

    expect(registrationRow(waiting1.registrationId).status).toBe("confirmed");
    expect(registrationRow(waiting2.registrationId).status).toBe("waitlisted");
    expect(waitlistPosition(db, registrationRow(waiting2.registrationId))).toBe(1);
    const promoted = emailsTo(db, "personned2@example.org").at(-1)!;
    expect(promoted.kind).toBe("registration.promoted");
    expect(parseInvite(promoted.ics!).method).toBe("REQUEST");
    // The promotion email carries the same private link as the waiting-list email.
    expect(promoted.text).toContain(`/inscription/${waiting1.token}`);
  });

  it("does not promote anyone when a waiting person leaves, and sends them no invite", () => {
    const edition = createEdition(db, now, { capacity: 1 });
    register(db, ctx, edition.slug, person("e1"), now);
    const waiting = register(db, ctx, edition.slug, person("e2"), now);
    if (waiting.outcome !== "waitlisted") throw new Error("expected waitlisted");
    expect(cancelRegistration({ db, mail: ctx, actor: organiser, now }, waiting.registrationId)).toEqual({
      cancelled: true,
      promoted: 0,
    });
    const last = emailsTo(db, "personnee2@example.org").at(-1)!;
    expect(last.kind).toBe("registration.cancelled");
    expect(last.ics).toBeNull();
    expect(cancelRegistration({ db, mail: ctx, actor: organiser, now }, waiting.registrationId).cancelled).toBe(false);
  });

  it("lets a person register again after cancelling", () => {
    const edition = createEdition(db, now);
    const first = register(db, ctx, edition.slug, person("f1"), now);
    if (first.outcome !== "confirmed") throw new Error("expected confirmed");
    cancelRegistration({ db, mail: ctx, actor: organiser, now }, first.registrationId);
    expect(register(db, ctx, edition.slug, person("f1"), now).outcome).toBe("confirmed");
  });

  it("confirms waiting people in order when the capacity goes up, and refuses to go below the confirmed count", () => {
    const edition = createEdition(db, now, { capacity: 1 });
    const ids = [1, 2, 3, 4].map((n) => register(db, ctx, edition.slug, person(`g${n}`), now));
    expect(changeCapacity({ db, mail: ctx, actor: organiser, now }, edition.id, 3)).toEqual({ promoted: 2 });
    const statuses = ids.map((o) => ("registrationId" in o ? registrationRow(o.registrationId).status : null));
    expect(statuses).toEqual(["confirmed", "confirmed", "confirmed", "waitlisted"]);
    expect(() => changeCapacity({ db, mail: ctx, actor: organiser, now }, edition.id, 2)).toThrow(CapacityError);
  });
});

describe("private link", () => {
  it("finds the registration by its token only", () => {
    const edition = createEdition(db, now);
    const outcome = register(db, ctx, edition.slug, person("h1"), now);
    if (outcome.outcome !== "confirmed") throw new Error("expected confirmed");
    expect(outcome.token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(findRegistrationByToken(db, outcome.token)?.id).toBe(outcome.registrationId);
    const altered = `${outcome.token.slice(0, 5)}${outcome.token[5] === "x" ? "y" : "x"}${outcome.token.slice(6)}`;
    expect(findRegistrationByToken(db, altered)).toBeNull();
    expect(findRegistrationByToken(db, "court")).toBeNull();
    expect(findRegistrationByToken(db, "' or 1=1 --")).toBeNull();
    const stored = registrationRow(outcome.registrationId);
    expect(stored.tokenHash).not.toContain(outcome.token);
    expect(stored.tokenSealed).not.toContain(outcome.token);
  });

  it("corrects details but not the email, and gives the current invite", () => {
    const edition = createEdition(db, now);
    const outcome = register(db, ctx, edition.slug, person("i1"), now);
    if (outcome.outcome !== "confirmed") throw new Error("expected confirmed");
    updateRegistrationDetails(db, outcome.registrationId, { ...person("i1"), firstName: "Inès", meal: false }, now);
    const row = registrationRow(outcome.registrationId);
    expect(row).toMatchObject({ firstName: "Inès", meal: false, email: "personnei1@example.org" });
    const ics = currentInvite(db, ctx, row, outcome.token)!;
    expect(parseInvite(ics).attendee).toBe("mailto:personnei1@example.org");
  });

  it("re-sends a lost link without telling whether the address is registered", () => {
    const edition = createEdition(db, now);
    register(db, ctx, edition.slug, person("j1"), now);
    const before = outbox(db).length;
    resendPrivateLink(db, ctx, edition.slug, "inconnue@example.org", now);
    expect(outbox(db).length).toBe(before);
    resendPrivateLink(db, ctx, edition.slug, "PERSONNEJ1@example.org", now);
    resendPrivateLink(db, ctx, edition.slug, "personnej1@example.org", now);
    expect(emailsTo(db, "personnej1@example.org").map((e) => e.kind)).toEqual([
      "registration.confirmed",
      "registration.link",
    ]);
  });
});

describe("changes to the edition", () => {
  it("sends every confirmed person an updated invite with what changed, same UID, higher SEQUENCE", () => {
    const edition = createEdition(db, now, { capacity: 2 });
    const a = register(db, ctx, edition.slug, person("k1"), now);
    register(db, ctx, edition.slug, person("k2"), now);
    register(db, ctx, edition.slug, person("k3"), now); // waiting list: no invite
    const newStart = new Date(edition.startsAt.getTime() + 7 * DAY + 3_600_000);
    const result = updateEditionLogistics({ db, mail: ctx, actor: organiser, now }, edition.id, {
      startsAt: newStart,
      endsAt: new Date(newStart.getTime() + 6 * 3_600_000),
    });
    expect(result.notified).toBe(2);
    expect(result.changes.some((c) => c.startsWith("Date\u00a0:"))).toBe(true);
    expect(result.changes.some((c) => c.startsWith("Horaires\u00a0:"))).toBe(true);
    const [first, update] = emailsTo(db, "personnek1@example.org");
    expect(update!.kind).toBe("edition.changed");
    const before = parseInvite(first!.ics!);
    const after = parseInvite(update!.ics!);
    expect(after.uid).toBe(before.uid);
    expect(after.sequence).toBe(before.sequence + 1);
    expect(after.start.toJSDate().getTime()).toBe(newStart.getTime());
    expect(update!.text).toContain("Date");
    expect(emailsTo(db, "personnek3@example.org").map((e) => e.kind)).toEqual(["registration.waitlisted"]);
    expect(db.select().from(editions).where(eq(editions.id, edition.id)).get()!.sequence).toBe(1);

    // A cancel after the update must outrank it.
    if (a.outcome !== "confirmed") throw new Error("expected confirmed");
    cancelRegistration({ db, mail: ctx, actor: organiser, now }, a.registrationId);
    const cancel = parseInvite(emailsTo(db, "personnek1@example.org").at(-1)!.ics!);
    expect(cancel.sequence).toBeGreaterThan(after.sequence);
  });

  it("sends nothing when nothing an invite shows has changed", () => {
    const edition = createEdition(db, now);
    register(db, ctx, edition.slug, person("l1"), now);
    const before = outbox(db).length;
    expect(
      updateEditionLogistics({ db, mail: ctx, actor: organiser, now }, edition.id, { title: edition.title }),
    ).toEqual({
      changes: [],
      notified: 0,
    });
    expect(outbox(db).length).toBe(before);
  });

  it("describes a title and venue change in French", () => {
    const edition = createEdition(db, now);
    const venue = {
      id: 1,
      name: "Salle A",
      address: null,
      postcode: "95000",
      city: "Cergy",
      access: null,
      accessibility: null,
      createdAt: now,
      updatedAt: now,
    };
    const changes = describeChanges(
      { edition, venue },
      { edition: { ...edition, title: "Nouveau titre" }, venue: { ...venue, name: "Salle B" } },
    );
    expect(changes).toEqual([
      `Titre\u00a0: «\u00a0Nouveau titre\u00a0» (au lieu de «\u00a0${edition.title}\u00a0»)`,
      "Lieu\u00a0: Salle B, 95000 Cergy (au lieu de Salle A, 95000 Cergy)",
    ]);
  });

  it("cancels the edition for everyone: METHOD:CANCEL to the confirmed, a message to those waiting", () => {
    const edition = createEdition(db, now, { capacity: 1 });
    register(db, ctx, edition.slug, person("m1"), now);
    register(db, ctx, edition.slug, person("m2"), now);
    expect(cancelEdition({ db, mail: ctx, actor: organiser, now }, edition.id)).toEqual({ notified: 2 });
    const confirmedMail = emailsTo(db, "personnem1@example.org").at(-1)!;
    expect(confirmedMail.kind).toBe("edition.cancelled");
    expect(parseInvite(confirmedMail.ics!).method).toBe("CANCEL");
    const waitingMail = emailsTo(db, "personnem2@example.org").at(-1)!;
    expect(waitingMail.kind).toBe("edition.cancelled");
    expect(waitingMail.ics).toBeNull();
    expect(cancelEdition({ db, mail: ctx, actor: organiser, now }, edition.id)).toEqual({ notified: 0 });
    expect(register(db, ctx, edition.slug, person("m3"), now)).toEqual({ outcome: "closed", reason: "cancelled" });
  });
});

describe("outbox atomicity", () => {
  it("writes no registration when its email cannot be written, and no email without a registration", () => {
    const edition = createEdition(db, now);
    const rowsBefore = db.select({ n: count() }).from(registrations).get()!.n;
    const emailsBefore = db.select({ n: count() }).from(emails).get()!.n;
    db.$client.exec(
      "create trigger refuse_email before insert on emails begin select raise(abort, 'outbox unavailable'); end;",
    );
    try {
      expect(() => register(db, ctx, edition.slug, person("n1"), now)).toThrow(/outbox unavailable/);
    } finally {
      db.$client.exec("drop trigger refuse_email");
    }
    expect(db.select({ n: count() }).from(registrations).get()!.n).toBe(rowsBefore);
    expect(db.select({ n: count() }).from(emails).get()!.n).toBe(emailsBefore);
  });
});
