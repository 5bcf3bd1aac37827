import { and, eq, lte, ne } from "drizzle-orm";
import { articles, editions, themes } from "#db/schema.ts";
import type { Db } from "#app/lib/db.server.ts";
import { directoryPages } from "#app/domain/directory/dispositifs.server.ts";

/** Every public page a search engine should know about, with when it last changed. */
export function publicPages(db: Db, now: Date = new Date()): Array<{ path: string; lastmod?: Date }> {
  return [
    { path: "/" },
    { path: "/editions" },
    { path: "/syntheses" },
    { path: "/themes" },
    ...db
      .select({ slug: editions.slug, updatedAt: editions.updatedAt })
      .from(editions)
      .where(ne(editions.status, "draft"))
      .all()
      .map((e) => ({ path: `/editions/${e.slug}`, lastmod: e.updatedAt })),
    ...db
      .select({ slug: articles.slug, updatedAt: articles.updatedAt })
      .from(articles)
      .where(and(eq(articles.status, "published"), lte(articles.publishedAt, now)))
      .all()
      .map((a) => ({ path: `/syntheses/${a.slug}`, lastmod: a.updatedAt })),
    ...directoryPages(db),
    ...db
      .select({ slug: themes.slug })
      .from(themes)
      .all()
      .map((t) => ({ path: `/themes/${t.slug}` })),
  ];
}
