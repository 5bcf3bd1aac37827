import type { Db } from "#app/lib/db.server.ts";
import { prepared } from "#app/lib/prepared.server.ts";

const versionQuery = (db: Db) => db.$client.prepare("select version from content_version where id = 1");

/**
 * Bumped by triggers on every write, by any process, to what public pages show (migration 0007):
 * the page cache keeps a page only while this has not moved.
 */
export function contentVersion(db: Db): number {
  return (prepared(db, versionQuery).get() as { version: number } | undefined)?.version ?? 0;
}
