import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "#db/schema.ts";
import { env } from "./env.server.ts";
import { foldText } from "./fold.ts";
import { joinFields, joinLines } from "./search-text.ts";
import { stemText } from "./stems.server.ts";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_DIR = path.resolve(process.cwd(), "db/migrations");

/**
 * Opens (creating if needed) one SQLite file with the pragmas every connection needs.
 * See docs/decisions/002-sqlite-pragmas.md for why each value.
 */
export function openDatabase(file: string, options: { migrate?: boolean } = {}): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 15000");
  // Erased personal data must not survive in free space of a page or in the freelist.
  sqlite.pragma("secure_delete = ON");
  registerFunctions(sqlite);
  reusePreparedStatements(sqlite);
  const db = drizzle(sqlite, { schema }) as Db;
  if (options.migrate ?? true) migrateWithoutCascades(sqlite, db);
  return db;
}

/**
 * The SQL functions the schema relies on. A script that opens the file with better-sqlite3 itself
 * and writes to a table the search index follows must register them too.
 */
export function registerFunctions(sqlite: Database.Database): void {
  // fold('Éloïse') = 'eloise': searches typed on a phone ignore case and accents.
  sqlite.function("fold", { deterministic: true }, (value: unknown) =>
    typeof value === "string" ? foldText(value) : value,
  );
  // The search index's triggers write French stems next to each text (migration 0013): any
  // connection that writes a synthesis, an edition, a programme item or a service needs it.
  sqlite.function("stems", { deterministic: true }, (value: unknown) =>
    typeof value === "string" ? stemText(value) : value,
  );
  // The text a search snippet is cut from: fields apart, lists as lists (migration 0017).
  sqlite.function("search_join", { deterministic: true, varargs: true }, (separator: unknown, ...fields: unknown[]) =>
    joinFields(String(separator), fields),
  );
  sqlite.function("search_lines", { deterministic: true }, (text: unknown, separator: unknown) =>
    joinLines(text, String(separator)),
  );
}

/**
 * Runs the migrations with foreign keys off, as SQLite asks for schema changes: a migration that
 * rebuilds a table (SQLite cannot make a column nullable in place) drops the old one, and with
 * foreign keys on that drop would set every reference to it to null (certificates, emails and
 * survey answers would lose their registration). The references are checked once it is done.
 */
function migrateWithoutCascades(sqlite: Database.Database, db: Db): void {
  sqlite.pragma("foreign_keys = OFF");
  try {
    migrate(db, { migrationsFolder: MIGRATIONS_DIR });
    const broken = sqlite.pragma("foreign_key_check") as unknown[];
    if (broken.length > 0) throw new Error(`migrations left ${broken.length} broken references`);
  } finally {
    sqlite.pragma("foreign_keys = ON");
  }
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Drizzle prepares every query afresh, and compiling the SQL costs more than running it on
 * this app's small indexed lookups. Statements are kept by SQL text (least recently used out
 * first) and handed back with their row mode reset, since Drizzle switches `raw()` per call.
 */
function reusePreparedStatements(sqlite: Database.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const kept = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    const found = kept.get(source);
    // A statement still iterating cannot run a second query at the same time.
    if (found && !found.busy) {
      kept.delete(source);
      kept.set(source, found);
      if (found.reader) found.raw(false).pluck(false).expand(false);
      return found;
    }
    const statement = prepare(source);
    if (found) return statement;
    kept.set(source, statement);
    if (kept.size > STATEMENT_CACHE_SIZE) kept.delete(kept.keys().next().value!);
    return statement;
  }) as Database.Database["prepare"];
}

let shared: Db | undefined;

/** The app's one connection, opened and migrated on first use. */
export function db(): Db {
  shared ??= openDatabase(env().databasePath);
  return shared;
}

export function closeDb(): void {
  shared?.$client.close();
  shared = undefined;
}

/**
 * The folder the database file lives in: the data folder, which also holds captured emails and
 * uploads. Null for an in-memory database.
 */
export function dataFolderOf(database: Db): string | null {
  const file = database.$client.name;
  return file && file !== ":memory:" ? path.dirname(path.resolve(file)) : null;
}

/** Longest a checkpoint after an erasure waits for another process's reader to finish. */
const CHECKPOINT_WAIT_MS = 2000;

/**
 * Copies the WAL into the database file and truncates it to zero bytes, so that the page images
 * written before an erasure (which still hold the erased values) leave the disk files. Returns
 * false when a reader in another process kept it from completing: the frames stay until the next
 * call succeeds (the daily purge calls it again). A no-op inside a transaction.
 */
export function truncateWal(database: Db): boolean {
  const sqlite = database.$client;
  if (sqlite.inTransaction || sqlite.name === ":memory:") return false;
  const previous = sqlite.pragma("busy_timeout", { simple: true }) as number;
  sqlite.pragma(`busy_timeout = ${CHECKPOINT_WAIT_MS}`);
  try {
    const [result] = sqlite.pragma("wal_checkpoint(TRUNCATE)") as Array<{ busy: number }>;
    return result?.busy === 0;
  } finally {
    sqlite.pragma(`busy_timeout = ${previous}`);
  }
}

/**
 * Runs `work` in a `BEGIN IMMEDIATE` transaction: the write lock is taken before the first
 * read, so a read-then-write rule (capacity, uniqueness) cannot race another connection.
 */
export function immediate<T>(database: Db, work: () => T): T {
  return database.$client.transaction(work).immediate();
}

/** For /healthz: the database opens and answers a query. */
export function databaseAnswers(): boolean {
  try {
    db().$client.prepare("select 1").get();
    return true;
  } catch {
    return false;
  }
}
