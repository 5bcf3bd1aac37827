// Adds, next to the demo data, one small edition the end-to-end tests can fill up.
import { openDatabase } from "../../app/lib/db.server";
import { env } from "../../app/lib/env.server";
import { createEdition } from "../support/fixtures";

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
db.$client.close();
