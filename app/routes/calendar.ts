import { upcomingEditionsFeed } from "#app/domain/editions/calendar-feed.server.ts";
import { db } from "#app/lib/db.server.ts";
import { env } from "#app/lib/env.server.ts";

export function loader() {
  return new Response(upcomingEditionsFeed(db(), env().appUrl), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="cts-siao95.ics"',
      "Cache-Control": "public, max-age=300",
    },
  });
}
