import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  editions,
  editionThemes,
  emails,
  registrations,
  sessionPersons,
  sessions,
  themes,
  venues,
} from "#db/schema.ts";
import {
  createEdition as createEditionFromForm,
  duplicateEdition,
  EditionFormError,
  setEditionStatus,
} from "#app/domain/editions/admin.server.ts";
import { saveEdition } from "#app/domain/edition-changes/edition-changes.server.ts";
import { getPublicEdition, programmeOf } from "#app/domain/editions/editions.server.ts";
import {
  batchProgress,
  newMessageKey,
  previewMessage,
  sendEditionMessage,
} from "#app/domain/registrations/organiser-messages.server.ts";
import {
  addSession,
  attachPerson,
  deletePerson,
  deleteSession,
  detachPerson,
  movePerson,
  ProgrammeError,
  programmeWarnings,
  updateSession,
} from "#app/domain/editions/programme.server.ts";
import { registrationsPerDay, registrationsPerStructureType } from "#app/domain/registrations/stats.server.ts";
import {
  confirmFromWaitlist,
  listRegistrations,
  RegistrationActionError,
  resendConfirmation,
} from "#app/domain/registrations/admin.server.ts";
import { checkInCounts, checkInSearch, setPresence } from "#app/domain/registrations/check-in.server.ts";
import { register, registerOnSite } from "#app/domain/registrations/registrations.server.ts";
import { parisWallTimeToUtc } from "#app/lib/time.ts";
import { createEdition, ctx, emailsTo, parseInvite, person, withContent } from "#tests/support/fixtures.ts";
import { editionForm, newSpeaker, programmeItem } from "#tests/support/inputs.ts";
import { tempDbAt } from "#tests/support/temp-db.ts";

const { db, now, noAccount: actor } = tempDbAt("2026-11-26T10:00:00Z");

const form = editionForm;

describe("editions in the back-office", () => {
  it("creates a draft with its venue, theme, French spacing and a unique slug, invisible to the public", () => {
    const edition = createEditionFromForm({ db, actor, now }, form());
    expect(edition.status).toBe("draft");
    expect(edition.title).toBe("Logement d’abord\u00a0: où en est-on\u00a0?");
    expect(edition.slug).toBe("cts-logement-d-abord-ou-en-est-on-2027");
    expect(edition.startsAt.toISOString()).toBe("2027-05-20T07:00:00.000Z");
    expect(db.select().from(venues).where(eq(venues.id, edition.venueId!)).get()!.city).toBe("Argenteuil");
    const linked = db
      .select()
      .from(editionThemes)
      .innerJoin(themes, eq(themes.id, editionThemes.themeId))
      .where(eq(editionThemes.editionId, edition.id))
      .all();
    expect(linked.map((row) => row.themes.slug)).toEqual(["logement-d-abord"]);
    expect(getPublicEdition(db, edition.slug)).toBeNull();
    const again = createEditionFromForm({ db, actor, now }, form({ newTheme: null }));
    expect(again.slug).toBe("cts-logement-d-abord-ou-en-est-on-2027-2");
  });

  it("refuses a time that does not exist in Paris and an unknown venue, naming the field", () => {
    expect(() =>
      createEditionFromForm({ db, actor, now }, form({ date: "2027-03-28", startTime: "02:30", endTime: "10:00" })),
    ).toThrow(EditionFormError);
    try {
      createEditionFromForm({ db, actor, now }, form({ venueId: 999_999 }));
    } catch (error) {
      expect((error as EditionFormError).field).toBe("venueId");
    }
  });

  it("publishes, marks held only once started, archives; a draft cannot come back once people registered", () => {
    const edition = createEditionFromForm({ db, actor, now }, form({ newTheme: null }));
    expect(() => setEditionStatus({ db, actor, now }, edition.id, "held")).toThrow(EditionFormError);
    setEditionStatus({ db, actor, now }, edition.id, "published");
    expect(getPublicEdition(db, edition.slug)).not.toBeNull();
    register(db, ctx, edition.slug, person("pub1"), now);
    expect(() => setEditionStatus({ db, actor, now }, edition.id, "draft")).toThrow(/inscrites/);
    expect(() => setEditionStatus({ db, actor, now }, edition.id, "held")).toThrow(/à partir de son début/);
    setEditionStatus({ db, actor, now: new Date("2027-05-20T08:00:00Z") }, edition.id, "held");
    setEditionStatus({ db, actor, now: new Date("2027-06-01T08:00:00Z") }, edition.id, "archived");
    expect(db.select().from(editions).where(eq(editions.id, edition.id)).get()!.status).toBe("archived");
  });

  it("saves the form: a new time notifies the confirmed, a bigger capacity promotes the waiting list", () => {
    const edition = createEditionFromForm({ db, actor, now }, form({ newTheme: null, capacity: 1 }));
    setEditionStatus({ db, actor, now }, edition.id, "published");
    register(db, ctx, edition.slug, person("upd1"), now);
    register(db, ctx, edition.slug, person("upd2"), now);
    const result = saveEdition(
      { db, mail: ctx, actor, now },
      edition.id,
      form({ newTheme: null, venueId: edition.venueId!, startTime: "09:30", capacity: 2 }),
    );
    expect(result).toEqual({ notified: 1, promoted: 1, outsideHours: 0 });
    const update = emailsTo(db, "personneupd1@example.org").at(-1)!;
    expect(update.kind).toBe("edition.changed");
    expect(parseInvite(update.ics!).sequence).toBe(1);
    expect(emailsTo(db, "personneupd2@example.org").at(-1)!.kind).toBe("registration.promoted");
    // Lowering below the confirmed count is refused as a whole: nothing else changed either.
    expect(() =>
      saveEdition(
        { db, mail: ctx, actor, now },
        edition.id,
        form({ title: "Autre", venueId: edition.venueId!, capacity: 1 }),
      ),
    ).toThrow(/jauge/);
    expect(db.select().from(editions).where(eq(editions.id, edition.id)).get()!.title).not.toBe("Autre");
  });

  it("duplicates an edition with its programme at the same wall-clock times, six months later, as a draft", () => {
    const source = createEdition(db, now, {
      startsAt: parisWallTimeToUtc("2026-12-10", "09:00")!,
      endsAt: parisWallTimeToUtc("2026-12-10", "16:00")!,
    });
    const s1 = addSession(
      { db, actor, now: new Date() },
      source.id,
      programmeItem("ouverture", "Ouverture", "09:00", "09:30"),
    );
    attachPerson(
      { db, actor, now: new Date() },
      source.id,
      s1,
      newSpeaker("Mme TEST", "directrice", "SIAO 95"),
      "orateur",
    );
    const copy = duplicateEdition({ db, actor, now }, source.id);
    expect(copy.status).toBe("draft");
    expect(copy.title).toBe(`${source.title} (copie)`);
    expect(copy.startsAt.getTime()).toBeGreaterThan(source.startsAt.getTime() + 170 * 86_400_000);
    const programme = programmeOf(db, copy.id);
    expect(programme).toHaveLength(1);
    expect(programme[0]!.persons.map((p) => p.name)).toEqual(["Mme TEST"]);
    // Summer time in June: 9:00 in Paris is 07:00 UTC, where the December source was 08:00 UTC.
    expect(programme[0]!.startsAt.toISOString().slice(11, 16)).toBe("07:00");
    expect(db.select().from(registrations).where(eq(registrations.editionId, copy.id)).all()).toHaveLength(0);
  });
});

describe("programme", () => {
  const edition = createEdition(db, now, {
    startsAt: parisWallTimeToUtc("2027-01-14", "09:00")!,
    endsAt: parisWallTimeToUtc("2027-01-14", "17:00")!,
  });
  const other = createEdition(db, now);
  const slot = (title: string, startTime: string, endTime: string) =>
    programmeItem("table_ronde", title, startTime, endTime);

  it("adds, edits and removes items, kept in time order; flags overlaps and items outside the day", () => {
    const a = addSession({ db, actor, now: new Date() }, edition.id, slot("Table ronde A", "10:00", "11:30"));
    const b = addSession({ db, actor, now: new Date() }, edition.id, slot("Table ronde B", "11:00", "12:00"));
    const c = addSession({ db, actor, now: new Date() }, edition.id, slot("Clôture : bilan", "16:30", "17:30"));
    let programme = programmeOf(db, edition.id);
    expect(programme.map((s) => s.id)).toEqual([a, b, c]);
    expect(programme[2]!.title).toBe("Clôture\u00a0: bilan");
    const warnings = programmeWarnings(edition, programme);
    expect(warnings.get(a)![0]).toContain("chevauche «\u00a0Table ronde B\u00a0»");
    expect(warnings.get(b)![0]).toContain("chevauche «\u00a0Table ronde B\u00a0»");
    expect(warnings.get(c)![0]).toContain("finit après la fin de l’édition");

    // Moved to the afternoon, after the closing: the programme follows the clock.
    updateSession({ db, actor, now: new Date() }, edition.id, b, slot("Table ronde B", "17:00", "17:30"));
    programme = programmeOf(db, edition.id);
    expect(programme.map((s) => s.id)).toEqual([a, c, b]);
    expect(programmeWarnings(edition, programme).get(a)).toBeUndefined();
    expect(deleteSession({ db, actor, now: new Date() }, edition.id, c)).toBe("Clôture\u00a0: bilan");
    expect(programmeOf(db, edition.id).map((s) => s.id)).toEqual([a, b]);
    expect(
      db
        .select()
        .from(sessions)
        .where(eq(sessions.editionId, edition.id))
        .all()
        .map((s) => s.position)
        .sort(),
    ).toEqual([1, 2]);
    expect(() => updateSession({ db, actor, now: new Date() }, edition.id, a, slot("X", "12:00", "11:00"))).toThrow(
      ProgrammeError,
    );
  });

  it("attaches people in order, reuses a person across editions, and refuses ids of another edition", () => {
    const session = addSession({ db, actor, now: new Date() }, edition.id, slot("Table ronde C", "14:00", "15:30"));
    const first = attachPerson(
      { db, actor, now: new Date() },
      edition.id,
      session,
      newSpeaker("Awa DIALLO", "infirmière", "EMSP"),
      "intervenant",
    );
    const second = attachPerson(
      { db, actor, now: new Date() },
      edition.id,
      session,
      newSpeaker("Bruno MARTIN"),
      "moderateur",
    );
    expect(() =>
      attachPerson({ db, actor, now: new Date() }, edition.id, session, { personId: first }, "intervenant"),
    ).toThrow(/déjà/);
    movePerson({ db, actor, now: new Date() }, edition.id, session, second, "up");
    expect(
      programmeOf(db, edition.id)
        .find((s) => s.id === session)!
        .persons.map((p) => p.name),
    ).toEqual(["Bruno MARTIN", "Awa DIALLO"]);

    const elsewhere = addSession({ db, actor, now: new Date() }, other.id, slot("Ailleurs", "10:00", "11:00"));
    attachPerson({ db, actor, now: new Date() }, other.id, elsewhere, { personId: first }, "intervenant");
    expect(programmeOf(db, other.id)[0]!.persons[0]!.name).toBe("Awa DIALLO");

    expect(() => deleteSession({ db, actor, now: new Date() }, edition.id, elsewhere)).toThrow(/introuvable/);
    expect(() =>
      attachPerson({ db, actor, now: new Date() }, edition.id, elsewhere, { personId: second }, "intervenant"),
    ).toThrow(/introuvable/);
    expect(() => deletePerson({ db, actor, now: new Date() }, first)).toThrow(/programme/);
    detachPerson({ db, actor, now: new Date() }, edition.id, session, second);
    expect(
      db
        .select()
        .from(sessionPersons)
        .where(and(eq(sessionPersons.sessionId, session), eq(sessionPersons.personId, second)))
        .get(),
    ).toBeUndefined();
  });
});

describe("registrations, by hand", () => {
  const edition = createEdition(db, now, { capacity: 2 });
  const other = createEdition(db, now);
  const people = [
    person("zoe", {
      firstName: "Zoé",
      lastName: "Zèbre",
      organisation: "CHRS Les Tilleuls",
      structureType: "hebergement",
    }),
    person("amel", {
      firstName: "Amel",
      lastName: "Abdi",
      organisation: "SAMU social",
      structureType: "veille_sociale_115",
    }),
    person("marc", {
      firstName: "Marc",
      lastName: "Moreau",
      organisation: "Mairie 50%_test",
      structureType: "collectivite",
    }),
  ];
  const ids = people.map((p) => {
    const outcome = register(db, ctx, edition.slug, p, now);
    return "registrationId" in outcome ? outcome.registrationId : 0;
  });
  const outsider = register(db, ctx, other.slug, person("dehors"), now);

  it("searches, filters, sorts and pages on the server", () => {
    expect(listRegistrations(db, edition.id, { q: "abdi" }).rows.map((r) => r.lastName)).toEqual(["Abdi"]);
    expect(listRegistrations(db, edition.id, { q: "zoé zèbre" }).total).toBe(1);
    expect(listRegistrations(db, edition.id, { q: "ZOE ZEB" }).total).toBe(1);
    expect(listRegistrations(db, edition.id, { q: "50%" }).rows.map((r) => r.lastName)).toEqual(["Moreau"]);
    expect(listRegistrations(db, edition.id, { q: "%%" }).total).toBe(0);
    expect(listRegistrations(db, edition.id, { q: "_" }).total).toBe(1);
    expect(listRegistrations(db, edition.id, { status: "waitlisted" }).rows.map((r) => r.lastName)).toEqual(["Moreau"]);
    expect(listRegistrations(db, edition.id, { structureType: "hebergement" }).total).toBe(1);
    expect(listRegistrations(db, edition.id, { sort: "nom", direction: "asc" }).rows.map((r) => r.lastName)).toEqual([
      "Abdi",
      "Moreau",
      "Zèbre",
    ]);
    const page2 = listRegistrations(db, edition.id, { sort: "nom", pageSize: 2, page: 2 });
    expect(page2).toMatchObject({ total: 3, pages: 2 });
    expect(page2.rows.map((r) => r.lastName)).toEqual(["Zèbre"]);
  });

  it("confirms from the waiting list only when a seat is free, resends a confirmation, and refuses another edition's ids", () => {
    expect(() => confirmFromWaitlist({ db, mail: ctx, actor, now }, edition.id, ids[2]!)).toThrow(/augmentez/);
    db.update(editions).set({ capacity: 3 }).where(eq(editions.id, edition.id)).run();
    confirmFromWaitlist({ db, mail: ctx, actor, now }, edition.id, ids[2]!);
    expect(db.select().from(registrations).where(eq(registrations.id, ids[2]!)).get()!.status).toBe("confirmed");
    expect(emailsTo(db, "personnemarc@example.org").at(-1)!.icsMethod).toBe("REQUEST");
    resendConfirmation({ db, mail: ctx, actor, now }, edition.id, ids[0]!);
    expect(emailsTo(db, "personnezoe@example.org").map((e) => e.kind)).toEqual([
      "registration.confirmed",
      "registration.confirmed",
    ]);
    if (!("registrationId" in outsider)) throw new Error("expected a registration");
    expect(() => resendConfirmation({ db, mail: ctx, actor, now }, edition.id, outsider.registrationId)).toThrow(
      RegistrationActionError,
    );
    expect(() => setPresence({ db, actor, now }, edition.id, outsider.registrationId, true)).toThrow(/introuvable/);
  });

  it("checks people in and out, counts them, and registers a walk-in within the capacity", () => {
    // Check-in opens the day before (docs/lifecycle.md).
    const door = new Date(edition.startsAt.getTime() - 3_600_000);
    expect(() => setPresence({ db, actor, now }, edition.id, ids[0]!, true)).toThrow(/L’accueil n’est pas ouvert/);
    setPresence({ db, actor, now: door }, edition.id, ids[0]!, true);
    setPresence({ db, actor, now: door }, edition.id, ids[0]!, true);
    expect(checkInCounts(db, edition.id)).toEqual({ present: 1, expected: 3 });
    expect(checkInSearch(db, edition.id, "tilleul").map((p) => p.lastName)).toEqual(["Zèbre"]);
    expect(checkInSearch(db, edition.id, "ZEBR").map((p) => p.lastName)).toEqual(["Zèbre"]);
    setPresence({ db, actor, now: door }, edition.id, ids[0]!, false);
    expect(checkInCounts(db, edition.id).present).toBe(0);

    expect(registerOnSite({ db, mail: ctx, actor, now: door }, edition.id, person("porte"))).toEqual({
      outcome: "closed",
      reason: "full",
    });
    db.update(editions)
      .set({ capacity: 4, registrationClosesAt: new Date(now.getTime() - 1000) })
      .where(eq(editions.id, edition.id))
      .run();
    const walkIn = registerOnSite({ db, mail: ctx, actor, now: door }, edition.id, person("porte"));
    expect(walkIn.outcome).toBe("confirmed");
    expect(checkInCounts(db, edition.id)).toEqual({ present: 1, expected: 4 });
    expect(registerOnSite({ db, mail: ctx, actor, now: door }, edition.id, person("porte")).outcome).toBe(
      "already_registered",
    );
  });

  it("writes one email per recipient for a message, under one batch whose progress can be followed", () => {
    const preview = previewMessage(db, edition.id, {
      subject: "Infos pratiques",
      body: "Venez **tôt** : l’accueil ouvre à 8 h 30.",
    });
    expect(preview.html).toContain("<strong>tôt</strong>");
    // The text part is derived from the HTML: the Markdown reads as text, without its marks.
    expect(preview.text).toContain("Venez tôt\u00a0: l’accueil ouvre");
    expect(preview.text).not.toContain("**");
    const { batchId, recipients } = sendEditionMessage({ db, mail: ctx, actor, now }, edition.id, {
      subject: "Infos pratiques",
      body: "Venez tôt.\n\n<script>alert(1)</script>",
      groups: ["confirmed"],
      batchId: newMessageKey(),
    });
    expect(recipients).toBe(4);
    const batch = db.select().from(emails).where(eq(emails.batchId, batchId)).all().map(withContent);
    expect(batch).toHaveLength(4);
    expect(batch[0]!.html).not.toContain("<script>");
    expect(batch[0]!.html).toContain("&lt;script&gt;");
    expect(batch[0]!.text).toContain("/inscription/");
    expect(batchProgress(db, edition.id, batchId)).toEqual({ total: 4, sent: 0, failed: 0, waiting: 4 });
    expect(batchProgress(db, other.id, batchId).total).toBe(0);
  });

  it("sends a message once when the same form is posted twice, and again from a new form", () => {
    register(db, ctx, edition.slug, person("parking"), now);
    const message = { subject: "Parking", body: "Le parking est fermé.", groups: ["confirmed" as const] };
    const outbox = () => db.select().from(emails).where(eq(emails.subject, "Parking")).all();
    const key = newMessageKey();
    const first = sendEditionMessage({ db, mail: ctx, actor, now }, edition.id, { ...message, batchId: key });
    const recipients = first.recipients;
    expect(recipients).toBeGreaterThan(0);
    expect(first.batchId).toBe(key);
    expect(outbox()).toHaveLength(recipients);

    // The second click, or the back button: the same key leads to the batch already written.
    const again = sendEditionMessage({ db, mail: ctx, actor, now }, edition.id, { ...message, batchId: key });
    expect(again).toEqual({ batchId: key, recipients });
    expect(outbox()).toHaveLength(recipients);
    expect(outbox().every((row) => row.batchId === key)).toBe(true);

    // The same words from a new rendering of the form are a new message.
    const other = newMessageKey();
    expect(other).not.toBe(key);
    sendEditionMessage({ db, mail: ctx, actor, now }, edition.id, { ...message, batchId: other });
    expect(outbox()).toHaveLength(2 * recipients);
    expect(outbox().filter((row) => row.batchId === other)).toHaveLength(recipients);
  });

  it("counts registrations per Paris day and per structure type", () => {
    const stats = createEdition(db, new Date("2026-03-01T10:00:00Z"));
    // 23:30 UTC on 28 March is already the 29th in Paris (UTC+2 from that night).
    register(db, ctx, stats.slug, person("j1"), new Date("2026-03-28T23:30:00Z"));
    register(db, ctx, stats.slug, person("j2"), new Date("2026-03-29T08:00:00Z"));
    register(db, ctx, stats.slug, person("j3", { structureType: "autre" }), new Date("2026-03-31T08:00:00Z"));
    expect(registrationsPerDay(db, stats.id)).toEqual([
      { day: "2026-03-29", count: 2 },
      { day: "2026-03-30", count: 0 },
      { day: "2026-03-31", count: 1 },
    ]);
    const perType = registrationsPerStructureType(db, stats.id);
    expect(perType).toHaveLength(7);
    expect(perType.find((t) => t.type === "hebergement")!.count).toBe(2);
    expect(perType.find((t) => t.type === "autre")!.count).toBe(1);
  });
});

describe("moving an edition to another day", () => {
  /** Saves the edition's form with only its day and hours changed. */
  const reschedule = (edition: typeof editions.$inferSelect, date: string, startTime: string, endTime: string) =>
    saveEdition(
      { db, mail: ctx, actor, now },
      edition.id,
      form({ newTheme: null, venueId: edition.venueId!, date, startTime, endTime, capacity: edition.capacity }),
    );

  it("moves its programme too, keeping the wall-clock times across a change of summer time", () => {
    const start = parisWallTimeToUtc("2027-03-25", "09:00")!;
    const edition = createEdition(db, now, { startsAt: start, endsAt: parisWallTimeToUtc("2027-03-25", "17:00")! });
    const session = addSession(
      { db, actor, now: new Date() },
      edition.id,
      programmeItem("ouverture", "Ouverture", "09:30", "10:00"),
    );
    // 25 March is winter time, 1 April summer time: 9:30 in Paris is 08:30 UTC, then 07:30 UTC.
    reschedule(edition, "2027-04-01", "09:00", "17:00");
    const moved = programmeOf(db, edition.id).find((s) => s.id === session)!;
    expect(moved.startsAt.toISOString()).toBe("2027-04-01T07:30:00.000Z");
    expect(moved.endsAt.toISOString()).toBe("2027-04-01T08:00:00.000Z");
  });

  it("says how many programme items new hours leave outside, and counts none once they fit again", () => {
    const edition = createEdition(db, now, {
      startsAt: parisWallTimeToUtc("2027-05-06", "09:00")!,
      endsAt: parisWallTimeToUtc("2027-05-06", "17:00")!,
    });
    const by = { db, actor, now };
    addSession(by, edition.id, programmeItem("ouverture", "Ouverture", "09:00", "09:30"));
    addSession(by, edition.id, programmeItem("atelier", "Atelier", "14:00", "16:00"));
    addSession(by, edition.id, programmeItem("cloture", "Clôture", "16:30", "17:00"));
    const hours = (startTime: string, endTime: string) =>
      reschedule(edition, "2027-05-06", startTime, endTime).outsideHours;
    // A later start leaves the opening out; an earlier end, the workshop and the closing as well.
    expect(hours("09:15", "17:00")).toBe(1);
    expect(hours("09:15", "15:00")).toBe(3);
    // The day ends exactly as the closing does: an item may end when the edition ends.
    expect(hours("09:00", "17:00")).toBe(0);
  });
});
