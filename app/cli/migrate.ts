// `npm run db:migrate`: applies pending migrations to DATABASE_PATH and exits.
import { openDatabase } from "#app/lib/db.server.ts";
import { env } from "#app/lib/env.server.ts";

const { databasePath } = env();
openDatabase(databasePath).$client.close();
console.log(`Migrations applied to ${databasePath}`);
