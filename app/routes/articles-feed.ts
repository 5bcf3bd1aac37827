import { articlesAtomFeed } from "#app/domain/articles/feed.server.ts";
import { db } from "#app/lib/db.server.ts";
import { env } from "#app/lib/env.server.ts";

export function loader() {
  return new Response(articlesAtomFeed(db(), env().appUrl), {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}
