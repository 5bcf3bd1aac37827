import { findEdition } from "#app/domain/editions/editions.server.ts";
import { and, asc, count, desc, eq, inArray, isNotNull, lte, ne, sql, type SQL } from "drizzle-orm";
import { articles, articleThemes, attachments, editions, editionThemes, themes } from "#db/schema.ts";
import { immediate, type Db } from "#app/lib/db.server.ts";
import { markdownToText } from "#app/lib/markdown.server.ts";
import { prepared } from "#app/lib/prepared.server.ts";
import { slugify } from "#app/lib/slug.ts";
import { formatDate } from "#app/lib/time.ts";
import { frenchTypography } from "#app/lib/typography.ts";
import { recordAudit } from "#app/domain/shared/audit.server.ts";
import type { Act } from "#app/domain/shared/actor.ts";
import type { ArticleStatus } from "#app/domain/shared/vocabulary.ts";
import { FieldError } from "#app/domain/shared/field-error.ts";

export type Article = typeof articles.$inferSelect;

export class ArticleError extends FieldError {}

export type ArticleInput = {
  title: string;
  slug: string | null;
  standfirst: string | null;
  bodyMarkdown: string;
  furtherReadingMarkdown: string | null;
  editionId: number | null;
  themeIds: number[];
  status: ArticleStatus;
  publishedAt: Date | null;
  /** The organiser saw the warning that the linked edition has not taken place yet, and goes on. */
  confirmEarly?: boolean;
};

function uniqueArticleSlug(db: Db, wanted: string, exceptId?: number): string {
  const base = slugify(wanted, 80) || "synthese";
  const taken = (slug: string) => {
    const row = db.select({ id: articles.id }).from(articles).where(eq(articles.slug, slug)).get();
    return row !== undefined && row.id !== exceptId;
  };
  if (!taken(base)) return base;
  for (let n = 2; ; n++) if (!taken(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * Creates or updates a synthesis. The plain text kept for search is written with the Markdown,
 * and a publication date is set when it is published without one.
 */
export function saveArticle(act: Act, id: number | null, input: ArticleInput): Article {
  const { db, actor, now } = act;
  return immediate(db, () => {
    const existing = id === null ? undefined : db.select().from(articles).where(eq(articles.id, id)).get();
    if (id !== null && !existing) throw new ArticleError("Synthèse introuvable.");
    if (input.editionId !== null && !findEdition(db, input.editionId)?.edition) {
      throw new ArticleError("Cette édition n’existe pas.", "editionId");
    }
    if (input.status === "published" && input.editionId !== null && !input.confirmEarly) {
      const edition = findEdition(db, input.editionId)!.edition;
      const publishedAt = input.publishedAt ?? existing?.publishedAt ?? now;
      // A synthesis tells what was said: published before the day ends (and before organisers
      // marked it held), it can only be a mistake (the wrong edition linked) or a text written
      // in advance.
      const held = edition.status === "held" || edition.status === "archived";
      if (!held && edition.endsAt.getTime() > publishedAt.getTime()) {
        throw new ArticleError(
          `L’édition liée («\u00a0${edition.title}\u00a0») n’a pas encore eu lieu\u00a0: elle se tient le ${formatDate(edition.startsAt)}. Vérifiez l’édition choisie, ou cochez la case pour publier quand même.`,
          "confirmEarly",
        );
      }
    }
    const title = frenchTypography(input.title);
    const slug = uniqueArticleSlug(db, input.slug ?? existing?.slug ?? title, existing?.id);
    const values = {
      title,
      slug,
      standfirst: input.standfirst ? frenchTypography(input.standfirst) : null,
      bodyMarkdown: input.bodyMarkdown,
      // What the search reads of the synthesis besides its standfirst: the body, then « Pour aller
      // plus loin », both as words (no Markdown, no link addresses).
      bodyText: markdownToText(`${input.bodyMarkdown}\n\n${input.furtherReadingMarkdown ?? ""}`),
      furtherReadingMarkdown: input.furtherReadingMarkdown,
      editionId: input.editionId,
      status: input.status,
      publishedAt:
        input.status === "published" ? (input.publishedAt ?? existing?.publishedAt ?? now) : input.publishedAt,
      updatedAt: now,
    };
    const article = existing
      ? db.update(articles).set(values).where(eq(articles.id, existing.id)).returning().get()
      : db
          .insert(articles)
          .values({ ...values, authorId: actor.userId, createdAt: now })
          .returning()
          .get();
    db.delete(articleThemes).where(eq(articleThemes.articleId, article.id)).run();
    const known = input.themeIds.length
      ? db.select({ id: themes.id }).from(themes).where(inArray(themes.id, input.themeIds)).all()
      : [];
    for (const theme of known) db.insert(articleThemes).values({ articleId: article.id, themeId: theme.id }).run();
    recordAudit(db, actor, {
      action: existing ? "article.update" : "article.create",
      entityType: "article",
      entityId: article.id,
      details: existing && existing.status !== article.status ? { status: article.status } : undefined,
    });
    return article;
  });
}

export function deleteArticle(act: Act, id: number): void {
  const { db, actor } = act;
  immediate(db, () => {
    const article = db.select().from(articles).where(eq(articles.id, id)).get();
    if (!article) throw new ArticleError("Synthèse introuvable.");
    db.delete(articles).where(eq(articles.id, id)).run();
    recordAudit(db, actor, {
      action: "article.delete",
      entityType: "article",
      entityId: id,
      details: { title: article.title },
    });
  });
}

/** Published, and its publication date reached: what readers may see. */
export function publishedCondition(now: Date): SQL {
  return and(eq(articles.status, "published"), isNotNull(articles.publishedAt), lte(articles.publishedAt, now))!;
}

export type ArticleSummary = {
  id: number;
  slug: string;
  title: string;
  standfirst: string | null;
  publishedAt: Date | null;
  themes: Array<{ slug: string; name: string }>;
};

function themesOfArticles(db: Db, ids: number[]) {
  const map = new Map<number, Array<{ slug: string; name: string }>>();
  if (ids.length === 0) return map;
  for (const row of db
    .select({ articleId: articleThemes.articleId, slug: themes.slug, name: themes.name })
    .from(articleThemes)
    .innerJoin(themes, eq(themes.id, articleThemes.themeId))
    .where(inArray(articleThemes.articleId, ids))
    .orderBy(asc(themes.name))
    .all()) {
    map.set(row.articleId, [...(map.get(row.articleId) ?? []), { slug: row.slug, name: row.name }]);
  }
  return map;
}

const summaryColumns = {
  id: articles.id,
  slug: articles.slug,
  title: articles.title,
  standfirst: articles.standfirst,
  publishedAt: articles.publishedAt,
};

/** The public archive: newest first, filtered by theme and year, paginated. */
export function listPublishedArticles(
  db: Db,
  query: { theme?: string; year?: number; page?: number; pageSize?: number },
  now: Date = new Date(),
) {
  const pageSize = query.pageSize ?? 10;
  const page = Math.max(1, query.page ?? 1);
  const conditions: SQL[] = [publishedCondition(now)];
  if (query.theme) {
    conditions.push(
      sql`${articles.id} in (select ${articleThemes.articleId} from ${articleThemes} join ${themes} on ${themes.id} = ${articleThemes.themeId} where ${themes.slug} = ${query.theme})`,
    );
  }
  if (query.year) {
    // Years are counted in Paris: 1 January 00:00 Paris is 31 December 23:00 UTC.
    const from = Date.UTC(query.year, 0, 1) - 3_600_000;
    const to = Date.UTC(query.year + 1, 0, 1) - 3_600_000;
    conditions.push(sql`${articles.publishedAt} >= ${from} and ${articles.publishedAt} < ${to}`);
  }
  const where = and(...conditions);
  const rows = db
    .select(summaryColumns)
    .from(articles)
    .where(where)
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
  const total = db.select({ n: count() }).from(articles).where(where).get()!.n;
  const themeMap = themesOfArticles(
    db,
    rows.map((r) => r.id),
  );
  return {
    articles: rows.map((r) => ({ ...r, themes: themeMap.get(r.id) ?? [] })) as ArticleSummary[],
    total,
    page,
    pages: Math.max(1, Math.ceil(total / pageSize)),
  };
}

/** The filters offered on the archive: themes and years that have at least one synthesis. */
export function archiveFilters(db: Db, now: Date = new Date()) {
  const themeRows = db
    .select({ slug: themes.slug, name: themes.name, n: count() })
    .from(themes)
    .innerJoin(articleThemes, eq(articleThemes.themeId, themes.id))
    .innerJoin(articles, eq(articles.id, articleThemes.articleId))
    .where(publishedCondition(now))
    .groupBy(themes.id)
    .orderBy(asc(themes.name))
    .all();
  const dates = db.select({ publishedAt: articles.publishedAt }).from(articles).where(publishedCondition(now)).all();
  const years = [
    ...new Set(
      dates.map((d) =>
        Number(new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", year: "numeric" }).format(d.publishedAt!)),
      ),
    ),
  ].sort((a, b) => b - a);
  return { themes: themeRows, years };
}

export function latestArticles(db: Db, limit: number, now: Date = new Date()): ArticleSummary[] {
  return listPublishedArticles(db, { pageSize: limit }, now).articles;
}

export type AttachmentSummary = {
  id: number;
  title: string;
  kind: string;
  mimeType: string;
  size: number;
  originalName: string;
};

const attachmentSummaryColumns = {
  id: attachments.id,
  title: attachments.title,
  kind: attachments.kind,
  mimeType: attachments.mimeType,
  size: attachments.size,
  originalName: attachments.originalName,
};

function attachmentsOf(db: Db, owner: { articleId: number } | { editionId: number }): AttachmentSummary[] {
  return db
    .select(attachmentSummaryColumns)
    .from(attachments)
    .where(
      "articleId" in owner ? eq(attachments.articleId, owner.articleId) : eq(attachments.editionId, owner.editionId),
    )
    .orderBy(asc(attachments.position), asc(attachments.id))
    .all();
}

const publishedArticleBySlug = (db: Db) =>
  db
    .select()
    .from(articles)
    .where(
      and(
        eq(articles.slug, sql.placeholder("slug")),
        eq(articles.status, "published"),
        isNotNull(articles.publishedAt),
        lte(articles.publishedAt, sql.placeholder("now")),
      ),
    )
    .prepare();
const publicEditionOfArticle = (db: Db) =>
  db
    .select({ id: editions.id, slug: editions.slug, title: editions.title, startsAt: editions.startsAt })
    .from(editions)
    .where(and(eq(editions.id, sql.placeholder("id")), ne(editions.status, "draft")))
    .prepare();
const themesOfArticle = (db: Db) =>
  db
    .select({ slug: themes.slug, name: themes.name })
    .from(articleThemes)
    .innerJoin(themes, eq(themes.id, articleThemes.themeId))
    .where(eq(articleThemes.articleId, sql.placeholder("articleId")))
    .orderBy(asc(themes.name))
    .prepare();
const attachmentsOfArticle = (db: Db) =>
  db
    .select(attachmentSummaryColumns)
    .from(attachments)
    .where(eq(attachments.articleId, sql.placeholder("articleId")))
    .orderBy(asc(attachments.position), asc(attachments.id))
    .prepare();

/** One published synthesis with what its page shows around it (its queries are built once: every reader runs them). */
export function getPublishedArticle(db: Db, slug: string, now: Date = new Date()) {
  // Placeholders skip Drizzle's column mapping: the instant goes in as stored, in milliseconds.
  const article = prepared(db, publishedArticleBySlug).get({ slug, now: now.getTime() });
  if (!article) return null;
  const edition = article.editionId
    ? (prepared(db, publicEditionOfArticle).get({ id: article.editionId }) ?? null)
    : null;
  return {
    article,
    themes: prepared(db, themesOfArticle).all({ articleId: article.id }),
    edition,
    attachments: prepared(db, attachmentsOfArticle).all({ articleId: article.id }) as AttachmentSummary[],
  };
}

/** Published syntheses of an edition, for the edition page's link back. */
export function articlesOfEdition(db: Db, editionId: number, now: Date = new Date()) {
  return db
    .select({ slug: articles.slug, title: articles.title })
    .from(articles)
    .where(and(eq(articles.editionId, editionId), publishedCondition(now)))
    .orderBy(desc(articles.publishedAt))
    .all();
}

/**
 * The documents a reader of an edition's page wants: the edition's own, then those of its
 * published syntheses (the slides and booklets of the day are usually attached there).
 */
export function editionDocuments(db: Db, editionId: number, now: Date = new Date()): AttachmentSummary[] {
  const own = attachmentsOf(db, { editionId });
  const ofSyntheses = db
    .select({ id: articles.id })
    .from(articles)
    .where(and(eq(articles.editionId, editionId), publishedCondition(now)))
    .orderBy(desc(articles.publishedAt))
    .all()
    .flatMap((article) => attachmentsOf(db, { articleId: article.id }));
  return [...own, ...ofSyntheses];
}

/** Everything on one theme: its public editions, its syntheses, and their documents. */
export function themeOverview(db: Db, slug: string, now: Date = new Date()) {
  const theme = db.select().from(themes).where(eq(themes.slug, slug)).get();
  if (!theme) return null;
  const themeEditions = db
    .select({
      id: editions.id,
      slug: editions.slug,
      title: editions.title,
      subtitle: editions.subtitle,
      startsAt: editions.startsAt,
      status: editions.status,
    })
    .from(editions)
    .innerJoin(editionThemes, eq(editionThemes.editionId, editions.id))
    .where(and(eq(editionThemes.themeId, theme.id), ne(editions.status, "draft")))
    .orderBy(desc(editions.startsAt))
    .all();
  const themeArticles = db
    .select(summaryColumns)
    .from(articles)
    .innerJoin(articleThemes, eq(articleThemes.articleId, articles.id))
    .where(and(eq(articleThemes.themeId, theme.id), publishedCondition(now)))
    .orderBy(desc(articles.publishedAt))
    .all();
  const documents = [
    ...themeArticles.flatMap((a) => attachmentsOf(db, { articleId: a.id }).map((d) => ({ ...d, from: a.title }))),
    ...themeEditions.flatMap((e) => attachmentsOf(db, { editionId: e.id }).map((d) => ({ ...d, from: e.title }))),
  ];
  return { theme, editions: themeEditions, articles: themeArticles, documents };
}

/** The index of themes: each with its public editions and published syntheses, by name. */
export function themesIndex(db: Db, now: Date = new Date()) {
  const allThemes = db
    .select({ id: themes.id, slug: themes.slug, name: themes.name, description: themes.description })
    .from(themes)
    .orderBy(asc(themes.name))
    .all();
  const editionRows = db
    .select({ themeId: editionThemes.themeId, slug: editions.slug, title: editions.title, startsAt: editions.startsAt })
    .from(editions)
    .innerJoin(editionThemes, eq(editionThemes.editionId, editions.id))
    .where(ne(editions.status, "draft"))
    .orderBy(desc(editions.startsAt))
    .all();
  const articleRows = db
    .select({ themeId: articleThemes.themeId, slug: articles.slug, title: articles.title })
    .from(articles)
    .innerJoin(articleThemes, eq(articleThemes.articleId, articles.id))
    .where(publishedCondition(now))
    .orderBy(desc(articles.publishedAt))
    .all();
  return allThemes.map((theme) => ({
    ...theme,
    editions: editionRows.filter((row) => row.themeId === theme.id),
    articles: articleRows.filter((row) => row.themeId === theme.id),
  }));
}

export function listAllArticles(db: Db) {
  return db
    .select({
      id: articles.id,
      slug: articles.slug,
      title: articles.title,
      status: articles.status,
      publishedAt: articles.publishedAt,
      updatedAt: articles.updatedAt,
    })
    .from(articles)
    .orderBy(desc(articles.updatedAt))
    .all();
}

export function articleById(db: Db, id: number) {
  const article = db.select().from(articles).where(eq(articles.id, id)).get();
  if (!article) return null;
  const themeIds = db
    .select({ id: articleThemes.themeId })
    .from(articleThemes)
    .where(eq(articleThemes.articleId, id))
    .all()
    .map((row) => row.id);
  return { article, themeIds };
}

export function publicAttachmentsOfEdition(db: Db, editionId: number): AttachmentSummary[] {
  return attachmentsOf(db, { editionId });
}
