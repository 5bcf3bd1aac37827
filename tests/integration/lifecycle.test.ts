import fs from "node:fs";
import { parseWithZod } from "@conform-to/zod/v4";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, editions, registrations } from "#db/schema.ts";
import { createUser } from "#app/domain/accounts/users.server.ts";
import { issueCertificate, sendCertificateEmails } from "#app/domain/certificates/certificates.server.ts";
import { invitationSummary, sendSurveyInvitations } from "#app/domain/survey/survey.server.ts";
import {
  cancelEdition,
  saveEdition,
  updateEditionLogistics,
} from "#app/domain/edition-changes/edition-changes.server.ts";
import { setEditionStatus } from "#app/domain/editions/admin.server.ts";
import {
  checkInWindow,
  editionPhase,
  organiserMay,
  ORGANISER_RULES,
  PHASES,
  registrantMay,
  REGISTRANT_RULES,
  type OrganiserAction,
  type Phase,
  type RegistrantAction,
  type RegistrantState,
} from "#app/domain/editions/lifecycle.ts";
import { eraseRegistration, registrationDataExport } from "#app/domain/privacy/privacy.server.ts";
import {
  confirmFromWaitlist,
  registrationActionsNow,
  resendConfirmation,
} from "#app/domain/registrations/admin.server.ts";
import { setPresence } from "#app/domain/registrations/check-in.server.ts";
import { badgesPdf, registrationsCsv } from "#app/domain/registrations/exports.server.ts";
import { participatingOrganisations } from "#app/domain/registrations/network.server.ts";
import {
  cancelRegistration,
  changeCapacity,
  currentInvite,
  register,
  registerOnSite,
  registrantStanding,
  updateRegistrationDetails,
} from "#app/domain/registrations/registrations.server.ts";
import { walkInSchema } from "#app/forms/walk-in.ts";
import { parisDateString, parisTimeString } from "#app/lib/time.ts";
import { createEdition, ctx, DAY, HOUR, outbox, person, walkIn } from "#tests/support/fixtures.ts";
import { tempDb } from "#tests/support/temp-db.ts";

const { db } = tempDb();
const user = await createUser(db, {
  email: "orga@siao95.example",
  name: "Orga",
  role: "organiser",
  password: "un mot de passe assez long",
});
const organiser = { userId: user.id, ip: "127.0.0.1" };
const registrant = { userId: null, ip: "127.0.0.1" };

/** The clock of every scenario: a Tuesday morning, winter time in Paris. */
const NOW = new Date("2026-03-10T10:00:00Z");
/** What the organiser and the registrant do, they do at NOW. */
const byOrganiser = { db, mail: ctx, actor: organiser, now: NOW };
const byRegistrant = { db, mail: ctx, actor: registrant, now: NOW };

type Edition = typeof editions.$inferSelect;
type Built = { edition: Edition; registrationId: number | null };
let serial = 0;

/**
 * A real edition in `phase` at NOW, and (unless `state` is « none ») one registration in `state`,
 * reached through the domain's own functions: registered while registrations were open, put on
 * the waiting list by a full room, cancelled by its holder, checked in at the door.
 */
function build(phase: Phase, state: RegistrantState): Built {
  serial++;
  const started = phase === "under_way" || phase === "held" || phase === "archived";
  const startsAt = started
    ? new Date(NOW.getTime() - (phase === "under_way" ? 2 * HOUR : phase === "held" ? DAY : 30 * DAY))
    : new Date(NOW.getTime() + 60 * DAY);
  const registeredAt = new Date(startsAt.getTime() - 40 * DAY);
  const edition = createEdition(db, registeredAt, {
    slug: `cycle-${serial}`,
    capacity: 1,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 7 * HOUR),
    registrationOpensAt: new Date(registeredAt.getTime() - DAY),
    registrationClosesAt: new Date(startsAt.getTime() - 5 * DAY),
  });
  let registrationId: number | null = null;
  if (state !== "none") {
    const first = register(db, ctx, edition.slug, person(`${serial}a`), registeredAt);
    if (!("registrationId" in first)) throw new Error("fixture: first registration failed");
    registrationId = first.registrationId;
    if (state === "waitlisted" || state === "cancelled") {
      const second = register(db, ctx, edition.slug, person(`${serial}b`), registeredAt);
      if (second.outcome !== "waitlisted") throw new Error("fixture: no waiting list");
      registrationId = second.registrationId;
      // A free seat, so that confirming from the waiting list is refused by the phase only.
      db.update(editions).set({ capacity: 2 }).where(eq(editions.id, edition.id)).run();
    }
    if (state === "cancelled")
      cancelRegistration({ db, mail: ctx, actor: registrant, now: registeredAt }, registrationId);
    if (state === "present") setPresence({ db, actor: organiser, now: startsAt }, edition.id, registrationId, true);
  }
  const windows: Partial<Edition> = {
    draft: { status: "draft" as const },
    announced: { registrationOpensAt: new Date(NOW.getTime() + 5 * DAY) },
    open: { registrationOpensAt: new Date(NOW.getTime() - DAY), registrationClosesAt: new Date(NOW.getTime() + DAY) },
    closed: {
      registrationOpensAt: new Date(NOW.getTime() - 10 * DAY),
      registrationClosesAt: new Date(NOW.getTime() - DAY),
    },
    under_way: {},
    held: { status: "held" as const },
    archived: { status: "archived" as const },
    cancelled: { status: "cancelled" as const },
  }[phase];
  const updated = db
    .update(editions)
    .set({ ...windows, updatedAt: NOW })
    .where(eq(editions.id, edition.id))
    .returning()
    .get();
  expect(editionPhase(updated, NOW)).toBe(phase);
  return { edition: updated, registrationId };
}

const row = (id: number) => db.select().from(registrations).where(eq(registrations.id, id)).get()!;

/** Runs a domain call; a refusal is an exception, or an answer that says nothing was done. */
function attempt(run: () => boolean | void): boolean {
  try {
    return run() !== false;
  } catch {
    return false;
  }
}

/** Which states each phase can really hold (a draft never had a live registration). */
function statesOf(phase: Phase): RegistrantState[] {
  if (phase === "draft") return ["none", "cancelled"];
  if (phase === "under_way" || phase === "held" || phase === "archived")
    return ["none", "present", "absent", "waitlisted", "cancelled"];
  return ["none", "confirmed", "waitlisted", "cancelled"];
}

const details = { ...person("x"), firstName: "Corrigé" } as const;
const { email: _email, ...detailsInput } = details;

/** Each registrant action, done through the real domain function a page or a route calls. */
const REGISTRANT_PROBES: Record<Exclude<RegistrantAction, "correct_email" | "hand_over">, (b: Built) => boolean> = {
  register: ({ edition }) => {
    const outcome = register(db, ctx, edition.slug, person(`new-${serial}`), NOW);
    return outcome.outcome === "confirmed" || outcome.outcome === "waitlisted";
  },
  correct_details: ({ registrationId }) =>
    attempt(() => {
      updateRegistrationDetails(db, registrationId!, detailsInput, NOW);
      return row(registrationId!).firstName === "Corrigé";
    }),
  cancel: ({ registrationId }) => attempt(() => cancelRegistration(byRegistrant, registrationId!).cancelled),
  download_invite: ({ registrationId }) => currentInvite(db, ctx, row(registrationId!), "token", NOW) !== null,
  see_after_the_day: ({ registrationId }) => registrantStanding(db, row(registrationId!), NOW).afterTheDay,
  own_data: ({ registrationId }) =>
    registrationDataExport(db, registrationId!) !== null && eraseRegistration(byRegistrant, registrationId!),
};
/** Owned by the hand-over work (issue 17): their probes join this table with their functions. */
const REGISTRANT_PENDING: RegistrantAction[] = ["correct_email", "hand_over"];

function editionForm(edition: Edition, summary: string) {
  const local = (value: Date | null) => (value ? `${parisDateString(value)}T${parisTimeString(value)}` : undefined);
  return {
    title: edition.title,
    subtitle: null,
    themeIds: [],
    newTheme: null,
    date: parisDateString(edition.startsAt),
    startTime: parisTimeString(edition.startsAt),
    endTime: parisTimeString(edition.endsAt),
    venueId: edition.venueId!,
    newVenueName: null,
    newVenueAddress: null,
    newVenuePostcode: "",
    newVenueCity: null,
    newVenueAccess: null,
    newVenueAccessibility: null,
    summary,
    objectives: null,
    capacity: edition.capacity,
    waitlistEnabled: true,
    registrationOpensAt: local(edition.registrationOpensAt),
    registrationClosesAt: local(edition.registrationClosesAt),
    contributionsOpensAt: undefined,
    contributionsClosesAt: undefined,
    signatoryName: null,
    signatoryRole: null,
  };
}

const statusOf = (edition: Edition) => db.select().from(editions).where(eq(editions.id, edition.id)).get()!.status;

/**
 * Each organiser action through its domain function. Checking in and marking present or absent
 * are one function (`setPresence`): at check-in time it is check-in, afterwards a correction.
 */
/** Check-in and marking present are one function: the probe flips the person's presence. */
const togglePresence = ({ edition, registrationId }: Built) =>
  attempt(() => setPresence(byOrganiser, edition.id, registrationId!, row(registrationId!).checkedInAt === null));
const ORGANISER_PROBES: Record<Exclude<OrganiserAction, "edit_programme">, (b: Built) => boolean> = {
  edit_edition: ({ edition }) =>
    attempt(() => {
      saveEdition(byOrganiser, edition.id, editionForm(edition, "Nouveau résumé"));
      return db.select().from(editions).where(eq(editions.id, edition.id)).get()!.summary === "Nouveau résumé";
    }),
  change_logistics: ({ edition }) =>
    attempt(() => updateEditionLogistics(byOrganiser, edition.id, { title: "Autre titre" }).changes.length > 0),
  change_capacity: ({ edition }) => attempt(() => void changeCapacity(byOrganiser, edition.id, 10)),
  publish: ({ edition }) => attempt(() => void setEditionStatus(byOrganiser, edition.id, "published")),
  cancel_edition: ({ edition }) =>
    attempt(() => {
      const before = statusOf(edition);
      cancelEdition(byOrganiser, edition.id);
      return before !== "cancelled" && statusOf(edition) === "cancelled";
    }),
  cancel_registration: ({ registrationId }) =>
    attempt(() => cancelRegistration(byOrganiser, registrationId!).cancelled),
  confirm_from_waitlist: ({ edition, registrationId }) =>
    attempt(() => confirmFromWaitlist(byOrganiser, edition.id, registrationId!)),
  resend_confirmation: ({ edition, registrationId }) =>
    attempt(() => {
      const before = outbox(db).length;
      resendConfirmation(byOrganiser, edition.id, registrationId!);
      return outbox(db).length === before + 1;
    }),
  check_in: togglePresence,
  walk_in: ({ edition }) =>
    attempt(() => registerOnSite(byOrganiser, edition.id, walkIn(`door-${serial}`)).outcome === "confirmed"),
  mark_presence: togglePresence,
  mark_held: ({ edition }) => attempt(() => void setEditionStatus(byOrganiser, edition.id, "held")),
  issue_certificates: ({ edition, registrationId }) =>
    attempt(() => issueCertificate(byOrganiser, edition.id, registrationId!).created),
  archive: ({ edition }) => attempt(() => void setEditionStatus(byOrganiser, edition.id, "archived")),
};
/** Programme editing belongs to the programme work (issue 17); its probe joins with it. */
const ORGANISER_PENDING: OrganiserAction[] = ["edit_programme"];

/**
 * What the domain should answer, from the rules and the edition's own check-in window at NOW;
 * `setPresence` answers for both of its rows.
 */
function organiserExpected(action: OrganiserAction, phase: Phase, state: RegistrantState, edition: Edition): boolean {
  const clock = { edition, now: NOW };
  if (action === "check_in" || action === "mark_presence") {
    return organiserMay("check_in", phase, state, clock) || organiserMay("mark_presence", phase, state);
  }
  return organiserMay(action, phase, state, clock);
}

describe("the lifecycle tables, in the domain", () => {
  for (const action of Object.keys(REGISTRANT_RULES) as RegistrantAction[]) {
    if (REGISTRANT_PENDING.includes(action)) continue;
    describe(`registrant: ${action}`, () => {
      for (const phase of PHASES) {
        for (const state of statesOf(phase)) {
          // Registering is done without a registration; every other action needs one.
          if ((action === "register") !== (state === "none")) continue;
          const expected = registrantMay(action, phase, state);
          it(`${expected ? "allows" : "refuses"} it when ${phase}, ${state}`, () => {
            const probe = REGISTRANT_PROBES[action as keyof typeof REGISTRANT_PROBES];
            expect(probe(build(phase, state))).toBe(expected);
          });
        }
      }
    });
  }

  for (const action of Object.keys(ORGANISER_RULES) as OrganiserAction[]) {
    if (ORGANISER_PENDING.includes(action)) continue;
    const onEdition = (ORGANISER_RULES[action].states as readonly string[]).includes("none");
    describe(`organiser: ${action}`, () => {
      for (const phase of PHASES) {
        for (const state of statesOf(phase)) {
          if (onEdition !== (state === "none")) continue;
          it(`as the table says when ${phase}, ${state}`, () => {
            const probe = ORGANISER_PROBES[action as keyof typeof ORGANISER_PROBES];
            const built = build(phase, state);
            expect(probe(built)).toBe(organiserExpected(action, phase, state, built.edition));
          });
        }
      }
    });
  }

  it("leaves out only the actions that other work on issue 17 brings", () => {
    expect(Object.keys(REGISTRANT_RULES).filter((a) => !(a in REGISTRANT_PROBES))).toEqual(REGISTRANT_PENDING);
    expect(Object.keys(ORGANISER_RULES).filter((a) => !(a in ORGANISER_PROBES))).toEqual(ORGANISER_PENDING);
  });
});

describe("docs/lifecycle.md and the rules say the same", () => {
  const doc = fs.readFileSync(new URL("../../docs/lifecycle.md", import.meta.url), "utf8");
  /** Rows of the table under `heading`: the action's text, and the phases ticked. */
  function table(heading: string): Map<string, Phase[]> {
    const section = doc.split(heading)[1]!.split("\n## ")[0]!;
    const rows = new Map<string, Phase[]>();
    for (const line of section.split("\n")) {
      const cells = line.split("|").slice(1, -1);
      const label = cells[0]?.trim() ?? "";
      if (cells.length !== PHASES.length + 1 || label === "action" || label.startsWith("---")) continue;
      if (cells[1]!.includes("check-in time only")) continue;
      const ticked = PHASES.filter((_phase, i) => cells[i + 1]!.includes("✓"));
      rows.set(cells[0]!.trim(), ticked);
    }
    return rows;
  }

  it("for registrants", () => {
    const rows = table("## What a registrant may do");
    const fromRules = new Map(Object.values(REGISTRANT_RULES).map((rule) => [rule.doc, [...rule.phases]]));
    expect(Object.fromEntries(fromRules)).toEqual(Object.fromEntries(rows));
  });

  it("for organisers (check-in time is a window, checked below)", () => {
    const rows = table("## What organisers may do");
    const fromRules = new Map(
      Object.values(ORGANISER_RULES)
        .filter((rule) => !("checkInTime" in rule))
        .map((rule) => [rule.doc, [...rule.phases]]),
    );
    expect(Object.fromEntries(fromRules)).toEqual(Object.fromEntries(rows));
    expect(doc).toContain(`| ${ORGANISER_RULES.check_in.doc} | check-in time only |`);
  });
});

describe("after the start, a registration is a record of the day", () => {
  it("refuses « Me désinscrire » once the edition has started, and the day's counts stay", () => {
    const { edition, registrationId } = build("held", "present");
    const before = participatingOrganisations(db, edition.id);
    expect(before.reduce((n, group) => n + group.people, 0)).toBe(1);
    expect(issueCertificate(byOrganiser, edition.id, registrationId!).created).toBe(true);
    expect(() => cancelRegistration(byRegistrant, registrationId!)).toThrow(
      "L’édition a commencé\u00a0: il n’est plus possible de se désinscrire.",
    );
    expect(row(registrationId!).status).toBe("confirmed");
    expect(registrantStanding(db, row(registrationId!), NOW)).toMatchObject({
      state: "present",
      cancel: false,
      afterTheDay: true,
    });
    // Erasing is still the person's right; the anonymous presence stays in the day's counts.
    expect(eraseRegistration(byRegistrant, registrationId!)).toBe(true);
    expect(row(registrationId!)).toMatchObject({ status: "confirmed", firstName: "(effacé)" });
    expect(participatingOrganisations(db, edition.id).reduce((n, group) => n + group.people, 0)).toBe(1);
  });

  it("offers organisers the list's cancel and confirm buttons only before the start, resending until the day ends", () => {
    const actionsIn = (phase: Phase) => registrationActionsNow(db, build(phase, "none").edition.id, NOW);
    expect(actionsIn("open")).toEqual({ cancel: true, confirm: true, resend: true });
    expect(actionsIn("under_way")).toEqual({ cancel: false, confirm: false, resend: true });
    expect(actionsIn("held")).toEqual({ cancel: false, confirm: false, resend: false });
  });

  it("closes the public form at the start: a newcomer is then a walk-in", () => {
    const { edition } = build("under_way", "none");
    expect(register(db, ctx, edition.slug, person("late"), NOW)).toEqual({
      outcome: "closed",
      reason: "edition_over",
    });
  });
});

describe("check-in time", () => {
  /** An edition on Thursday 16 October 2025, 9 h to 17 h in Paris (summer time, UTC+2). */
  function thursday() {
    const startsAt = new Date("2025-10-16T07:00:00Z");
    const edition = createEdition(db, new Date("2025-09-01T08:00:00Z"), {
      slug: `jeudi-${++serial}`,
      startsAt,
      endsAt: new Date("2025-10-16T15:00:00Z"),
      registrationOpensAt: new Date("2025-09-01T08:00:00Z"),
      registrationClosesAt: new Date("2025-10-10T08:00:00Z"),
    });
    const done = register(db, ctx, edition.slug, person(`jeudi-${serial}`), new Date("2025-09-02T08:00:00Z"));
    if (done.outcome !== "confirmed") throw new Error("fixture");
    return { edition, registrationId: done.registrationId };
  }

  it("opens at 00:00 Paris time the day before and closes at the end of the day", () => {
    const { edition } = thursday();
    expect(checkInWindow(edition)).toEqual({
      opensAt: new Date("2025-10-14T22:00:00Z"),
      closesAt: new Date("2025-10-16T22:00:00Z"),
    });
  });

  it("refuses a check-in ten months before the day, with a French message", () => {
    const { edition, registrationId } = thursday();
    expect(() =>
      setPresence({ db, actor: organiser, now: new Date("2024-12-16T09:00:00Z") }, edition.id, registrationId, true),
    ).toThrow(/L’accueil n’est pas ouvert/);
    expect(() =>
      setPresence({ db, actor: organiser, now: new Date("2025-10-14T21:59:00Z") }, edition.id, registrationId, true),
    ).toThrow(/L’accueil n’est pas ouvert/);
    expect(row(registrationId).checkedInAt).toBeNull();
    setPresence({ db, actor: organiser, now: new Date("2025-10-14T22:00:00Z") }, edition.id, registrationId, true);
    expect(row(registrationId).checkedInAt).toEqual(new Date("2025-10-14T22:00:00Z"));
  });

  it("takes walk-ins until the end of the day, then only once the edition is held", () => {
    const { edition } = thursday();
    expect(() =>
      registerOnSite(
        { db, mail: ctx, actor: organiser, now: new Date("2025-10-14T21:00:00Z") },
        edition.id,
        walkIn("tôt"),
      ),
    ).toThrow(/L’accueil n’est pas ouvert/);
    const late = new Date("2025-10-16T21:59:00Z");
    expect(registerOnSite({ db, mail: ctx, actor: organiser, now: late }, edition.id, walkIn("tard")).outcome).toBe(
      "confirmed",
    );
    const nextDay = new Date("2025-10-17T08:00:00Z");
    expect(() =>
      registerOnSite({ db, mail: ctx, actor: organiser, now: nextDay }, edition.id, walkIn("lendemain")),
    ).toThrow(/L’accueil n’est pas ouvert/);
    setEditionStatus({ db, actor: organiser, now: nextDay }, edition.id, "held");
    expect(registerOnSite({ db, mail: ctx, actor: organiser, now: nextDay }, edition.id, walkIn("oubli")).outcome).toBe(
      "confirmed",
    );
  });

  it("writes who marked someone absent, and when held, who corrected it", () => {
    const { edition, registrationId } = thursday();
    setPresence({ db, actor: organiser, now: new Date("2025-10-16T07:30:00Z") }, edition.id, registrationId, true);
    const evening = new Date("2025-10-17T10:00:00Z");
    setPresence({ db, actor: organiser, now: evening }, edition.id, registrationId, false);
    setEditionStatus({ db, actor: organiser, now: evening }, edition.id, "held");
    setPresence({ db, actor: organiser, now: new Date("2025-11-02T10:00:00Z") }, edition.id, registrationId, true);
    const entries = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "registration"), eq(auditLog.entityId, registrationId)))
      .all()
      .filter((entry) => entry.action.startsWith("registration.check_in"));
    expect(entries.map((entry) => [entry.action, entry.userId, JSON.parse(entry.details!).phase])).toEqual([
      ["registration.check_in", user.id, "under_way"],
      ["registration.check_in_undo", user.id, "under_way"],
      ["registration.check_in", user.id, "held"],
    ]);
  });
});

describe("a walk-in without an email address", () => {
  it("is registered present, gets no email, and every export and after-the-day path copes", async () => {
    const { edition } = build("under_way", "none");
    db.update(editions).set({ capacity: 10 }).where(eq(editions.id, edition.id)).run();
    const emailsBefore = outbox(db).length;
    const outcome = registerOnSite(byOrganiser, edition.id, walkIn("porte"));
    if (outcome.outcome !== "confirmed") throw new Error(`walk-in refused: ${outcome.outcome}`);
    const walkedIn = row(outcome.registrationId);
    expect(walkedIn).toMatchObject({ email: null, emailKey: null, status: "confirmed", checkedInAt: NOW });
    expect(outbox(db).length).toBe(emailsBefore);
    // A second walk-in without an address is another person, not a duplicate.
    const second = registerOnSite(byOrganiser, edition.id, walkIn("porte2"));
    expect(second.outcome).toBe("confirmed");
    expect(registrationsCsv(db, edition.id)).toContain("Nomporte;Prénomporte;;");
    expect(currentInvite(db, ctx, walkedIn, "token", NOW)).toBeNull();

    setEditionStatus(byOrganiser, edition.id, "held");
    expect(issueCertificate(byOrganiser, edition.id, walkedIn.id).created).toBe(true);
    expect(sendCertificateEmails(byOrganiser, edition.id)).toEqual({
      queued: 0,
      alreadySent: 0,
    });
    db.update(editions)
      .set({ surveyClosesAt: new Date(NOW.getTime() + 10 * DAY) })
      .where(eq(editions.id, edition.id))
      .run();
    expect(sendSurveyInvitations(byOrganiser, edition.id)).toEqual({ queued: 0 });
    expect(invitationSummary(db, edition.id).pending).toBe(0);
    expect(outbox(db).length).toBe(emailsBefore);
    expect(await badgesPdf(db, ctx, edition.id, NOW)).toBeInstanceOf(Uint8Array);
  });
});

describe("the walk-in form", () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(fields)) data.set(name, value);
    const submission = parseWithZod(data, { schema: walkInSchema });
    return { ...submission, error: submission.status === "error" ? submission.error : undefined };
  };
  const filled = {
    intent: "walk-in",
    firstName: "Awa",
    lastName: "Diallo",
    organisation: "115",
    structureType: "autre",
  };

  it("takes no email address, or a valid one", () => {
    expect(form({ ...filled, email: "" })).toMatchObject({ status: "success", value: { email: null } });
    expect(form({ ...filled, email: " awa@example.org " })).toMatchObject({ value: { email: "awa@example.org" } });
    expect(form({ ...filled, email: "awa@" }).error?.["email"]?.[0]).toContain("n’est pas valide");
  });

  it("needs a first name, a last name and an organisation", () => {
    const missing = form({ intent: "walk-in", structureType: "autre" });
    expect(missing.error).toMatchObject({
      firstName: ["Indiquez le prénom."],
      lastName: ["Indiquez le nom."],
      organisation: ["Indiquez la structure."],
    });
    expect(missing.error?.["email"]).toBeUndefined();
  });
});
