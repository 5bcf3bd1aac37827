import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

export const TEST_SESSION_SECRET = "a-test-secret-that-is-long-enough-0123456789";

/**
 * Routes read the app's own connection and configuration once, when first loaded: this points
 * them at a fresh database in its own temporary folder, removed when the test file ends. Await it
 * before importing any app module (dynamically, so that the configuration is set first).
 */
export async function appDatabase(name: string, appUrl = "http://cts.test") {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cts-${name}-`));
  const file = path.join(dir, "cts.db");
  process.env.DATABASE_PATH = file;
  process.env.SESSION_SECRET = TEST_SESSION_SECRET;
  process.env.APP_URL = appUrl;
  const { db, closeDb } = await import("#app/lib/db.server.ts");
  afterAll(() => {
    closeDb();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { db: db(), dir, file };
}
