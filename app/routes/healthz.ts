import { sql } from "drizzle-orm";
import { db } from "../lib/db.server";

export function loader() {
  try {
    db().get(sql`select 1`);
    return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ status: "error" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
