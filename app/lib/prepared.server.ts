import type { Db } from "./db.server.ts";

const built = new WeakMap<Db, Map<(db: Db) => unknown, unknown>>();

/**
 * A Drizzle query built once per connection, then run with placeholders: for the hot public
 * pages, building the query (not running it) was most of the cost of each loader.
 * `build` must be a module-level function, since it is the key.
 */
export function prepared<T>(db: Db, build: (db: Db) => T): T {
  let byBuilder = built.get(db);
  if (!byBuilder) built.set(db, (byBuilder = new Map()));
  let query = byBuilder.get(build) as T | undefined;
  if (query === undefined) byBuilder.set(build, (query = build(db)));
  return query;
}
