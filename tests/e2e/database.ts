import Database from "better-sqlite3";

/** Read-only access to the database of the running app, to count what requests wrote. */
export function countRows(sql: string, ...params: unknown[]): number {
  const file = process.env.E2E_DATABASE_PATH;
  if (!file) throw new Error("E2E_DATABASE_PATH is not set (see playwright.config.ts)");
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return Number((db.prepare(sql).get(...params) as Record<string, number>)["n"]);
  } finally {
    db.close();
  }
}
