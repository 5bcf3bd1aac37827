import { upcomingEditionsFeed } from "#app/domain/editions/calendar-feed.server.ts";
import { db } from "#app/lib/db.server.ts";
import { env } from "#app/lib/env.server.ts";
import { feedResponse } from "#app/routes/_shared/calendar-response.ts";

export function loader() {
  return feedResponse(upcomingEditionsFeed(db(), env().appUrl), "cts-siao95.ics");
}
