// A model-based random walk through an edition's life: long random sequences of what people and
// organisers do, run against the real domain on a real SQLite file and, side by side, against a
// small model of the rules of docs/lifecycle.md. After every step the database must agree with
// the model, and the invariants the issue names must hold.
import fc from "fast-check";
import { asc, desc, eq, isNotNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { certificates, editions, emails, registrations } from "#db/schema.ts";
import { issueAllCertificates } from "#app/domain/certificates/certificates.server.ts";
import { setEditionStatus } from "#app/domain/editions/admin.server.ts";
import { cancelEdition, updateEditionLogistics } from "#app/domain/edition-changes/edition-changes.server.ts";
import { eraseRegistration } from "#app/domain/privacy/privacy.server.ts";
import { setPresence } from "#app/domain/registrations/check-in.server.ts";
import { confirmEmailChange, requestEmailChange } from "#app/domain/registrations/email-change.server.ts";
import { handOverRegistration } from "#app/domain/registrations/handover.server.ts";
import { registerTeam } from "#app/domain/registrations/team.server.ts";
import {
  cancelRegistration,
  changeCapacity,
  register,
  registrationCounts,
} from "#app/domain/registrations/registrations.server.ts";
import { seatsAtAGlance } from "#app/domain/registrations/seats.server.ts";
import type { Actor } from "#app/domain/shared/actor.ts";
import type { RegistrationStatus } from "#app/domain/shared/vocabulary.ts";
import {
  createEdition,
  ctx,
  parseInvite,
  person,
  registrationsInOrder,
  withContent,
  type ParsedInvite,
} from "#tests/support/fixtures.ts";
import { tempDb } from "#tests/support/temp-db.ts";

const { db } = tempDb();

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ORGANISER: Actor = { userId: null, ip: "192.0.2.1" };
const REGISTRANT: Actor = { userId: null };
/** Few addresses, so that people register twice, come back after cancelling, and so on. */
const PEOPLE = 8;

type Action =
  | { kind: "register"; who: number }
  | { kind: "team"; who: number[] }
  | { kind: "handOver"; pick: number; to: number }
  | { kind: "changeEmail"; pick: number; to: number }
  | { kind: "cancel"; pick: number }
  | { kind: "capacity"; seats: number }
  | { kind: "move"; days: number }
  | { kind: "cancelEdition" }
  | { kind: "wait"; hours: number }
  | { kind: "checkIn"; pick: number; present: boolean }
  | { kind: "hold" }
  | { kind: "certificates" }
  | { kind: "erase"; pick: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("register" as const), who: fc.nat(PEOPLE - 1) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("team" as const),
      who: fc.array(fc.nat(PEOPLE - 1), { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("handOver" as const), pick: fc.nat(40), to: fc.nat(PEOPLE - 1) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("changeEmail" as const), pick: fc.nat(40), to: fc.nat(PEOPLE - 1) }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("cancel" as const), pick: fc.nat(40) }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("capacity" as const), seats: fc.integer({ min: 0, max: 6 }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("move" as const), days: fc.integer({ min: -20, max: 20 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: "cancelEdition" as const }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant("wait" as const), hours: fc.integer({ min: 1, max: 30 * 24 }) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant("checkIn" as const), pick: fc.nat(40), present: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "hold" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "certificates" as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("erase" as const), pick: fc.nat(40) }) },
);

/** Kept in arrival order (a place handed over keeps its rank), which is the order of promotion. */
type ModelRegistration = {
  id: number;
  email: string;
  status: RegistrationStatus;
  present: boolean;
  erased: boolean;
  /** Holds a certificate that was not revoked: marking the person absent is refused. */
  certified?: boolean;
};

type Model = {
  now: number;
  capacity: number;
  status: "published" | "cancelled" | "held";
  startsAt: number;
  endsAt: number;
  opensAt: number;
  closesAt: number;
  registrations: ModelRegistration[];
};

const confirmed = (model: Model) => model.registrations.filter((r) => r.status === "confirmed").length;
const started = (model: Model) => model.now >= model.startsAt;

/** 00:00 in Paris on the day before the start: the check-in window opens then. */
function checkInOpensAt(startsAt: number): number {
  const day = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Paris" }).format(new Date(startsAt - DAY));
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  const offset = new Date(midnightUtc).toLocaleString("sv-SE", { timeZone: "Europe/Paris" });
  return midnightUtc - (Date.parse(offset.replace(" ", "T") + "Z") - midnightUtc);
}

/** The kinds of action the domain accepted at least once: a walk that never hands over proves nothing about it. */
const accepted = new Set<Action["kind"]>();

function isLive(model: Model, email: string): boolean {
  return model.registrations.some((r) => r.email === email && r.status !== "cancelled" && !r.erased);
}

/** What a registrant may change from their private link: before the start of a published edition. */
function registrantMayChange(model: Model, target: ModelRegistration): boolean {
  return target.status !== "cancelled" && !target.erased && model.status === "published" && !started(model);
}

function windowOpen(model: Model): boolean {
  return model.status === "published" && model.now >= model.opensAt && model.now < model.closesAt && !started(model);
}

/** The confirmation link of an address change, as the new address receives it. */
function emailChangeToken(address: string): string {
  const row = db.select().from(emails).where(eq(emails.toAddress, address)).orderBy(desc(emails.id)).get();
  const sent = row && withContent(row);
  const token = /\/nouvelle-adresse\/([A-Za-z0-9_-]+)/.exec(sent?.text ?? "")?.[1];
  if (!token) throw new Error(`no address-change link sent to ${address}: ${sent?.text}`);
  return token;
}

/** Seats freed by a cancellation or a larger capacity go to the waiting list, first come first served. */
function promote(model: Model): void {
  if (model.status !== "published" || model.now >= model.endsAt) return;
  for (const waiting of model.registrations) {
    if (confirmed(model) >= model.capacity) return;
    if (waiting.status === "waitlisted") waiting.status = "confirmed";
  }
}

function pick(model: Model, index: number): ModelRegistration | undefined {
  if (model.registrations.length === 0) return undefined;
  return model.registrations[index % model.registrations.length];
}

/** Runs one action on the domain and on the model; the model says whether the rules allow it. */
function step(model: Model, editionId: number, slug: string, next: Action): void {
  const now = new Date(model.now);
  switch (next.kind) {
    case "register": {
      const outcome = register(db, ctx, slug, person(`m${next.who}`), now);
      const email = person(`m${next.who}`).email;
      const live = isLive(model, email);
      if (!windowOpen(model)) {
        expect(outcome.outcome).toBe("closed");
      } else if (live) {
        expect(outcome.outcome).toBe("already_registered");
      } else {
        const expected = confirmed(model) < model.capacity ? "confirmed" : "waitlisted";
        expect(outcome.outcome).toBe(expected);
        if (outcome.outcome === "confirmed" || outcome.outcome === "waitlisted") {
          accepted.add("register");
          model.registrations.push({
            id: outcome.registrationId,
            email,
            status: expected,
            present: false,
            erased: false,
          });
        }
      }
      return;
    }
    case "team": {
      const members = next.who.map((who) => person(`m${who}`));
      const outcome = registerTeam(
        db,
        ctx,
        slug,
        {
          organisation: "Équipe d’exemple",
          structureType: "hebergement",
          members: members.map(({ firstName, lastName, email, role }) => ({ firstName, lastName, email, role })),
        },
        now,
      );
      const emailsGiven = members.map((m) => m.email);
      if (!windowOpen(model)) {
        expect(outcome.outcome).toBe("closed");
      } else if (new Set(emailsGiven).size < emailsGiven.length || emailsGiven.some((e) => isLive(model, e))) {
        expect(outcome.outcome).toBe("emails_taken");
      } else {
        expect(outcome.outcome).toBe("registered");
        accepted.add("team");
        for (const email of emailsGiven) {
          const row = db
            .select()
            .from(registrations)
            .where(eq(registrations.emailKey, email))
            .orderBy(desc(registrations.id))
            .get()!;
          const expected = confirmed(model) < model.capacity ? "confirmed" : "waitlisted";
          expect(row.status).toBe(expected);
          model.registrations.push({ id: row.id, email, status: expected, present: false, erased: false });
        }
      }
      return;
    }
    case "handOver": {
      const target = pick(model, next.pick);
      if (!target) return;
      const colleague = person(`m${next.to}`);
      const outcome = handOverRegistration({ db, mail: ctx, actor: REGISTRANT, now }, target.id, {
        ...colleague,
        organisation: "Structure de la collègue",
      });
      if (!registrantMayChange(model, target)) {
        expect(outcome.outcome).toBe("not_allowed");
      } else if (isLive(model, colleague.email)) {
        expect(outcome.outcome).toBe("email_taken");
      } else {
        expect(outcome.outcome).toBe("handed_over");
        accepted.add("handOver");
        if (outcome.outcome !== "handed_over") return;
        const successor: ModelRegistration = {
          id: outcome.registrationId,
          email: colleague.email,
          status: target.status,
          present: false,
          erased: false,
        };
        target.status = "cancelled";
        model.registrations.splice(model.registrations.indexOf(target) + 1, 0, successor);
      }
      return;
    }
    case "changeEmail": {
      const target = pick(model, next.pick);
      if (!target) return;
      const address = person(`m${next.to}`).email;
      const requested = requestEmailChange(db, ctx, target.id, address, now);
      if (!registrantMayChange(model, target)) {
        expect(requested.outcome).toBe("not_allowed");
      } else if (address === target.email) {
        expect(requested.outcome).toBe("same_email");
      } else if (isLive(model, address)) {
        expect(requested.outcome).toBe("email_taken");
      } else {
        expect(requested.outcome).toBe("sent");
        const changed = confirmEmailChange({ db, mail: ctx, actor: REGISTRANT, now }, emailChangeToken(address));
        expect(changed.outcome).toBe("changed");
        accepted.add("changeEmail");
        target.email = address;
      }
      return;
    }
    case "cancel": {
      const target = pick(model, next.pick);
      if (!target) return;
      const allowed = target.status !== "cancelled" && model.status === "published" && !started(model);
      try {
        cancelRegistration({ db, mail: ctx, actor: REGISTRANT, now }, target.id);
      } catch {
        // A refusal is one of the allowed answers to a forbidden action; the state check below decides.
      }
      if (allowed) {
        accepted.add("cancel");
        const wasConfirmed = target.status === "confirmed";
        target.status = "cancelled";
        if (wasConfirmed) promote(model);
      }
      return;
    }
    case "capacity": {
      const allowed = model.status === "published" && !started(model) && next.seats >= confirmed(model);
      try {
        changeCapacity({ db, mail: ctx, actor: ORGANISER, now }, editionId, next.seats);
      } catch {
        // See above.
      }
      if (allowed) {
        accepted.add("capacity");
        model.capacity = next.seats;
        promote(model);
      }
      return;
    }
    case "move": {
      const startsAt = model.startsAt + next.days * DAY;
      const allowed = next.days !== 0 && model.status === "published" && !started(model) && startsAt > model.now;
      if (!allowed) return;
      updateEditionLogistics({ db, mail: ctx, actor: ORGANISER, now }, editionId, {
        startsAt: new Date(startsAt),
        endsAt: new Date(startsAt + 7 * HOUR),
      });
      accepted.add("move");
      model.startsAt = startsAt;
      model.endsAt = startsAt + 7 * HOUR;
      return;
    }
    case "cancelEdition": {
      const allowed = model.status === "published" && !started(model);
      if (!allowed) return;
      cancelEdition({ db, mail: ctx, actor: ORGANISER, now }, editionId);
      accepted.add("cancelEdition");
      model.status = "cancelled";
      return;
    }
    case "wait": {
      model.now += next.hours * HOUR;
      return;
    }
    case "checkIn": {
      const target = pick(model, next.pick);
      if (!target) return;
      // From the check-in window on, and then as a correction while under way or held.
      const inWindow =
        (model.status === "published" && model.now >= checkInOpensAt(model.startsAt)) || model.status === "held";
      const allowed =
        inWindow && target.status === "confirmed" && !target.erased && (next.present || !target.certified);
      try {
        setPresence({ db, actor: ORGANISER, now }, editionId, target.id, next.present);
      } catch {
        // See above.
      }
      if (allowed) {
        accepted.add("checkIn");
        target.present = next.present;
      }
      return;
    }
    case "hold": {
      if (model.status !== "published" || !started(model)) return;
      setEditionStatus({ db, actor: ORGANISER, now }, editionId, "held");
      accepted.add("hold");
      model.status = "held";
      return;
    }
    case "certificates": {
      if (model.status !== "held") return;
      issueAllCertificates({ db, actor: ORGANISER, now }, editionId);
      accepted.add("certificates");
      for (const registration of model.registrations) {
        if (registration.present && registration.status === "confirmed") registration.certified = true;
      }
      return;
    }
    case "erase": {
      const target = pick(model, next.pick);
      if (!target || target.erased) return;
      eraseRegistration({ db, mail: ctx, actor: REGISTRANT, now }, target.id);
      // Erasing frees the seat when the person could still have cancelled; otherwise the anonymous
      // trace keeps what it was, so the day's counts do not move.
      if (target.status !== "cancelled" && model.status === "published" && !started(model)) {
        const wasConfirmed = target.status === "confirmed";
        target.status = "cancelled";
        if (wasConfirmed) promote(model);
      }
      accepted.add("erase");
      target.erased = true;
      return;
    }
  }
}

// An email's invite never changes once queued: each is built and parsed once, not after every step.
const invitesSeen = new Map<number, ParsedInvite>();
function parsedInvite(email: typeof emails.$inferSelect): ParsedInvite {
  let parsed = invitesSeen.get(email.id);
  if (!parsed) {
    parsed = parseInvite(withContent(email).ics!);
    invitesSeen.set(email.id, parsed);
  }
  return parsed;
}

function checkInvariants(model: Model, editionId: number): void {
  const rows = registrationsInOrder(db, editionId);
  const edition = db.select().from(editions).where(eq(editions.id, editionId)).get()!;

  // The database says what the model says, registration by registration: statuses, presence,
  // and so the waiting list moved up in arrival order.
  const byId = [...model.registrations].sort((a, b) => a.id - b.id);
  expect(rows.map((r) => [r.id, r.status, r.checkedInAt !== null])).toEqual(
    byId.map((r) => [r.id, r.status, r.present]),
  );
  for (const [index, row] of rows.entries()) {
    if (!byId[index]!.erased) expect(row.email).toBe(byId[index]!.email);
  }
  expect(edition.capacity).toBe(model.capacity);
  expect(edition.status).toBe(model.status);

  // Never more confirmed people than seats.
  expect(rows.filter((r) => r.status === "confirmed").length).toBeLessThanOrEqual(edition.capacity);

  // No cancellation once the day has started.
  for (const row of rows) {
    if (row.cancelledAt) expect(row.cancelledAt.getTime()).toBeLessThan(edition.startsAt.getTime());
  }

  // One invite UID per registration, whose SEQUENCE never goes down from one email to the next.
  for (const row of rows) {
    const invites = db
      .select()
      .from(emails)
      .where(eq(emails.registrationId, row.id))
      .orderBy(asc(emails.id))
      .all()
      .filter((email) => email.icsMethod !== null && email.erasedAt === null)
      .map((email) => parsedInvite(email));
    expect(new Set(invites.map((invite) => invite.uid)).size).toBeLessThanOrEqual(1);
    const sequences = invites.map((invite) => invite.sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
  }

  // Certificates only for people present.
  const certified = db
    .select({ registrationId: certificates.registrationId })
    .from(certificates)
    .where(isNotNull(certificates.registrationId))
    .all()
    .map((c) => c.registrationId);
  for (const id of certified) {
    const row = rows.find((r) => r.id === id);
    if (row) expect(row.checkedInAt, `certificate for registration ${id}`).not.toBeNull();
  }

  // What the public pages count is what the database holds.
  const counts = registrationCounts(db, editionId);
  expect(counts.confirmed).toBe(confirmed(model));
  expect(counts.waitlisted).toBe(model.registrations.filter((r) => r.status === "waitlisted").length);
  const seats = seatsAtAGlance(db, editionId, new Date(model.now));
  if (seats?.kind === "left") expect(seats.seatsLeft).toBe(model.capacity - confirmed(model));
  if (seats && seats.kind !== "left") expect(confirmed(model)).toBeGreaterThanOrEqual(model.capacity);
}

describe("an edition's life, walked at random against a model of its rules", () => {
  it("keeps the database equal to the model and every invariant true after every step", () => {
    let run = 0;
    fc.assert(
      fc.property(fc.array(action, { minLength: 20, maxLength: 80 }), (actions) => {
        run++;
        const start = Date.UTC(2027, 2, 1, 8);
        const edition = createEdition(db, new Date(start), {
          slug: `vie-${run}`,
          capacity: 3,
          startsAt: new Date(start + 20 * DAY),
          endsAt: new Date(start + 20 * DAY + 7 * HOUR),
          registrationOpensAt: new Date(start - DAY),
          registrationClosesAt: new Date(start + 18 * DAY),
        });
        const model: Model = {
          now: start,
          capacity: 3,
          status: "published",
          startsAt: edition.startsAt.getTime(),
          endsAt: edition.endsAt.getTime(),
          opensAt: edition.registrationOpensAt!.getTime(),
          closesAt: edition.registrationClosesAt!.getTime(),
          registrations: [],
        };
        for (const next of actions) {
          step(model, edition.id, edition.slug, next);
          checkInvariants(model, edition.id);
        }
      }),
      { numRuns: 60 },
    );
    expect([...accepted].sort()).toEqual(
      [
        "cancel",
        "cancelEdition",
        "capacity",
        "certificates",
        "changeEmail",
        "checkIn",
        "erase",
        "handOver",
        "hold",
        "move",
        "register",
        "team",
      ].sort(),
    );
  }, 120_000);
});
