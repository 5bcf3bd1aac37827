// `npm run db:restore -- <backup file>`: puts a verified backup in place of DATABASE_PATH.
// Stop the app first; start it again afterwards (migrations apply if the copy is older).
import Database from "better-sqlite3";
import {
  ERASURE_JOURNAL_SQL,
  purgeExpiredPersonalData,
  replayErasures,
  type JournalEntry,
} from "#app/domain/privacy/privacy.server.ts";
import { BackupError, restoreDatabase } from "#app/lib/backup.server.ts";
import { openDatabase } from "#app/lib/db.server.ts";
import { env } from "#app/lib/env.server.ts";
import { mailContext } from "#app/lib/mail-context.server.ts";

const file = process.argv[2];
if (!file) {
  console.error("Usage\u00a0: npm run db:restore -- <fichier de sauvegarde>");
  process.exit(2);
}
const config = env();
try {
  const { previous } = restoreDatabase(file, config.databasePath, new Date(), config.backupDir);
  const db = openDatabase(config.databasePath);
  console.log(`Base restaurée depuis ${file}.`);
  if (previous) {
    console.log(`L’ancienne base est conservée sous ${previous}, et supprimée avec les sauvegardes de son âge.`);
    // The copy predates the erasures made since; the set-aside database's journal lists them.
    let journal: JournalEntry[] = [];
    try {
      const old = new Database(previous, { readonly: true, fileMustExist: true });
      journal = old.prepare(ERASURE_JOURNAL_SQL).all() as JournalEntry[];
      old.close();
    } catch (error) {
      console.error(
        `Journal de l’ancienne base illisible (${(error as Error).message})\u00a0: refaites à la main les effacements faits depuis la copie.`,
      );
    }
    const replayed = replayErasures(db, mailContext(), journal);
    console.log(
      `Effacements refaits depuis l’ancienne base\u00a0: ${replayed.registrations} inscription(s), ${replayed.corrections} demande(s) de correction.`,
    );
  }
  purgeExpiredPersonalData(db, { months: config.retentionMonths });
  db.$client.close();
} catch (error) {
  if (error instanceof BackupError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
