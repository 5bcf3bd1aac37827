import type { Route } from "./+types/edition-calendar";
import { editionFeed } from "#app/domain/editions/calendar-feed.server.ts";
import { db } from "#app/lib/db.server.ts";
import { env } from "#app/lib/env.server.ts";
import { feedResponse } from "#app/routes/_shared/calendar-response.ts";

export function loader({ params }: Route.LoaderArgs) {
  return feedResponse(editionFeed(db(), env().appUrl, params.slug), `${params.slug}.ics`);
}
