import { tsxArgs } from "#tests/support/tsx.ts";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { registrations } from "#db/schema.ts";
import { register } from "#app/domain/registrations/registrations.server.ts";
import {
  ERASURE_JOURNAL_SQL,
  eraseRegistration,
  replayErasures,
  type JournalEntry,
} from "#app/domain/privacy/privacy.server.ts";
import { backupDatabase, BackupError, pruneBackups, restoreDatabase } from "#app/lib/backup.server.ts";
import { openDatabase } from "#app/lib/db.server.ts";
import { createEdition, ctx, person } from "#tests/support/fixtures.ts";
import { tempDb } from "#tests/support/temp-db.ts";

const { db, dir, file } = tempDb();
const now = new Date("2026-11-26T10:00:00Z");
const edition = createEdition(db, now, { capacity: 100_000 });
for (let i = 0; i < 300; i++) register(db, ctx, edition.slug, person(`avant${i}`), now);

function countIn(databaseFile: string): number {
  const copy = openDatabase(databaseFile, { migrate: false });
  const n = copy.select({ n: count() }).from(registrations).get()!.n;
  copy.$client.close();
  return n;
}

describe("backups", () => {
  it("takes a consistent copy while another process keeps writing, verified by integrity_check", async () => {
    // Another OS process registers people while the backup runs.
    const startAt = Date.now() + 2500;
    const writer = spawn(
      process.execPath,
      tsxArgs("tests/support/register-worker.ts", file, edition.slug, "bk", "400", String(startAt)),
      { stdio: ["ignore", "ignore", "inherit"] },
    );
    const finished = new Promise<number | null>((resolve) => writer.on("exit", resolve));
    while (countIn(file) < 320) await new Promise((resolve) => setTimeout(resolve, 20));
    const { file: copy } = await backupDatabase(file, { dir: path.join(dir, "backups"), keep: 3 });
    const atBackup = countIn(copy);
    expect(await finished).toBe(0);
    const check = new Database(copy, { readonly: true });
    expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
    check.close();
    // A snapshot from the middle of the writes: some were in, the rest came after.
    expect(atBackup).toBeGreaterThanOrEqual(320);
    expect(atBackup).toBeLessThan(countIn(file));
    expect(countIn(file)).toBe(700);
  }, 60_000);

  it("keeps only the newest copies", async () => {
    const backups = path.join(dir, "rotation");
    for (let i = 0; i < 4; i++)
      await backupDatabase(file, { dir: backups, keep: 2, now: new Date(now.getTime() + i * 1000) });
    expect(fs.readdirSync(backups).sort()).toEqual(["cts-20261126-100002.db", "cts-20261126-100003.db"]);
  });

  it("restores a copy in place of the database, setting the old one aside and dropping its WAL", async () => {
    const { file: copy } = await backupDatabase(file, { dir: path.join(dir, "restore"), keep: 1 });
    const atCopy = countIn(copy);
    register(db, ctx, edition.slug, person("apres-la-copie"), now);
    const target = path.join(dir, "target.db");
    fs.copyFileSync(file, target);
    fs.writeFileSync(`${target}-wal`, "stale wal of the old database");
    const { previous } = restoreDatabase(copy, target);
    expect(previous).not.toBeNull();
    expect(fs.existsSync(previous!)).toBe(true);
    expect(fs.existsSync(`${target}-wal`)).toBe(false);
    expect(countIn(target)).toBe(atCopy);
  });

  it("deletes copies older than the maximum age, databases set aside by a restore included", () => {
    const folder = path.join(dir, "ageing");
    fs.mkdirSync(folder);
    const names = [
      "cts-20261001-100000.db",
      "cts-20261026-100000-avant-restauration.db",
      "cts-20261027-100000.db",
      "cts-20261120-100000.db",
      "notes.txt",
    ];
    for (const name of names) fs.writeFileSync(path.join(folder, name), "x");
    expect(
      pruneBackups(folder, 30, now)
        .map((file) => path.basename(file))
        .sort(),
    ).toEqual(["cts-20261001-100000.db", "cts-20261026-100000-avant-restauration.db"]);
    expect(fs.readdirSync(folder).sort()).toEqual(["cts-20261027-100000.db", "cts-20261120-100000.db", "notes.txt"]);
    expect(pruneBackups(path.join(dir, "missing"), 30, now)).toEqual([]);
  });

  it("sets the current database aside in the backup folder, and a restore never brings back someone erased since the copy", async () => {
    const erasing = createEdition(db, now, { capacity: 10 });
    const gone = register(db, ctx, erasing.slug, person("effacee-depuis"), now);
    if (!("registrationId" in gone)) throw new Error("expected a registration");
    const { file: copy } = await backupDatabase(file, { dir: path.join(dir, "before-erasure"), keep: 1 });
    eraseRegistration({ db, mail: ctx, actor: { userId: null }, now }, gone.registrationId);
    const target = path.join(dir, "erased-target.db");
    fs.copyFileSync(file, target);
    const aside = path.join(dir, "aside");
    const { previous } = restoreDatabase(copy, target, now, aside);
    expect(path.dirname(previous!)).toBe(aside);
    expect(path.basename(previous!)).toBe("cts-20261126-100000-avant-restauration.db");
    expect(fs.readdirSync(dir)).not.toContain("erased-target.db.avant-restauration-20261126-100000");

    const restored = openDatabase(target);
    const nameOf = () =>
      restored.select().from(registrations).where(eq(registrations.id, gone.registrationId)).get()!.firstName;
    expect(nameOf()).toBe("Prénomeffacee-depuis");
    const old = new Database(previous!, { readonly: true });
    const journal = old.prepare(ERASURE_JOURNAL_SQL).all() as JournalEntry[];
    old.close();
    expect(replayErasures(restored, ctx, journal)).toEqual({ registrations: 1, corrections: 0 });
    expect(nameOf()).toBe("(effacé)");
    restored.$client.close();
  });

  it("refuses to restore something that is not a sound SQLite database", () => {
    const junk = path.join(dir, "junk.db");
    fs.writeFileSync(junk, "not a database at all, just text");
    expect(() => restoreDatabase(junk, path.join(dir, "other.db"))).toThrow(BackupError);
    expect(() => restoreDatabase(path.join(dir, "missing.db"), path.join(dir, "other.db"))).toThrow(/introuvable/);
  });

  it("works from the command line: npm run db:backup and db:restore", () => {
    const run = (script: string, args: string[], databasePath: string) =>
      spawnSync(process.execPath, tsxArgs(script, ...args), {
        env: { ...process.env, DATABASE_PATH: databasePath, NODE_ENV: "test" },
        encoding: "utf8",
      });
    const backup = run("app/cli/db-backup.ts", ["--dir", path.join(dir, "cli"), "--keep", "2"], file);
    expect(backup.status).toBe(0);
    const made = /Copie vérifiée\u00a0: (.+\.db)/.exec(backup.stdout)?.[1];
    expect(made && fs.existsSync(made)).toBe(true);
    const restored = run("app/cli/db-restore.ts", [made!], path.join(dir, "cli-target.db"));
    expect(restored.status).toBe(0);
    expect(countIn(path.join(dir, "cli-target.db"))).toBe(countIn(made!));
    expect(run("app/cli/db-restore.ts", [], file).status).toBe(2);
  });
});
