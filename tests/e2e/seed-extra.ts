// Adds, next to the demo data, what the end-to-end tests need: a small edition they can fill
// up, and one account per role.
import { createUser } from "../../app/domain/users.server";
import { openDatabase } from "../../app/lib/db.server";
import { env } from "../../app/lib/env.server";
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
for (const account of Object.values(E2E_ACCOUNTS)) {
  await createUser(db, { name: `Compte ${account.role}`, ...account });
}
db.$client.close();
