// `npm run db:restore -- <backup file>`: puts a verified backup in place of DATABASE_PATH.
// Stop the app first; start it again afterwards (migrations apply if the copy is older).
import { BackupError, restoreDatabase } from "../lib/backup.server";
import { openDatabase } from "../lib/db.server";
import { env } from "../lib/env.server";

const file = process.argv[2];
if (!file) {
  console.error("Usage\u00a0: npm run db:restore -- <fichier de sauvegarde>");
  process.exit(2);
}
const config = env();
try {
  const { previous } = restoreDatabase(file, config.databasePath);
  openDatabase(config.databasePath).$client.close();
  console.log(`Base restaurée depuis ${file}.`);
  if (previous) console.log(`L’ancienne base est conservée sous ${previous}.`);
} catch (error) {
  if (error instanceof BackupError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
