import { upcomingEditionsFeed } from "../domain/calendar-feed.server";
import { db } from "../lib/db.server";
import { env } from "../lib/env.server";

export function loader() {
  return new Response(upcomingEditionsFeed(db(), env().appUrl), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="cts-siao95.ics"',
      "Cache-Control": "public, max-age=300",
    },
  });
}
