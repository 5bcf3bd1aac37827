import { and, asc, eq, gte } from "drizzle-orm";
import { editions, venues } from "#db/schema.ts";
import { buildFeed, type CalendarEvent } from "#app/lib/calendar.server.ts";
import type { Db } from "#app/lib/db.server.ts";
import { frenchTypography } from "#app/lib/typography.ts";

type FeedRow = typeof editions.$inferSelect & { venue: typeof venues.$inferSelect | null };

function toEvent(appUrl: string, row: FeedRow): CalendarEvent {
  const url = `${appUrl}/editions/${row.slug}`;
  const place = row.venue
    ? [row.venue.name, row.venue.address, [row.venue.postcode, row.venue.city].filter(Boolean).join(" ")]
        .filter(Boolean)
        .join(", ")
    : null;
  return {
    uid: `cts-edition-${row.id}@${new URL(appUrl).hostname}`,
    sequence: row.sequence,
    title: frenchTypography(`CTS SIAO 95 — ${row.title}`),
    description: frenchTypography(
      [row.subtitle, row.summary, `Programme et inscription : ${url}`].filter(Boolean).join("\n\n"),
    ),
    location: place,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    url,
    cancelled: row.status === "cancelled",
  };
}

function rows(db: Db, where: ReturnType<typeof and>): FeedRow[] {
  return db
    .select()
    .from(editions)
    .leftJoin(venues, eq(venues.id, editions.venueId))
    .where(where)
    .orderBy(asc(editions.startsAt))
    .all()
    .map((row) => ({ ...row.editions, venue: row.venues }));
}

/** Every published edition still to come: the feed anyone can subscribe to. */
export function upcomingEditionsFeed(db: Db, appUrl: string, now: Date = new Date()): string {
  const events = rows(db, and(eq(editions.status, "published"), gte(editions.endsAt, now))).map((row) =>
    toEvent(appUrl, row),
  );
  return buildFeed(events, "Coordinations territoriales du SIAO 95");
}

/** One edition as a subscribable calendar; a cancelled edition stays, marked CANCELLED. */
export function editionFeed(db: Db, appUrl: string, slug: string): string | null {
  const [row] = rows(db, eq(editions.slug, slug)).filter((r) => r.status !== "draft");
  return row ? buildFeed([toEvent(appUrl, row)], frenchTypography(`CTS SIAO 95 — ${row.title}`)) : null;
}
