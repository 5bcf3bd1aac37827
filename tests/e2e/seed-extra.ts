// Adds, next to the demo data, what the end-to-end tests need: a small edition they can fill
// up, and one account per role.
import fs from "node:fs";
import path from "node:path";
import { sessions } from "#db/schema.ts";
import { setEditionStatus } from "#app/domain/editions/admin.server.ts";
import { setPresence } from "#app/domain/registrations/check-in.server.ts";
import { register } from "#app/domain/registrations/registrations.server.ts";
import { createUser } from "#app/domain/accounts/users.server.ts";
import { openDatabase } from "#app/lib/db.server.ts";
import { env } from "#app/lib/env.server.ts";
import { mailContext } from "#app/lib/mail-context.server.ts";
import { createEdition, person } from "#tests/support/fixtures.ts";

export const E2E_ACCOUNTS = {
  organiser: { email: "organisatrice@e2e.example", password: "organisatrice-e2e-95", role: "organiser" },
  reviewer: { email: "relecteur@e2e.example", password: "relecteur-e2e-9500", role: "reviewer" },
  // Turns two-factor login on in its own test, so no other test meets the code step.
  twoFactor: {
    email: "deux-facteurs@e2e.example",
    password: "deux-facteurs-e2e-95",
    role: "organiser",
    name: "Compte à double authentification",
  },
  // Forgets its password in tests/e2e/forgotten-password.spec.ts; no other test logs in with it.
  forgetful: { email: "oubli@e2e.example", password: "oubli-e2e-95-ancien", role: "reviewer" },
} as const;

const db = openDatabase(env().databasePath);
const now = new Date();
const DAY = 86_400_000;
const HOUR = 3_600_000;
/** 07:00 UTC (8 or 9 h in Paris) so that a day never crosses midnight, whenever the suite runs. */
function morningOf(daysFromToday: number): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + daysFromToday, 7));
}
/** A six-hour day `days` from today, whose registration closes `closesIn` days from now. */
function e2eEdition(slug: string, title: string, capacity: number, days: number, closesIn: number, createdAt = now) {
  return createEdition(db, createdAt, {
    slug,
    title,
    capacity,
    startsAt: morningOf(days),
    endsAt: new Date(morningOf(days).getTime() + 6 * HOUR),
    registrationClosesAt: new Date(now.getTime() + closesIn * DAY),
  });
}
e2eEdition("edition-e2e", "Édition de test", 1, 200, 190);
// Later than the demo's next edition, so the home page keeps announcing the demo one.
e2eEdition("edition-e2e-autre", "Autre édition de test", 10, 250, 240);
// Yesterday's day that nobody marks held, for the walk-in refused once check-in time is over
// (tests/e2e/lifecycle.spec.ts); the day above is marked held by the certificates test.
e2eEdition("edition-e2e-hier", "Journée d’hier jamais clôturée", 10, -1, -2, new Date(now.getTime() - 30 * DAY));
// Self-service (tests/e2e/self-service.spec.ts): one edition where places are handed over and
// addresses corrected, one with a single seat left for a team of three.
e2eEdition("edition-e2e-cession", "Édition de test des cessions", 10, 260, 250);
const teamEdition = e2eEdition("edition-e2e-equipe", "Édition de test des équipes", 3, 270, 260);
for (const n of ["equipe-deja-1", "equipe-deja-2"]) register(db, mailContext(), teamEdition.slug, person(n), now);
// A day that began yesterday and is not yet marked as held, with one person registered a month
// earlier: the certificates test checks them in, marks the day held and issues certificates.
const month = 30 * 86_400_000;
const started = e2eEdition(
  "edition-e2e-commencee",
  "Journée de test déjà commencée",
  10,
  -1,
  -2,
  new Date(now.getTime() - month),
);
register(
  db,
  mailContext(),
  started.slug,
  {
    firstName: "Inès",
    lastName: "Attestée",
    email: "ines.attestee@example.org",
    organisation: "Accueil de jour d’exemple",
    role: "travailleuse sociale",
    structureType: "hebergement",
    accessNeeds: null,
    meal: false,
  },
  new Date(now.getTime() - month),
);
// After the day (survey and participants' network): two editions that took place yesterday, with
// people who registered a month before. The first is left for the tests to check people in and
// mark it held; the second is already held, with one person checked in, for the HTML checker.
const monthAgo = new Date(now.getTime() - 30 * DAY);
const yesterday = morningOf(-1);
const privateLinks: Record<string, string> = {};
// The app's own secret and address, so that the links it emails later are these same links.
const ctx = mailContext();
for (const [slug, title, people] of [
  [
    "edition-e2e-passee",
    "Édition passée de test",
    [
      {
        key: "presente",
        first: "Alice",
        last: "Présente",
        email: "alice.presente@example.org",
        organisation: "CHRS Les Tilleuls",
        listed: true,
      },
      {
        key: "absent",
        first: "Bruno",
        last: "Absent",
        email: "bruno.absent@example.org",
        organisation: "Mairie de Pontoise",
        listed: false,
      },
    ],
  ],
  [
    "edition-e2e-tenue",
    "Édition tenue de test",
    [
      {
        key: "tenue",
        first: "Chloé",
        last: "Tenue",
        email: "chloe.tenue@example.org",
        organisation: "EMPP du Val-d’Oise",
        listed: true,
      },
    ],
  ],
] as const) {
  const edition = createEdition(db, monthAgo, {
    slug,
    title,
    capacity: 20,
    startsAt: yesterday,
    endsAt: new Date(yesterday.getTime() + 7 * HOUR),
    registrationClosesAt: new Date(yesterday.getTime() - DAY),
  });
  ["Conférence d’ouverture", "Table ronde du matin", "Atelier de l’après-midi"].forEach((sessionTitle, index) => {
    db.insert(sessions)
      .values({
        editionId: edition.id,
        kind: index === 0 ? "conference" : index === 1 ? "table_ronde" : "atelier",
        title: sessionTitle,
        startsAt: new Date(yesterday.getTime() + index * 2 * HOUR),
        endsAt: new Date(yesterday.getTime() + (index * 2 + 1) * HOUR),
        position: index + 1,
      })
      .run();
  });
  for (const who of people) {
    const outcome = register(
      db,
      ctx,
      slug,
      person(who.key, {
        firstName: who.first,
        lastName: who.last,
        email: who.email,
        organisation: who.organisation,
        listedInNetwork: who.listed,
      }),
      monthAgo,
    );
    if (!("token" in outcome)) throw new Error(`could not register ${who.email}`);
    privateLinks[who.key] = `/inscription/${outcome.token}`;
    if (slug === "edition-e2e-tenue")
      setPresence({ db, actor: { userId: null }, now: yesterday }, edition.id, outcome.registrationId, true);
  }
  if (slug === "edition-e2e-tenue") setEditionStatus({ db, actor: { userId: null }, now }, edition.id, "held");
}
// Check-in by typed code (tests/e2e/check-in-code.spec.ts): a day under way of its own, so that
// checking its one person in changes nothing that other specs count on « déjà commencée ».
const codeDay = e2eEdition("edition-e2e-code-accueil", "Journée de test de l’accueil par code", 10, -1, -2, monthAgo);
const codePerson = register(
  db,
  ctx,
  codeDay.slug,
  person("code", { firstName: "Noé", lastName: "Scanné", email: "noe.scanne@example.org" }),
  monthAgo,
);
if (!("token" in codePerson)) throw new Error("could not register noe.scanne@example.org");
privateLinks["code"] = `/inscription/${codePerson.token}`;

// Tests reach private pages through emails; the HTML checker, which cannot, reads them here.
fs.writeFileSync(path.join(path.dirname(env().databasePath), "e2e-private-links.json"), JSON.stringify(privateLinks));

for (const account of Object.values(E2E_ACCOUNTS)) {
  await createUser(db, { name: `Compte ${account.role}`, ...account });
}
db.$client.close();
