import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appDatabase } from "#tests/support/app-db.ts";

// The routes read the app's own connection: point it at this file's database first.
const { db } = await appDatabase("network");

const schema = await import("#db/schema.ts");
const { networkList, participatingOrganisations, setNetworkListing } =
  await import("#app/domain/registrations/network.server.ts");
const { cancelRegistration, register } = await import("#app/domain/registrations/registrations.server.ts");
const { anonymiseRegistration, eraseRegistration } = await import("#app/domain/privacy/privacy.server.ts");
const { registrationSchema } = await import("#app/forms/registration.ts");
const privateList = await import("#app/routes/my-registration-network.tsx");
const adminList = await import("#app/routes/admin/editions/network.tsx");
const { adminContext } = await import("#tests/support/admin-context.ts");
const editionPage = await import("#app/routes/edition.tsx");
const { createEdition, ctx, person } = await import("#tests/support/fixtures.ts");
const { pastEdition } = await import("#tests/support/after-the-day.ts");
const { createOrganiserAndReviewer, ORGANISER_EMAIL, REVIEWER_EMAIL, signedInCookie } =
  await import("#tests/support/staff.ts");
const { answer, formPost } = await import("#tests/support/route-answer.ts");

const now = new Date();
const actor = { userId: null };

function registered(outcome: ReturnType<typeof register>) {
  if (!("token" in outcome)) throw new Error(`expected a registration, got ${outcome.outcome}`);
  return outcome;
}

const privatePage = (token: string) =>
  answer(() =>
    privateList.loader({
      params: { token },
      request: new Request(`http://cts.test/inscription/${token}/participants`),
    } as never),
  );

describe("opting in at registration", () => {
  const base = {
    firstName: "Awa",
    lastName: "Diallo",
    email: "awa@example.org",
    organisation: "CHRS",
    structureType: "hebergement",
    meal: "non",
    notice: "on",
  };

  it("is off unless the box is ticked", () => {
    expect(registrationSchema.parse(base).listedInNetwork).toBe(false);
    expect(registrationSchema.parse({ ...base, listedInNetwork: "on" }).listedInNetwork).toBe(true);
    expect(registrationSchema.safeParse({ ...base, listedInNetwork: "yes" }).success).toBe(false);
  });

  it("is stored as chosen, and off by default", () => {
    const edition = createEdition(db, now, { capacity: 10 });
    const quiet = registered(register(db, ctx, edition.slug, person("defaut"), now));
    const listed = registered(register(db, ctx, edition.slug, person("visible", { listedInNetwork: true }), now));
    const row = (id: number) => db.select().from(schema.registrations).where(eq(schema.registrations.id, id)).get()!;
    expect(row(quiet.registrationId).listedInNetwork).toBe(false);
    expect(row(listed.registrationId).listedInNetwork).toBe(true);
  });
});

describe("who sees the participants' list", () => {
  const edition = createEdition(db, now, { capacity: 2, slug: "reseau", title: "Réseau" });
  const other = createEdition(db, now, { capacity: 10, slug: "autre-reseau", title: "Autre" });
  const alice = registered(
    register(db, ctx, edition.slug, person("alice", { listedInNetwork: true, role: "éducatrice" }), now),
  );
  const bruno = registered(register(db, ctx, edition.slug, person("bruno"), now));
  // Past capacity: on the waiting list, registered all the same.
  const chloe = registered(register(db, ctx, edition.slug, person("chloe", { listedInNetwork: true }), now));
  const outsider = registered(register(db, ctx, other.slug, person("outsider", { listedInNetwork: true }), now));
  const leaving = registered(register(db, ctx, other.slug, person("leaving"), now));

  it("an anonymous visitor, with no link or a wrong one, gets a 404 and no list", async () => {
    expect((await privatePage("AAAAAAAAAAAAAAAAAAAAAA")).status).toBe(404);
    expect((await privatePage("pas-un-jeton")).status).toBe(404);
  });

  it("a registered person sees those of their edition who opted in, themselves included, never an email", async () => {
    const seen = await privatePage(bruno.token);
    expect(seen.status).toBe(200);
    const body = seen.body as {
      listed: boolean;
      people: Array<{ firstName: string; lastName: string; organisation: string; role: string | null }>;
    };
    expect(body.listed).toBe(false);
    expect(body.people.map((p) => p.firstName)).toEqual(["Prénomalice", "Prénomchloe"]);
    expect(body.people[0]).toEqual({
      firstName: "Prénomalice",
      lastName: "Nomalice",
      organisation: "Association d’exemple",
      role: "éducatrice",
    });
    expect(JSON.stringify(body)).not.toContain("@example.org");
    expect(((await privatePage(chloe.token)).body as { listed: boolean }).listed).toBe(true);
  });

  it("a participant of another edition sees their own edition's list, not this one", async () => {
    const seen = (await privatePage(outsider.token)).body as { people: Array<{ firstName: string }> };
    expect(seen.people.map((p) => p.firstName)).toEqual(["Prénomoutsider"]);
    expect(JSON.stringify(seen)).not.toMatch(/alice|chloe/);
  });

  it("a cancelled registration sees nothing", async () => {
    cancelRegistration({ db, mail: ctx, actor, now }, leaving.registrationId);
    const seen = await privatePage(leaving.token);
    expect(seen.status).toBe(403);
    expect(JSON.stringify(seen.body)).not.toMatch(/outsider/i);
  });

  it("organisers see it in the back-office; reviewers and visitors do not", async () => {
    await createOrganiserAndReviewer(db);
    const url = `http://cts.test/admin/editions/${edition.id}/reseau`;
    const as = (headers: Record<string, string>) =>
      answer(async () => {
        const request = new Request(url, { headers });
        return adminList.loader({
          request,
          params: { editionId: String(edition.id) },
          context: await adminContext(request),
        } as never);
      });
    const organiser = await as({ Cookie: await signedInCookie(db, ORGANISER_EMAIL) });
    expect(organiser.status).toBe(200);
    expect((organiser.body as { people: Array<{ firstName: string }> }).people.map((p) => p.firstName)).toEqual([
      "Prénomalice",
      "Prénomchloe",
    ]);
    expect((await as({ Cookie: await signedInCookie(db, REVIEWER_EMAIL) })).status).toBe(403);
    const visitor = await as({});
    expect(visitor.status).toBe(302);
    expect(String(visitor.body)).toMatch(/^\/admin\/connexion/);
  });

  it("anyone listed can leave the list, and come back, from their private link", async () => {
    const setListed = (listed: string) =>
      answer(() =>
        privateList.action({
          params: { token: alice.token },
          request: formPost(`http://cts.test/inscription/${alice.token}/participants`, { listed }),
        } as never),
      );
    const leave = await setListed("non");
    expect(leave).toEqual({ status: 303, body: `/inscription/${alice.token}/participants` });
    expect(networkList(db, edition.id).map((p) => p.firstName)).toEqual(["Prénomchloe"]);
    const bad = await setListed("peut-être");
    expect(bad.status).toBe(400);
    expect(setNetworkListing(db, alice.registrationId, true)).toBe(true);
    expect(networkList(db, edition.id).map((p) => p.firstName)).toEqual(["Prénomalice", "Prénomchloe"]);
  });

  it("cancelling or erasing a registration takes the person off the list for good", () => {
    cancelRegistration({ db, mail: ctx, actor, now }, chloe.registrationId);
    expect(networkList(db, edition.id).map((p) => p.firstName)).toEqual(["Prénomalice"]);
    expect(setNetworkListing(db, chloe.registrationId, true)).toBe(false);
    eraseRegistration({ db, mail: ctx, actor, now }, alice.registrationId);
    expect(networkList(db, edition.id)).toEqual([]);
    const erased = db
      .select()
      .from(schema.registrations)
      .where(eq(schema.registrations.id, alice.registrationId))
      .get()!;
    expect(erased.listedInNetwork).toBe(false);
  });
});

describe("the organisations that took part, on the public page", () => {
  const day = pastEdition(db, now, { people: ["o1", "o2", "o3", "o4", "o5", "o6"], present: 5 });
  const organisations: Array<[string, "hebergement" | "sante_medico_social" | "collectivite"]> = [
    ["CHRS Les Tilleuls", "hebergement"],
    ["chrs les  tilleuls", "hebergement"],
    ["CHRS Les Tilleuls", "hebergement"],
    ["EMPP Val-d’Oise", "sante_medico_social"],
    ["Ville de Cergy", "collectivite"],
    // Registered but not checked in: not among those present.
    ["Structure absente", "collectivite"],
  ];
  organisations.forEach(([organisation, structureType], index) => {
    db.update(schema.registrations)
      .set({ organisation, structureType })
      .where(eq(schema.registrations.id, day.attendees[index]!.registrationId))
      .run();
  });
  const page = () => editionPage.loader({ params: { slug: day.edition.slug } } as never);

  it("are not shown before the edition is marked held", () => {
    expect(page().organisations).toEqual([]);
  });

  it("are listed by structure type with counts, once each, and without any person's name", () => {
    day.markHeld();
    // Once the retention time has passed, a person present still counts, without their organisation.
    anonymiseRegistration(db, day.attendees[4]!.registrationId, now);
    const shown = page().organisations;
    expect(shown).toEqual([
      { type: "hebergement", people: 3, organisations: ["CHRS Les Tilleuls"] },
      { type: "sante_medico_social", people: 1, organisations: ["EMPP Val-d’Oise"] },
      { type: "collectivite", people: 1, organisations: [] },
    ]);
    expect(participatingOrganisations(db, day.edition.id)).toEqual(shown);
    const json = JSON.stringify(shown);
    for (const attendee of day.attendees) {
      expect(json).not.toContain(attendee.input.firstName);
      expect(json).not.toContain(attendee.input.lastName);
      expect(json).not.toContain(attendee.input.email);
    }
    expect(json).not.toContain("absente");
  });
});
