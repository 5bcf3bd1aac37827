import { articlesAtomFeed } from "../domain/feed.server";
import { db } from "../lib/db.server";
import { env } from "../lib/env.server";

export function loader() {
  return new Response(articlesAtomFeed(db(), env().appUrl), {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}
