// `npm run db:backup [-- --dir <folder> --keep 7]`: a consistent copy of the live database,
// taken while the app runs, verified, keeping the newest N and none older than
// BACKUP_MAX_AGE_DAYS. The folder is BACKUP_DIR, by default a sibling of the data folder
// (`data` → `data-backups`): never inside it, so that an erasure leaves nothing in the data folder.
import { parseArgs } from "node:util";
import { backupDatabase, BackupError } from "#app/lib/backup.server.ts";
import { env } from "#app/lib/env.server.ts";

const config = env();
const { values } = parseArgs({
  options: { dir: { type: "string" }, keep: { type: "string", default: "7" } },
});
const keep = Number(values.keep);
if (!Number.isInteger(keep) || keep < 1) {
  console.error("--keep doit être un entier positif.");
  process.exit(2);
}
try {
  const { file, removed } = await backupDatabase(config.databasePath, {
    dir: values.dir ?? config.backupDir,
    keep,
    maxAgeDays: config.backupMaxAgeDays,
  });
  console.log(`Copie vérifiée\u00a0: ${file}`);
  for (const old of removed) console.log(`Ancienne copie supprimée\u00a0: ${old}`);
} catch (error) {
  if (error instanceof BackupError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
