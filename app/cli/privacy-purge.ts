// `npm run privacy:purge`: anonymises the registrations and contributions of editions that
// ended more than RETENTION_MONTHS ago (the app also does it once a day).
import { purgeExpiredPersonalData } from "../domain/privacy.server";
import { openDatabase } from "../lib/db.server";
import { env } from "../lib/env.server";

const config = env();
const db = openDatabase(config.databasePath);
const done = purgeExpiredPersonalData(db, { months: config.retentionMonths });
db.$client.close();
console.log(
  `Conservation ${config.retentionMonths}\u00a0mois\u00a0: ${done.editions} édition(s) concernée(s), ` +
    `${done.registrations} inscription(s) et ${done.contributions} contribution(s) anonymisée(s).`,
);
