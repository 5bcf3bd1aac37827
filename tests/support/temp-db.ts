import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { openDatabase, type Db } from "#app/lib/db.server.ts";

/** A fresh, migrated SQLite file in its own temporary folder, removed when the test file ends. */
export function tempDb(): { db: Db; file: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cts-test-"));
  const file = path.join(dir, "cts.db");
  const db = openDatabase(file);
  afterAll(() => {
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { db, file, dir };
}

/**
 * What most integration files start from: a fresh database (as `tempDb`), the instant their tests
 * take as now, and the actor of a change made with no signed-in account (a script, the system).
 */
export function tempDbAt(now: string) {
  return { ...tempDb(), now: new Date(now), noAccount: { userId: null } };
}
