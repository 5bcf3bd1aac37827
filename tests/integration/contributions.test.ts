import { parseWithZod } from "@conform-to/zod/v4";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { contributions, contributionSpeakers, emails, persons, sessionPersons, users, venues } from "#db/schema.ts";
import { contributionDetail, editionsToReview, listContributions } from "#app/domain/contributions/admin.server.ts";
import {
  acceptContribution,
  ContributionError,
  declineContribution,
  findMatchingPerson,
  notifyDecisions,
  pendingDecisionCount,
  setLocked,
} from "#app/domain/contributions/decisions.server.ts";
import { reviewPanel, saveReview, scoreStats } from "#app/domain/contributions/reviews.server.ts";
import {
  contributionWindow,
  findContributionByToken,
  speakerRights,
  submitContribution,
  updateOwnContribution,
  withdrawOwnContribution,
  type ContributionInput,
} from "#app/domain/contributions/submissions.server.ts";
import { getPublicEdition } from "#app/domain/editions/editions.server.ts";
import { addSession, attachPerson } from "#app/domain/editions/programme.server.ts";
import { updateProgrammeItem } from "#app/domain/edition-changes/edition-changes.server.ts";
import { updateEditionLogistics, updateVenue } from "#app/domain/edition-changes/edition-changes.server.ts";
import { loadEdition } from "#app/domain/editions/editions.server.ts";
import { register } from "#app/domain/registrations/registrations.server.ts";
import { contributionDetailsSchema, contributionSchema } from "#app/forms/contribution.ts";
import { parisWallTimeToUtc } from "#app/lib/time.ts";
import { bareAddress, readWithIcalJs, readWithNodeIcal, readWithTsIcs } from "#tests/support/calendar-readers.ts";
import {
  createEdition,
  ctx,
  DAY,
  emailsTo,
  outbox,
  parseInvite,
  parisWallClock,
  person,
} from "#tests/support/fixtures.ts";
import { newSpeaker, programmeItem } from "#tests/support/inputs.ts";
import { tempDbAt } from "#tests/support/temp-db.ts";

const { db, now, noAccount: system } = tempDbAt("2027-01-10T10:00:00Z");
/** What the organisers do in these tests, done by no account at the file's instant. */
const bySystem = { db, mail: ctx, actor: system, now };

let counter = 0;

/** A published edition on Thursday 11 March 2027 (winter time), call open, with two tables rondes and a break. */
function editionWithCall(overrides: Parameters<typeof createEdition>[2] = {}) {
  const edition = createEdition(db, now, {
    startsAt: parisWallTimeToUtc("2027-03-11", "09:00")!,
    endsAt: parisWallTimeToUtc("2027-03-11", "16:30")!,
    contributionsOpensAt: new Date(now.getTime() - DAY),
    contributionsClosesAt: new Date(now.getTime() + 20 * DAY),
    ...overrides,
  });
  const slot = (kind: "table_ronde" | "pause", title: string, startTime: string, endTime: string) =>
    addSession({ db, actor: system, now: new Date() }, edition.id, programmeItem(kind, title, startTime, endTime));
  const tableRonde1 = slot("table_ronde", "Table ronde 1 — Repérer", "10:00", "12:00");
  const pause = slot("pause", "Pause", "12:00", "12:15");
  const tableRonde2 = slot("table_ronde", "Table ronde 2 — Héberger", "13:30", "15:30");
  return { edition, tableRonde1, tableRonde2, pause };
}

function proposal(overrides: Partial<ContributionInput> = {}): ContributionInput {
  counter++;
  return {
    name: `Awa Diallo ${counter}`,
    email: `awa${counter}@example.org`,
    role: "infirmière",
    organisation: "EMPP Val-d’Oise",
    coSpeakers: [],
    title: `Aller vers : la maraude santé ${counter}`,
    abstract: "Une équipe mobile psychiatrie précarité raconte deux ans de maraudes communes avec le 115.",
    format: "table_ronde",
    wishedSessionId: null,
    availability: null,
    ...overrides,
  };
}

function submitted(slug: string, input: ContributionInput = proposal(), at: Date = now) {
  const outcome = submitContribution(db, ctx, slug, input, at);
  if (outcome.outcome !== "submitted") throw new Error(`expected submitted, got ${JSON.stringify(outcome)}`);
  return outcome;
}

function row(id: number) {
  return db.select().from(contributions).where(eq(contributions.id, id)).get()!;
}

function createUser(role: "admin" | "organiser" | "reviewer", name: string, active = true) {
  counter++;
  return db
    .insert(users)
    .values({ email: `${role}${counter}@siao95.example`, name, role, passwordHash: "x", active })
    .returning()
    .get();
}

function formData(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.append(key, value);
  return data;
}

const validForm = {
  name: "Awa Diallo",
  email: "awa.diallo@example.org",
  role: "infirmière",
  organisation: "EMPP",
  title: "La maraude santé",
  abstract: "Deux ans de maraudes communes.",
  format: "atelier",
  notice: "on",
};

describe("the call for contributions window", () => {
  it("is open between its dates only, for a published edition that has not happened yet", () => {
    const base = createEdition(db, now, {
      contributionsOpensAt: new Date(now.getTime() - DAY),
      contributionsClosesAt: new Date(now.getTime() + DAY),
    });
    expect(contributionWindow(base, now)).toEqual({ state: "open", closesAt: base.contributionsClosesAt });
    expect(contributionWindow({ ...base, contributionsOpensAt: null, contributionsClosesAt: null }, now)).toEqual({
      state: "closed",
      reason: "not_planned",
    });
    expect(contributionWindow(base, new Date(now.getTime() - 2 * DAY))).toMatchObject({ state: "not_yet_open" });
    expect(contributionWindow(base, new Date(now.getTime() + DAY))).toEqual({ state: "closed", reason: "window_over" });
    expect(contributionWindow({ ...base, status: "cancelled" }, now)).toEqual({ state: "closed", reason: "cancelled" });
    // Without a closing date, the call ends when the edition starts.
    expect(contributionWindow({ ...base, contributionsClosesAt: null }, base.startsAt)).toEqual({
      state: "closed",
      reason: "window_over",
    });
  });

  it("refuses proposals outside the window, for drafts and for unknown editions, and writes nothing", () => {
    const over = editionWithCall({ contributionsClosesAt: new Date(now.getTime() - 1000) }).edition;
    const draft = editionWithCall({ status: "draft" }).edition;
    const cancelled = editionWithCall({ status: "cancelled" }).edition;
    const before = db.select().from(contributions).all().length;
    expect(submitContribution(db, ctx, over.slug, proposal(), now)).toEqual({
      outcome: "closed",
      reason: "window_over",
    });
    expect(submitContribution(db, ctx, draft.slug, proposal(), now)).toEqual({
      outcome: "closed",
      reason: "not_found",
    });
    expect(submitContribution(db, ctx, cancelled.slug, proposal(), now)).toEqual({
      outcome: "closed",
      reason: "cancelled",
    });
    expect(submitContribution(db, ctx, "n-existe-pas", proposal(), now)).toEqual({
      outcome: "closed",
      reason: "not_found",
    });
    expect(db.select().from(contributions).all()).toHaveLength(before);
  });
});

describe("submitting", () => {
  it("stores the proposal with its co-speakers, a hashed and sealed token, and emails the private link", () => {
    const { edition, tableRonde2 } = editionWithCall();
    const input = proposal({
      email: "  awa.diallo@example.org ",
      wishedSessionId: tableRonde2,
      coSpeakers: [
        { name: "Bruno Martin", role: "éducateur", organisation: "CHRS Les Tilleuls", email: "bruno@example.org" },
        { name: "Chloé Bernard", role: null, organisation: null, email: null },
      ],
      availability: "Pas disponible avant 10 h",
    });
    const outcome = submitted(edition.slug, input);
    expect(outcome.token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const stored = row(outcome.contributionId);
    expect(stored).toMatchObject({
      status: "submitted",
      submitterEmail: "awa.diallo@example.org",
      wishedSessionId: tableRonde2,
      inviteSequence: 0,
      consentAt: now,
    });
    // French spacing is applied once, when stored.
    expect(stored.title).toContain("Aller vers\u00a0: la maraude");
    expect(stored.tokenHash).not.toContain(outcome.token);
    expect(stored.tokenSealed).not.toContain(outcome.token);
    const speakers = db
      .select()
      .from(contributionSpeakers)
      .where(eq(contributionSpeakers.contributionId, outcome.contributionId))
      .all();
    expect(speakers.map((s) => [s.name, s.position])).toEqual([
      ["Bruno Martin", 1],
      ["Chloé Bernard", 2],
    ]);

    const [mail] = emailsTo(db, "awa.diallo@example.org");
    expect(mail!.kind).toBe("contribution.received");
    expect(mail!.contributionId).toBe(outcome.contributionId);
    expect(mail!.ics).toBeNull();
    expect(mail!.text).toContain(`http://cts.test/contribution/${outcome.token}`);
    expect(mail!.text).toContain("(intervention dans une table ronde)");
    expect(mail!.subject).not.toMatch(/ [;:?!»]|« /);
    expect(mail!.text).not.toMatch(/ [;:?!»]|« /);
    // Co-speakers hear nothing until there is a decision.
    expect(emailsTo(db, "bruno@example.org")).toHaveLength(0);
  });

  it("refuses a wished session of another edition, or one that is not a table ronde", () => {
    const { edition, pause } = editionWithCall();
    const other = editionWithCall();
    expect(submitContribution(db, ctx, edition.slug, proposal({ wishedSessionId: other.tableRonde1 }), now)).toEqual({
      outcome: "invalid",
      field: "wishedSessionId",
      message: "Choisissez une table ronde de cette édition dans la liste.",
    });
    expect(submitContribution(db, ctx, edition.slug, proposal({ wishedSessionId: pause }), now)).toMatchObject({
      outcome: "invalid",
      field: "wishedSessionId",
    });
    expect(submitContribution(db, ctx, edition.slug, proposal({ wishedSessionId: 999_999 }), now)).toMatchObject({
      outcome: "invalid",
    });
    // The abstract limit holds even when the form is bypassed.
    expect(submitContribution(db, ctx, edition.slug, proposal({ abstract: "x".repeat(1501) }), now)).toMatchObject({
      outcome: "invalid",
      field: "abstract",
    });
  });
});

describe("bad input on the form", () => {
  const errorsOf = (values: Record<string, string>, schema = contributionSchema) => {
    const submission = parseWithZod(formData(values), { schema });
    expect(submission.status).not.toBe("success");
    return submission.reply().error ?? {};
  };

  it("answers an empty form with a French message on every required field", () => {
    expect(errorsOf({})).toEqual({
      name: ["Indiquez votre nom et votre prénom."],
      email: ["Indiquez votre adresse e-mail."],
      role: ["Indiquez votre fonction."],
      organisation: ["Indiquez votre structure."],
      title: ["Indiquez le titre de votre contribution."],
      abstract: ["Rédigez le résumé de votre contribution."],
      format: ["Choisissez un format dans la liste."],
      notice: ["Confirmez que vous avez pris connaissance de la notice d’information."],
    });
  });

  it("counts the abstract like the live counter does: 1,500 characters, a line break counting once", () => {
    expect(errorsOf({ ...validForm, abstract: "a".repeat(1501) })).toEqual({
      abstract: ["1\u00a0caractère de trop (1\u202f501 / 1\u202f500)."],
    });
    expect(errorsOf({ ...validForm, abstract: "a".repeat(1600) })).toEqual({
      abstract: ["100\u00a0caractères de trop (1\u202f600 / 1\u202f500)."],
    });
    const withBreaks = `${"a".repeat(749)}\r\n${"b".repeat(750)}`;
    const accepted = parseWithZod(formData({ ...validForm, abstract: withBreaks }), { schema: contributionSchema });
    expect(accepted.status).toBe("success");
    if (accepted.status === "success") expect(accepted.value.abstract).toHaveLength(1500);
    // An emoji counts once, as a person counts it: in the form and in the domain alike.
    const emoji = "\u{1F600}";
    const emojiForm = formData({ ...validForm, abstract: emoji.repeat(1500) });
    expect(parseWithZod(emojiForm, { schema: contributionSchema }).status).toBe("success");
    expect(errorsOf({ ...validForm, abstract: emoji.repeat(1501) })).toEqual({
      abstract: ["1\u00a0caractère de trop (1\u202f501 / 1\u202f500)."],
    });
    const { edition } = editionWithCall();
    expect(submitted(edition.slug, proposal({ abstract: emoji.repeat(1500) })).outcome).toBe("submitted");
    expect(submitContribution(db, ctx, edition.slug, proposal({ abstract: `${emoji.repeat(1500)}!` }), now)).toEqual({
      outcome: "invalid",
      field: "abstract",
      message: "1\u00a0caractère de trop (1\u202f501 / 1\u202f500).",
    });
  });

  it("refuses an invalid email, an unknown format, a wished session that is not a number, and script tags", () => {
    expect(errorsOf({ ...validForm, email: "pas-une-adresse" }).email![0]).toContain("n’est pas valide");
    expect(errorsOf({ ...validForm, format: "conference_plenière" })).toEqual({
      format: ["Choisissez un format dans la liste."],
    });
    expect(errorsOf({ ...validForm, wishedSessionId: "1 or 1=1" })).toEqual({
      wishedSessionId: ["Choisissez une table ronde dans la liste."],
    });
    const scripted = errorsOf({
      ...validForm,
      title: "<script>alert(1)</script>",
      abstract: "Bonjour <img src=x onerror=alert(1)>",
      organisation: "<b>EMPP</b>",
    });
    for (const field of ["title", "abstract", "organisation"])
      expect(scripted[field]![0]).toContain("caractères non autorisés");
  });

  it("ignores empty co-speaker rows, and asks for the name of a row that has anything else", () => {
    const values = {
      ...validForm,
      "coSpeakers[0].name": "",
      "coSpeakers[0].email": "",
      "coSpeakers[1].name": "Bruno Martin",
      "coSpeakers[1].email": "bruno@example.org",
      "coSpeakers[2].name": "",
      "coSpeakers[2].organisation": "CHRS",
    };
    expect(errorsOf(values)).toEqual({ "coSpeakers[2].name": ["Indiquez le nom et le prénom de cette personne."] });
    const ok = parseWithZod(formData({ ...values, "coSpeakers[2].organisation": "" }), { schema: contributionSchema });
    expect(ok.status).toBe("success");
    if (ok.status === "success")
      expect(ok.value.coSpeakers).toEqual([
        { name: "Bruno Martin", role: null, organisation: null, email: "bruno@example.org" },
      ]);
    expect(
      errorsOf({ ...validForm, "coSpeakers[0].name": "Bruno", "coSpeakers[0].email": "pas-une-adresse" })[
        "coSpeakers[0].email"
      ]![0],
    ).toContain("n’est pas valide");
  });
});

describe("the private link", () => {
  it("opens only with the exact token", () => {
    const { edition } = editionWithCall();
    const { token, contributionId } = submitted(edition.slug);
    expect(findContributionByToken(db, token)?.id).toBe(contributionId);
    const altered = `${token.slice(0, 5)}${token[5] === "x" ? "y" : "x"}${token.slice(6)}`;
    expect(findContributionByToken(db, altered)).toBeNull();
    expect(findContributionByToken(db, "court")).toBeNull();
    expect(findContributionByToken(db, "' or 1=1 --")).toBeNull();
    expect(findContributionByToken(db, `${token}A`)).toBeNull();
    // A registration's link does not open a contribution.
    const registration = register(db, ctx, edition.slug, person("lien"), now);
    if (registration.outcome !== "confirmed") throw new Error("expected confirmed");
    expect(findContributionByToken(db, registration.token)).toBeNull();
  });

  it("edits the token's contribution only: another contribution's id in the form changes nothing", () => {
    const { edition } = editionWithCall();
    const mine = submitted(edition.slug);
    const theirs = submitted(edition.slug);
    const before = row(theirs.contributionId);
    const submission = parseWithZod(
      formData({
        ...validForm,
        contributionId: String(theirs.contributionId),
        id: String(theirs.contributionId),
        title: "Nouveau titre",
      }),
      { schema: contributionDetailsSchema },
    );
    if (submission.status !== "success") throw new Error("expected a valid form");
    expect(updateOwnContribution(db, mine.token, submission.value, now)).toEqual({ outcome: "saved" });
    expect(row(mine.contributionId).title).toBe("Nouveau titre");
    expect(row(mine.contributionId).submitterEmail).toBe(proposalEmail(mine.contributionId));
    expect(row(theirs.contributionId)).toEqual(before);
    expect(updateOwnContribution(db, "AAAAAAAAAAAAAAAAAAAAAA", submission.value, now)).toEqual({
      outcome: "not_found",
    });
  });

  it("allows editing until the organisers lock it or the call closes, and replaces the co-speakers", () => {
    const { edition } = editionWithCall();
    const { token, contributionId } = submitted(
      edition.slug,
      proposal({ coSpeakers: [{ name: "Bruno", role: null, organisation: null, email: null }] }),
    );
    const change = { ...proposal(), coSpeakers: [{ name: "Chloé", role: null, organisation: "CHRS", email: null }] };
    expect(updateOwnContribution(db, token, change, now)).toEqual({ outcome: "saved" });
    expect(
      db
        .select()
        .from(contributionSpeakers)
        .where(eq(contributionSpeakers.contributionId, contributionId))
        .all()
        .map((s) => s.name),
    ).toEqual(["Chloé"]);

    setLocked(bySystem, edition.id, contributionId, true);
    expect(updateOwnContribution(db, token, change, now)).toEqual({ outcome: "refused", reason: "locked" });
    setLocked(bySystem, edition.id, contributionId, false);
    expect(updateOwnContribution(db, token, change, now)).toEqual({ outcome: "saved" });
    const afterClose = new Date(edition.contributionsClosesAt!.getTime() + 1000);
    expect(updateOwnContribution(db, token, change, afterClose)).toEqual({ outcome: "refused", reason: "closed" });
    expect(speakerRights(row(contributionId), edition, afterClose)).toEqual({
      editable: false,
      withdrawable: true,
      reason: "closed",
    });
  });

  it("after a withdrawal still shows the contribution, but neither edits nor withdraws it again", () => {
    const { edition } = editionWithCall();
    const { token, contributionId } = submitted(edition.slug);
    const sentBefore = outbox(db).length;
    expect(withdrawOwnContribution(bySystem, token)).toEqual({
      outcome: "withdrawn",
      wasAccepted: false,
    });
    expect(outbox(db).length).toBe(sentBefore + 1);
    expect(outbox(db).at(-1)!.kind).toBe("contribution.withdrawn");
    expect(findContributionByToken(db, token)?.status).toBe("withdrawn");
    expect(updateOwnContribution(db, token, proposal(), now)).toEqual({ outcome: "refused", reason: "withdrawn" });
    expect(withdrawOwnContribution(bySystem, token)).toEqual({ outcome: "refused" });
    expect(outbox(db).length).toBe(sentBefore + 1);
    expect(() => acceptContribution(bySystem, edition.id, contributionId, { sessionId: 1, message: null })).toThrow(
      /retirée/,
    );
  });
});

function proposalEmail(contributionId: number): string {
  return row(contributionId).submitterEmail;
}

describe("reviewing", () => {
  it("computes the mean and the spread", () => {
    expect(scoreStats([])).toBeNull();
    expect(scoreStats([4])).toEqual({ count: 1, mean: 4, min: 4, max: 4, spread: 0, standardDeviation: 0 });
    const stats = scoreStats([2, 4, 4, 5])!;
    expect(stats).toMatchObject({ count: 4, mean: 3.75, min: 2, max: 5, spread: 3 });
    expect(stats.standardDeviation).toBeCloseTo(1.0897, 3);
  });

  it("hides the other reviewers' scores from a reviewer until they gave their own; organisers see everything", () => {
    const { edition } = editionWithCall();
    const { contributionId } = submitted(edition.slug);
    const alice = createUser("reviewer", "Alice Relectrice");
    const bob = createUser("reviewer", "Bob Relecteur");
    const organiser = createUser("organiser", "Olga Organisatrice");

    saveReview(
      db,
      edition.id,
      contributionId,
      { userId: alice.id },
      { score: 5, comment: "Très concret : à retenir" },
      now,
    );
    const bobBefore = reviewPanel(db, contributionId, { id: bob.id, role: "reviewer" });
    expect(bobBefore).toMatchObject({ mine: null, others: null, stats: null, count: 1 });
    expect(JSON.stringify(bobBefore)).not.toContain("Très concret");
    const listForBob = listContributions(db, edition.id, {}, { id: bob.id, role: "reviewer" }).find(
      (r) => r.id === contributionId,
    )!;
    expect(listForBob).toMatchObject({ stats: null, myScore: null, reviewCount: 1 });

    saveReview(db, edition.id, contributionId, { userId: bob.id }, { score: 2, comment: null }, now);
    const bobAfter = reviewPanel(db, contributionId, { id: bob.id, role: "reviewer" });
    expect(bobAfter.mine).toMatchObject({ score: 2 });
    expect(bobAfter.others!.map((r) => [r.reviewerName, r.score, r.comment])).toEqual([
      ["Alice Relectrice", 5, "Très concret\u00a0: à retenir"],
    ]);
    expect(bobAfter.stats).toMatchObject({ count: 2, mean: 3.5, spread: 3 });

    // Changing one's mind updates the same review.
    saveReview(db, edition.id, contributionId, { userId: bob.id }, { score: 3, comment: "Après relecture" }, now);
    const organiserView = reviewPanel(db, contributionId, { id: organiser.id, role: "organiser" });
    expect(organiserView.mine).toBeNull();
    expect(organiserView.others!.map((r) => r.score)).toEqual([5, 3]);
    expect(organiserView.stats).toMatchObject({ count: 2, mean: 4, min: 3, max: 5, spread: 2 });
    expect(
      listContributions(db, edition.id, {}, { id: organiser.id, role: "organiser" }).find(
        (r) => r.id === contributionId,
      )!.stats,
    ).toMatchObject({ mean: 4 });
    // Reviewers do not see email addresses; organisers do.
    expect(
      contributionDetail(db, edition.id, contributionId, { id: bob.id, role: "reviewer" }).submitter.email,
    ).toBeNull();
    expect(
      contributionDetail(db, edition.id, contributionId, { id: organiser.id, role: "organiser" }).submitter.email,
    ).toContain("@example.org");

    expect(() =>
      saveReview(db, edition.id, contributionId, { userId: bob.id }, { score: 6, comment: null }, now),
    ).toThrow(/1 à 5/);
    expect(() =>
      saveReview(db, edition.id, contributionId, { userId: bob.id }, { score: 0, comment: null }, now),
    ).toThrow(ContributionError);
    const other = editionWithCall();
    expect(() =>
      saveReview(db, other.edition.id, contributionId, { userId: bob.id }, { score: 3, comment: null }, now),
    ).toThrow(/introuvable/);
    expect(() => contributionDetail(db, other.edition.id, contributionId, { id: bob.id, role: "reviewer" })).toThrow(
      /introuvable/,
    );

    const mine = editionsToReview(db, alice.id).find((e) => e.id === edition.id)!;
    expect(mine).toMatchObject({ contributions: 1, awaitingDecision: 1, unreviewedByMe: 0 });
    expect(editionsToReview(db, organiser.id).find((e) => e.id === edition.id)).toMatchObject({ unreviewedByMe: 1 });
  });

  it("filters the list by status, format and wished session", () => {
    const { edition, tableRonde1, tableRonde2 } = editionWithCall();
    const viewer = { id: createUser("organiser", "Filtre").id, role: "organiser" as const };
    const a = submitted(edition.slug, proposal({ format: "atelier", wishedSessionId: tableRonde1 }));
    const b = submitted(edition.slug, proposal({ format: "table_ronde", wishedSessionId: tableRonde2 }));
    const c = submitted(edition.slug, proposal({ format: "table_ronde" }));
    declineContribution(bySystem, edition.id, c.contributionId, { message: "Merci" });
    const ids = (filter: Parameters<typeof listContributions>[2]) =>
      listContributions(db, edition.id, filter, viewer).map((r) => r.id);
    expect(ids({})).toEqual([a.contributionId, b.contributionId, c.contributionId]);
    expect(ids({ format: "atelier" })).toEqual([a.contributionId]);
    expect(ids({ wishedSessionId: tableRonde2 })).toEqual([b.contributionId]);
    expect(ids({ wishedSessionId: "none" })).toEqual([c.contributionId]);
    expect(ids({ status: "declined" })).toEqual([c.contributionId]);
    expect(ids({ status: "submitted", format: "table_ronde" })).toEqual([b.contributionId]);
    expect(listContributions(db, edition.id, {}, viewer)[0]!.wishedSessionTitle).toBe("Table ronde 1 — Repérer");
  });
});

describe("deciding and notifying", () => {
  it("accepts into a session without duplicating persons, declines with a message, and notifies each decision once", () => {
    const { edition, tableRonde1, tableRonde2 } = editionWithCall();
    // Persons who already spoke at a past edition, added by hand (no address) or through a contribution.
    const past = editionWithCall();
    const awaId = attachPerson(
      { db, actor: system, now: new Date() },
      past.edition.id,
      past.tableRonde1,
      newSpeaker("Awa DIALLO", "infirmière", "EMPP  Val-d’Oise"),
      "intervenant",
    );
    const brunoId = attachPerson(
      { db, actor: system, now: new Date() },
      past.edition.id,
      past.tableRonde1,
      {
        create: {
          name: "Bruno Martin",
          role: "éducateur",
          organisation: "Ancienne structure",
          email: "bruno@example.org",
        },
      },
      "intervenant",
    );
    const homonymId = attachPerson(
      { db, actor: system, now: new Date() },
      past.edition.id,
      past.tableRonde1,
      { create: { name: "Chloé Bernard", role: null, organisation: "Mairie", email: "chloe.mairie@example.org" } },
      "intervenant",
    );
    const personsBefore = db.select().from(persons).all().length;

    const accepted = submitted(
      edition.slug,
      proposal({
        name: "Awa Diallo",
        email: "awa.diallo@empp.example",
        organisation: "EMPP Val-d’oise",
        wishedSessionId: tableRonde1,
        coSpeakers: [
          // Same name and address, a new organisation: the same person.
          { name: "bruno martin", role: "éducateur", organisation: "CHRS Les Tilleuls", email: "Bruno@Example.org" },
          // Same name, another address: someone else.
          { name: "Chloé Bernard", role: "psychologue", organisation: "Mairie", email: "chloe.bernard@example.org" },
          // No address: told through the person who proposed.
          { name: "Denis Petit", role: null, organisation: null, email: null },
        ],
      }),
    );
    const declined = submitted(edition.slug, proposal({ email: "refus@example.org" }));
    const undecided = submitted(edition.slug, proposal({ email: "attente@example.org" }));

    expect(
      findMatchingPerson(db, {
        name: "AWA diallo",
        role: null,
        organisation: "empp val-d’oise",
        email: "awa.diallo@empp.example",
      })?.id,
    ).toBe(awaId);
    // Decided first into one session, then moved to another before anyone is told.
    acceptContribution(bySystem, edition.id, accepted.contributionId, {
      sessionId: tableRonde2,
      message: null,
    });
    acceptContribution(bySystem, edition.id, accepted.contributionId, {
      sessionId: tableRonde1,
      message: "Merci : nous comptons sur vous !",
    });
    declineContribution(bySystem, edition.id, declined.contributionId, {
      message: "Le programme est complet.\nÀ une prochaine fois.",
    });
    expect(() => declineContribution(bySystem, edition.id, undecided.contributionId, { message: "  " })).toThrow(
      /message/,
    );
    expect(() =>
      acceptContribution(bySystem, edition.id, undecided.contributionId, {
        sessionId: past.tableRonde1,
        message: null,
      }),
    ).toThrow(/séquence du programme de cette édition/);

    // Nothing public before the decisions are sent.
    expect(db.select().from(persons).all().length).toBe(personsBefore);
    expect(getPublicEdition(db, edition.slug)!.programme.find((s) => s.id === tableRonde1)!.persons).toEqual([]);

    expect(pendingDecisionCount(db, edition.id)).toBe(2);
    const sentBefore = outbox(db).length;
    const first = notifyDecisions(bySystem, edition.id);
    expect(first).toMatchObject({ notified: 2, emails: 4, skipped: 0 });
    const written = outbox(db).slice(sentBefore);
    expect(written.map((e) => [e.kind, e.toAddress])).toEqual([
      ["contribution.accepted", "awa.diallo@empp.example"],
      ["contribution.accepted", "Bruno@Example.org"],
      ["contribution.accepted", "chloe.bernard@example.org"],
      ["contribution.declined", "refus@example.org"],
    ]);
    expect(new Set(written.map((e) => e.batchId))).toEqual(new Set([first.batchId]));

    // Sent: the speakers are on the programme. Two new persons only (Chloé the psychologist and Denis); Awa and Bruno are reused.
    expect(db.select().from(persons).all().length).toBe(personsBefore + 2);
    expect(db.select().from(persons).where(eq(persons.id, awaId)).get()!.email).toBe("awa.diallo@empp.example");
    const programme = getPublicEdition(db, edition.slug)!.programme;
    const speakersOf = (sessionId: number) => programme.find((s) => s.id === sessionId)!.persons;
    expect(
      speakersOf(tableRonde1).map((p) => [
        p.id === awaId || p.id === brunoId || p.id === homonymId ? p.id : "new",
        p.name,
        p.sessionRole,
      ]),
    ).toEqual([
      [awaId, "Awa DIALLO", "intervenant"],
      [brunoId, "Bruno Martin", "intervenant"],
      ["new", "Chloé Bernard", "intervenant"],
      ["new", "Denis Petit", "intervenant"],
    ]);
    expect(speakersOf(tableRonde2)).toEqual([]);
    // The past edition's programme is untouched.
    expect(
      getPublicEdition(db, past.edition.slug)!.programme.find((s) => s.id === past.tableRonde1)!.persons,
    ).toHaveLength(3);

    expect(row(accepted.contributionId).decisionNotifiedAt).toEqual(now);

    // Clicking again, or an email retried: nothing more.
    expect(
      notifyDecisions({ db, mail: ctx, actor: system, now: new Date(now.getTime() + 60_000) }, edition.id),
    ).toEqual({
      notified: 0,
      emails: 0,
      skipped: 0,
      batchId: null,
    });
    expect(outbox(db).length).toBe(sentBefore + 4);
    expect(pendingDecisionCount(db, edition.id)).toBe(0);
    expect(() =>
      declineContribution(bySystem, edition.id, accepted.contributionId, {
        message: "Finalement non",
      }),
    ).toThrow(/déjà été envoyée/);

    // The acceptance: the session, its date and time, and an invite calendars accept.
    const [awaMail] = written;
    expect(awaMail!.subject).toContain("Contribution retenue");
    expect(awaMail!.text).toContain("Séquence\u00a0: Table ronde 1 — Repérer");
    expect(awaMail!.text).toContain("Date\u00a0: jeudi 11 mars 2027");
    expect(awaMail!.text).toContain("Horaires\u00a0: de 10\u00a0h à 12\u00a0h");
    expect(awaMail!.text).toContain("Merci\u00a0: nous comptons sur vous\u00a0!");
    expect(awaMail!.text).toContain(`http://cts.test/contribution/`);
    expect(awaMail!.html).toContain("Suivre ma contribution");
    expect(awaMail!.icsMethod).toBe("REQUEST");
    const invite = parseInvite(awaMail!.ics!);
    expect(invite).toMatchObject({
      method: "REQUEST",
      sequence: 0,
      uid: `cts-contribution-${accepted.contributionId}@cts.test`,
      status: "CONFIRMED",
    });
    expect(invite.attendee).toBe("mailto:awa.diallo@empp.example");
    expect(invite.organizer.toLowerCase()).toBe("mailto:cts@siao95.example");
    expect(invite.summary).toContain("Table ronde 1 — Repérer");
    expect(parisWallClock(invite.start.toJSDate())).toBe("2027-03-11 10:00");
    // A co-speaker gets the same event in their own calendar, without the private link.
    const brunoMail = written[1]!;
    expect(brunoMail.text).toContain("proposée par Awa Diallo avec vous");
    expect(brunoMail.text).not.toContain("/contribution/");
    expect(parseInvite(brunoMail.ics!)).toMatchObject({
      uid: invite.uid,
      sequence: 0,
      attendee: "mailto:Bruno@Example.org",
    });
    // The refusal carries the organisers' message.
    const refusal = written[3]!;
    expect(refusal.ics).toBeNull();
    expect(refusal.text).toContain("Le programme est complet.\nÀ une prochaine fois.");
    expect(refusal.html).toContain("À une prochaine fois.");
    for (const mail of written) {
      expect(mail.subject).not.toMatch(/ [;:?!»]|« /);
      expect(mail.text).not.toMatch(/ [;:?!»]|« /);
    }
    expect(findContributionByToken(db, accepted.token)).toMatchObject({
      status: "accepted",
      acceptedSessionId: tableRonde1,
    });
  });

  it("refuses ids of another edition and unknown ids", () => {
    const { edition } = editionWithCall();
    const other = editionWithCall();
    const { contributionId } = submitted(other.edition.slug);
    for (const attempt of [
      () =>
        acceptContribution(bySystem, edition.id, contributionId, {
          sessionId: other.tableRonde1,
          message: null,
        }),
      () => declineContribution(bySystem, edition.id, contributionId, { message: "Non" }),
      () => setLocked(bySystem, edition.id, contributionId, true),
      () => setLocked(bySystem, edition.id, 999_999, true),
    ]) {
      expect(attempt).toThrow(/introuvable/);
    }
    expect(row(contributionId)).toMatchObject({ status: "submitted", lockedAt: null });
    expect(notifyDecisions(bySystem, edition.id).notified).toBe(0);
  });

  it("sends speakers with hostile names and titles an invite naming their own address only", () => {
    const { edition, tableRonde1 } = editionWithCall();
    const input = proposal({
      name: 'Awa x":mailto:evil@evil.example;X="y',
      // Straight into the domain, as a row stored before forms normalised line breaks would be.
      title: 'Titre\rATTENDEE:mailto:evil@evil.example\r"fin"',
      coSpeakers: [
        {
          name: "Bruno\r\nATTENDEE:mailto:evil@evil.example",
          role: null,
          organisation: null,
          email: "bruno.hostile@example.org",
        },
      ],
    });
    const { contributionId } = submitted(edition.slug, input);
    acceptContribution(bySystem, edition.id, contributionId, {
      sessionId: tableRonde1,
      message: null,
    });
    notifyDecisions(bySystem, edition.id);
    for (const address of [input.email, "bruno.hostile@example.org"]) {
      const ics = emailsTo(db, address).find((e) => e.icsMethod === "REQUEST")!.ics!;
      for (const calendar of [readWithIcalJs(ics), readWithTsIcs(ics)]) {
        expect(calendar.events).toHaveLength(1);
        expect(calendar.events[0]!.attendees.map((a) => bareAddress(a.address))).toEqual([address]);
        expect(calendar.events[0]!.description).toContain('Titre\nATTENDEE:mailto:evil@evil.example\n"fin"');
      }
      expect(readWithNodeIcal(ics).events[0]!.attendees).toEqual([`mailto:${address}`]);
    }
  });
});

describe("when the accepted session moves", () => {
  function acceptedAndNotified() {
    const setup = editionWithCall();
    const n = ++counter;
    const coSpeakerEmail = `eva${n}@example.org`;
    const outcome = submitted(
      setup.edition.slug,
      proposal({
        email: `speaker${n}@example.org`,
        coSpeakers: [{ name: "Eva Co", role: null, organisation: null, email: coSpeakerEmail }],
      }),
    );
    acceptContribution(bySystem, setup.edition.id, outcome.contributionId, {
      sessionId: setup.tableRonde1,
      message: null,
    });
    notifyDecisions(bySystem, setup.edition.id);
    const contribution = row(outcome.contributionId);
    return { ...setup, ...outcome, contribution, coSpeakerEmail };
  }

  it("sends every speaker an updated invite with the same UID and a higher SEQUENCE", () => {
    const { edition, tableRonde1, tableRonde2, contribution, coSpeakerEmail } = acceptedAndNotified();
    const firstInvite = parseInvite(emailsTo(db, contribution.submitterEmail).at(-1)!.ics!);
    const sentBefore = outbox(db).length;
    // Another item moving changes nothing for them.
    updateProgrammeItem({ db, mail: ctx, actor: system, now: new Date() }, edition.id, tableRonde2, {
      kind: "table_ronde",
      title: "Table ronde 2 — Héberger",
      description: null,
      startTime: "14:00",
      endTime: "16:00",
      room: null,
    });
    expect(outbox(db).length).toBe(sentBefore);

    const moved1 = {
      kind: "table_ronde" as const,
      title: "Table ronde 1 — Repérer",
      description: null,
      startTime: "10:30",
      endTime: "12:15",
      room: "Salle B",
    };
    updateProgrammeItem({ db, mail: ctx, actor: system, now: new Date() }, edition.id, tableRonde1, moved1);
    const updates = outbox(db).slice(sentBefore);
    expect(updates.map((e) => [e.kind, e.toAddress])).toEqual([
      ["contribution.session_changed", contribution.submitterEmail],
      ["contribution.session_changed", coSpeakerEmail],
    ]);
    const moved = parseInvite(updates[0]!.ics!);
    expect(moved.uid).toBe(firstInvite.uid);
    expect(moved.sequence).toBe(firstInvite.sequence + 1);
    expect(parisWallClock(moved.start.toJSDate())).toBe("2027-03-11 10:30");
    expect(parseInvite(updates[1]!.ics!)).toMatchObject({ uid: firstInvite.uid, sequence: 1 });
    expect(updates[0]!.text).toContain(
      "Horaires\u00a0: 10\u00a0h\u00a030–12\u00a0h\u00a015 (au lieu de 10\u00a0h–12\u00a0h)",
    );
    expect(updates[0]!.text).toContain("Salle\u00a0: Salle B");
    expect(row(contribution.id).inviteSequence).toBe(1);

    // Saving the item unchanged sends nothing.
    updateProgrammeItem({ db, mail: ctx, actor: system, now: new Date() }, edition.id, tableRonde1, {
      ...moved1,
      description: "Nouvelle description",
    });
    expect(outbox(db).length).toBe(sentBefore + 2);
  });

  it("moves the invite when the edition changes day, and not when only the edition's hours change", () => {
    const { edition, contribution } = acceptedAndNotified();
    const sentBefore = outbox(db).length;
    updateEditionLogistics(bySystem, edition.id, {
      endsAt: parisWallTimeToUtc("2027-03-11", "17:00")!,
    });
    expect(
      emailsTo(db, contribution.submitterEmail).filter((e) => e.kind === "contribution.session_changed"),
    ).toHaveLength(0);

    updateEditionLogistics(bySystem, edition.id, {
      startsAt: parisWallTimeToUtc("2027-06-17", "09:00")!,
      endsAt: parisWallTimeToUtc("2027-06-17", "17:00")!,
    });
    const update = outbox(db)
      .slice(sentBefore)
      .find((e) => e.toAddress === contribution.submitterEmail)!;
    expect(update.kind).toBe("contribution.session_changed");
    expect(update.text).toContain("Date\u00a0: jeudi 17 juin 2027");
    const invite = parseInvite(update.ics!);
    expect(invite.sequence).toBe(1);
    // Same wall-clock time in Paris, in summer time now.
    expect(parisWallClock(invite.start.toJSDate())).toBe("2027-06-17 10:00");
  });

  it("tells them when the venue of their edition is edited", () => {
    const { edition, contribution } = acceptedAndNotified();
    const venue = db.select().from(venues).where(eq(venues.id, edition.venueId!)).get()!;
    const sentBefore = outbox(db).length;
    updateVenue(bySystem, venue.id, { ...venue, name: "Salle Jean Vilar" });
    const update = outbox(db)
      .slice(sentBefore)
      .find((e) => e.toAddress === contribution.submitterEmail)!;
    expect(update.kind).toBe("contribution.session_changed");
    expect(update.text).toContain("Lieu\u00a0: Salle Jean Vilar");
    expect(parseInvite(update.ics!).sequence).toBe(1);
  });

  it("sends nothing to decisions not yet notified: the notification will carry the new time", () => {
    const { edition, tableRonde1 } = editionWithCall();
    const { contributionId } = submitted(edition.slug);
    acceptContribution(bySystem, edition.id, contributionId, {
      sessionId: tableRonde1,
      message: null,
    });
    const sentBefore = outbox(db).length;
    updateProgrammeItem({ db, mail: ctx, actor: system, now: new Date() }, edition.id, tableRonde1, {
      kind: "table_ronde",
      title: "Table ronde 1",
      description: null,
      startTime: "11:00",
      endTime: "12:00",
      room: null,
    });
    expect(outbox(db).length).toBe(sentBefore);
    notifyDecisions(bySystem, edition.id);
    expect(parisWallClock(parseInvite(outbox(db).at(-1)!.ics!).start.toJSDate())).toBe("2027-03-11 11:00");
  });
});

describe("withdrawing an accepted contribution", () => {
  it("takes its speakers off the public programme, cancels their invites and tells the organisers", () => {
    const { edition, tableRonde1 } = editionWithCall();
    const organiser = createUser("organiser", "Olga");
    const admin = createUser("admin", "Ali");
    createUser("reviewer", "Rémi");
    const gone = createUser("organiser", "Ancienne", false);
    // Someone already moderating the table ronde, who also co-signs the contribution.
    const moderatorId = attachPerson(
      { db, actor: system, now: new Date() },
      edition.id,
      tableRonde1,
      newSpeaker("Mona Modère", null, "SIAO"),
      "moderateur",
    );
    const { token, contributionId } = submitted(
      edition.slug,
      proposal({
        email: "retrait@example.org",
        coSpeakers: [{ name: "Mona Modère", role: null, organisation: "SIAO", email: "mona@example.org" }],
      }),
    );
    acceptContribution(bySystem, edition.id, contributionId, {
      sessionId: tableRonde1,
      message: null,
    });
    notifyDecisions(bySystem, edition.id);
    const names = () =>
      getPublicEdition(db, edition.slug)!
        .programme.find((s) => s.id === tableRonde1)!
        .persons.map((p) => p.name);
    expect(names()).toContain(row(contributionId).submitterName);
    const accepted = parseInvite(emailsTo(db, "retrait@example.org").at(-1)!.ics!);

    const sentBefore = outbox(db).length;
    expect(withdrawOwnContribution({ db, mail: ctx, actor: { userId: null, ip: "192.0.2.1" }, now }, token)).toEqual({
      outcome: "withdrawn",
      wasAccepted: true,
    });
    expect(names()).toEqual(["Mona Modère"]);
    expect(
      db
        .select()
        .from(sessionPersons)
        .where(and(eq(sessionPersons.sessionId, tableRonde1), eq(sessionPersons.personId, moderatorId)))
        .get()!.role,
    ).toBe("moderateur");

    const written = outbox(db).slice(sentBefore);
    const toSpeaker = written.find((e) => e.toAddress === "retrait@example.org")!;
    expect(toSpeaker.kind).toBe("contribution.withdrawn");
    const cancel = parseInvite(toSpeaker.ics!);
    expect(cancel).toMatchObject({ method: "CANCEL", status: "CANCELLED", uid: accepted.uid });
    expect(cancel.sequence).toBeGreaterThan(accepted.sequence);
    expect(written.find((e) => e.toAddress === "mona@example.org")!.icsMethod).toBe("CANCEL");
    const told = written.filter((e) => e.kind === "contribution.withdrawn_organisers").map((e) => e.toAddress);
    expect(told).toContain(organiser.email);
    expect(told).toContain(admin.email);
    expect(told).not.toContain(gone.email);
    expect(
      written
        .filter((e) => e.kind === "contribution.withdrawn_organisers")
        .every((e) => e.text.includes(`/admin/editions/${edition.id}/contributions/${contributionId}`)),
    ).toBe(true);
    expect(
      db
        .select()
        .from(emails)
        .where(eq(emails.kind, "contribution.withdrawn_organisers"))
        .all()
        .some((e) => e.toAddress.startsWith("reviewer")),
    ).toBe(false);
    expect(loadEdition(db, edition.id).edition.status).toBe("published");
  });

  it("tells only the speaker, without an invite, when the contribution was not accepted", () => {
    const { edition } = editionWithCall();
    createUser("organiser", "Olga bis");
    const { token } = submitted(edition.slug, proposal({ email: "simple@example.org" }));
    const sentBefore = outbox(db).length;
    withdrawOwnContribution(bySystem, token);
    const written = outbox(db).slice(sentBefore);
    expect(written.map((e) => [e.kind, e.toAddress, e.ics])).toEqual([
      ["contribution.withdrawn", "simple@example.org", null],
    ]);
  });
});

describe("outbox atomicity", () => {
  it("writes no contribution when its email cannot be written", () => {
    const { edition } = editionWithCall();
    const before = db.select().from(contributions).all().length;
    db.$client.exec(
      "create trigger refuse_email before insert on emails begin select raise(abort, 'outbox unavailable'); end;",
    );
    try {
      expect(() => submitContribution(db, ctx, edition.slug, proposal(), now)).toThrow(/outbox unavailable/);
    } finally {
      db.$client.exec("drop trigger refuse_email");
    }
    expect(db.select().from(contributions).all()).toHaveLength(before);
  });
});
