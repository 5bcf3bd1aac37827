import type { Db } from "#app/lib/db.server.ts";
import { renderArticle } from "#app/lib/markdown.server.ts";
import { listPublishedArticles } from "./articles.server.ts";
import { articles } from "#db/schema.ts";
import { and, eq, inArray } from "drizzle-orm";

function xml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** The Atom feed of the 20 latest published syntheses, with their full text. */
export function articlesAtomFeed(db: Db, appUrl: string, now: Date = new Date()): string {
  const latest = listPublishedArticles(db, { pageSize: 20 }, now).articles;
  const bodies = new Map(
    (latest.length
      ? db
          .select({ id: articles.id, bodyMarkdown: articles.bodyMarkdown, updatedAt: articles.updatedAt })
          .from(articles)
          .where(
            and(
              inArray(
                articles.id,
                latest.map((a) => a.id),
              ),
              eq(articles.status, "published"),
            ),
          )
          .all()
      : []
    ).map((row) => [row.id, row]),
  );
  const updated = latest.reduce(
    (max, article) =>
      Math.max(max, bodies.get(article.id)?.updatedAt.getTime() ?? 0, article.publishedAt?.getTime() ?? 0),
    0,
  );
  const entries = latest.map((article) => {
    const url = `${appUrl}/syntheses/${article.slug}`;
    const body = bodies.get(article.id);
    return [
      "  <entry>",
      `    <id>${xml(url)}</id>`,
      `    <title>${xml(article.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xml(url)}"/>`,
      `    <published>${article.publishedAt!.toISOString()}</published>`,
      `    <updated>${(body?.updatedAt ?? article.publishedAt!).toISOString()}</updated>`,
      ...article.themes.map((theme) => `    <category term="${xml(theme.slug)}" label="${xml(theme.name)}"/>`),
      article.standfirst ? `    <summary>${xml(article.standfirst)}</summary>` : "",
      body ? `    <content type="html">${xml(renderArticle(body.bodyMarkdown).html)}</content>` : "",
      "  </entry>",
    ]
      .filter(Boolean)
      .join("\n");
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">',
    `  <id>${xml(`${appUrl}/syntheses/flux.xml`)}</id>`,
    "  <title>Synthèses des coordinations territoriales du SIAO 95</title>",
    `  <link rel="self" type="application/atom+xml" href="${xml(`${appUrl}/syntheses/flux.xml`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(`${appUrl}/syntheses`)}"/>`,
    `  <updated>${new Date(updated || now.getTime()).toISOString()}</updated>`,
    "  <author><name>SIAO 95</name></author>",
    ...entries,
    "</feed>",
    "",
  ].join("\n");
}
