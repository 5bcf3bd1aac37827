// `npm run privacy:purge`: anonymises the registrations and contributions of editions that
// ended more than RETENTION_MONTHS ago, deletes old directory correction requests and speakers'
// addresses, finishes pending email erasures, and deletes backups older than BACKUP_MAX_AGE_DAYS
// (the app also does all of it once a day).
import { purgeExpiredPersonalData } from "#app/domain/privacy/privacy.server.ts";
import { pruneBackups } from "#app/lib/backup.server.ts";
import { openDatabase } from "#app/lib/db.server.ts";
import { env } from "#app/lib/env.server.ts";

const config = env();
const db = openDatabase(config.databasePath);
const done = purgeExpiredPersonalData(db, { months: config.retentionMonths });
db.$client.close();
const pruned = pruneBackups(config.backupDir, config.backupMaxAgeDays);
console.log(
  `Conservation ${config.retentionMonths}\u00a0mois\u00a0: ${done.editions} édition(s) concernée(s), ` +
    `${done.registrations} inscription(s) et ${done.contributions} contribution(s) anonymisée(s), ` +
    `${done.corrections} demande(s) de correction effacée(s), ${done.speakers} fiche(s) d’intervenant allégée(s) ou supprimée(s), ` +
    `${done.emails} courriel(s) effacé(s)\u00a0; ${pruned.length} sauvegarde(s) de plus de ${config.backupMaxAgeDays}\u00a0jours supprimée(s).`,
);
