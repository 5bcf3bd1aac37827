import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export class BackupError extends Error {}

function integrity(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return String(db.pragma("integrity_check", { simple: true }));
  } finally {
    db.close();
  }
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
}

/**
 * A consistent copy of the live database, taken with `VACUUM INTO` while the app keeps writing,
 * checked with `integrity_check`; only the newest `keep` copies are kept. `VACUUM INTO` reads
 * one snapshot in a single read transaction (WAL: writers are not blocked), where the online
 * backup API starts over each time another connection writes, and may never finish under load.
 */
export async function backupDatabase(
  databasePath: string,
  options: { dir: string; keep: number; now?: Date },
): Promise<{ file: string; removed: string[] }> {
  fs.mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const file = path.join(options.dir, `cts-${stamp(options.now ?? new Date())}.db`);
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  const source = new Database(databasePath, { fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    source.prepare("VACUUM INTO ?").run(partial);
  } finally {
    source.close();
  }
  const check = integrity(partial);
  if (check !== "ok") {
    fs.rmSync(partial, { force: true });
    throw new BackupError(`La copie ne passe pas le contrôle d’intégrité\u00a0: ${check}`);
  }
  fs.renameSync(partial, file);
  const copies = fs
    .readdirSync(options.dir)
    .filter((name) => /^cts-\d{8}-\d{6}\.db$/.test(name))
    .sort()
    .reverse();
  const removed = copies.slice(options.keep).map((name) => path.join(options.dir, name));
  for (const old of removed) fs.rmSync(old, { force: true });
  return { file, removed };
}

/**
 * Puts a backup in place of the database (the app must be stopped). The current file is kept
 * aside, and its -wal and -shm files are removed: they belong to the old database and would
 * corrupt the restored one if SQLite replayed them.
 */
export function restoreDatabase(backupFile: string, databasePath: string, now: Date = new Date()): { previous: string | null } {
  if (!fs.existsSync(backupFile)) throw new BackupError(`Copie introuvable\u00a0: ${backupFile}`);
  let check: string;
  try {
    check = integrity(backupFile);
  } catch (error) {
    throw new BackupError(`Ce fichier n’est pas une base SQLite lisible\u00a0: ${(error as Error).message}`);
  }
  if (check !== "ok") throw new BackupError(`La copie ne passe pas le contrôle d’intégrité\u00a0: ${check}`);
  const staging = `${databasePath}.restoring`;
  fs.copyFileSync(backupFile, staging);
  let previous: string | null = null;
  if (fs.existsSync(databasePath)) {
    previous = `${databasePath}.avant-restauration-${stamp(now)}`;
    fs.renameSync(databasePath, previous);
  }
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${databasePath}${suffix}`, { force: true });
  fs.renameSync(staging, databasePath);
  return { previous };
}
