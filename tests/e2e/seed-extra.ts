// Adds, next to the demo data, what the end-to-end tests need: a small edition they can fill
// up, and one account per role.
import { register } from "../../app/domain/registrations/registrations.server";
import { createUser } from "../../app/domain/users.server";
import { openDatabase } from "../../app/lib/db.server";
import { env } from "../../app/lib/env.server";
import { mailContext } from "../../app/lib/mail-context.server";
import { createEdition } from "../support/fixtures";

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
} as const;

const db = openDatabase(env().databasePath);
const now = new Date();
createEdition(db, now, {
  slug: "edition-e2e",
  title: "Édition de test",
  capacity: 1,
  startsAt: new Date(now.getTime() + 200 * 86_400_000),
  endsAt: new Date(now.getTime() + 200 * 86_400_000 + 6 * 3_600_000),
  registrationClosesAt: new Date(now.getTime() + 190 * 86_400_000),
});
// Later than the demo's next edition, so the home page keeps announcing the demo one.
createEdition(db, now, {
  slug: "edition-e2e-autre",
  title: "Autre édition de test",
  capacity: 10,
  startsAt: new Date(now.getTime() + 250 * 86_400_000),
  endsAt: new Date(now.getTime() + 250 * 86_400_000 + 6 * 3_600_000),
  registrationClosesAt: new Date(now.getTime() + 240 * 86_400_000),
});
// A day that began yesterday and is not yet marked as held, with one person registered a month
// earlier: the certificates test checks them in, marks the day held and issues certificates.
const month = 30 * 86_400_000;
const started = createEdition(db, new Date(now.getTime() - month), {
  slug: "edition-e2e-commencee",
  title: "Journée de test déjà commencée",
  capacity: 10,
  startsAt: new Date(now.getTime() - 86_400_000),
  endsAt: new Date(now.getTime() - 86_400_000 + 6 * 3_600_000),
  registrationClosesAt: new Date(now.getTime() - 2 * 86_400_000),
});
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
for (const account of Object.values(E2E_ACCOUNTS)) {
  await createUser(db, { name: `Compte ${account.role}`, ...account });
}
db.$client.close();
