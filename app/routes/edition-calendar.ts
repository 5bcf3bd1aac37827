import type { Route } from "./+types/edition-calendar";
import { editionFeed } from "#app/domain/editions/calendar-feed.server.ts";
import { db } from "#app/lib/db.server.ts";
import { env } from "#app/lib/env.server.ts";

export function loader({ params }: Route.LoaderArgs) {
  const ics = editionFeed(db(), env().appUrl, params.slug);
  if (!ics)
    return new Response("Édition introuvable", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `inline; filename="${params.slug}.ics"`,
      "Cache-Control": "public, max-age=300",
    },
  });
}
