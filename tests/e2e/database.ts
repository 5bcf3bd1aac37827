import Database from "better-sqlite3";
import { test } from "@playwright/test";

/** The database of the app this spec runs against: each project of playwright.config.ts has its own. */
export function e2eDatabasePath(): string {
  const file =
    test.info().project.name === "chromium-2" ? process.env.E2E_SECOND_DATABASE_PATH : process.env.E2E_DATABASE_PATH;
  if (!file) throw new Error("the e2e database path is not set (see playwright.config.ts)");
  return file;
}

/** Read-only access to the database of the running app, to count what requests wrote. */
export function countRows(sql: string, ...params: unknown[]): number {
  const db = new Database(e2eDatabasePath(), { readonly: true, fileMustExist: true });
  try {
    return Number((db.prepare(sql).get(...params) as Record<string, number>)["n"]);
  } finally {
    db.close();
  }
}
