import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { namesInFolder } from "./files.server.ts";

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

const COPY_NAME = /^cts-\d{8}-\d{6}\.db$/;
/** Regular copies, and databases set aside by a restore: both hold data erased since. */
const DATED_NAME = /^cts-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-avant-restauration)?\.db$/;

function stampedAt(name: string): Date | null {
  const match = DATED_NAME.exec(name);
  if (!match) return null;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  return new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!));
}

/**
 * Deletes the copies older than `maxAgeDays`, by the date in their names. What a person erased
 * survives in the copies taken before, and the privacy page promises how long: this keeps the
 * promise even when no backup has run since.
 */
export function pruneBackups(dir: string, maxAgeDays: number, now: Date = new Date()): string[] {
  const names = namesInFolder(dir);
  const limit = now.getTime() - maxAgeDays * 86_400_000;
  const removed: string[] = [];
  for (const name of names) {
    const at = stampedAt(name);
    if (!at || at.getTime() >= limit) continue;
    fs.rmSync(path.join(dir, name), { force: true });
    removed.push(path.join(dir, name));
  }
  return removed;
}

/**
 * A consistent copy of the live database, taken with `VACUUM INTO` while the app keeps writing,
 * checked with `integrity_check`; only the newest `keep` copies are kept. `VACUUM INTO` reads
 * one snapshot in a single read transaction (WAL: writers are not blocked), where the online
 * backup API starts over each time another connection writes, and may never finish under load.
 */
export async function backupDatabase(
  databasePath: string,
  options: { dir: string; keep: number; maxAgeDays?: number; now?: Date },
): Promise<{ file: string; removed: string[] }> {
  const now = options.now ?? new Date();
  fs.mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const file = path.join(options.dir, `cts-${stamp(now)}.db`);
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
    .filter((name) => COPY_NAME.test(name))
    .sort()
    .reverse();
  const removed = copies.slice(options.keep).map((name) => path.join(options.dir, name));
  for (const old of removed) fs.rmSync(old, { force: true });
  if (options.maxAgeDays !== undefined) removed.push(...pruneBackups(options.dir, options.maxAgeDays, now));
  return { file, removed };
}

/**
 * Puts a backup in place of the database (the app must be stopped). The current file is kept
 * aside, in `asideDir` (the backup folder: out of the data folder, and deleted with the copies
 * when it is as old as them), and its -wal and -shm files are removed: they belong to the old
 * database and would corrupt the restored one if SQLite replayed them.
 */
export function restoreDatabase(
  backupFile: string,
  databasePath: string,
  now: Date = new Date(),
  asideDir: string = path.dirname(databasePath),
): { previous: string | null } {
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
    fs.mkdirSync(asideDir, { recursive: true, mode: 0o700 });
    previous = path.join(asideDir, `cts-${stamp(now)}-avant-restauration.db`);
    moveFile(databasePath, previous);
  }
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${databasePath}${suffix}`, { force: true });
  fs.renameSync(staging, databasePath);
  return { previous };
}

/** A rename, or a copy then a delete when the backup folder is on another file system. */
function moveFile(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
    fs.copyFileSync(from, to);
    fs.rmSync(from);
  }
}
