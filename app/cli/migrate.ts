// `npm run db:migrate`: applies pending migrations to DATABASE_PATH and exits.
import { openDatabase } from "../lib/db.server";
import { env } from "../lib/env.server";

const { databasePath } = env();
openDatabase(databasePath).$client.close();
console.log(`Migrations applied to ${databasePath}`);
