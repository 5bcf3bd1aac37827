import { and, asc, count, desc, eq, inArray, isNull, max, ne, or, sql } from "drizzle-orm";
import {
  articles,
  articleThemes,
  dispositifCorrections,
  dispositifs,
  editionThemes,
  themes,
  users,
} from "#db/schema.ts";
import { immediate, type Db } from "#app/lib/db.server.ts";
import { slugify } from "#app/lib/slug.ts";
import { frenchTypography } from "#app/lib/typography.ts";
import { recordAudit } from "#app/domain/shared/audit.server.ts";
import {
  checkDispositif,
  DISPOSITIF_FIELDS,
  fieldAsText,
  filterKey,
  identityKey,
  listItems,
  territoryLabel,
  type DirectoryCounts,
  type DispositifField,
  type DispositifValues,
} from "./values.ts";
import { notify } from "#app/domain/shared/notifications.server.ts";
import {
  DISPOSITIF_CATEGORIES,
  DISPOSITIF_CATEGORY_LABELS,
  DISPOSITIF_CORRECTION_FIELD_LABELS,
  type CorrectionStatus,
  type DispositifCategory,
  type DispositifCorrectionField,
} from "#app/domain/shared/vocabulary.ts";
import type { Act } from "#app/domain/shared/actor.ts";

// The directory of outreach services (répertoire des dispositifs d’aller-vers): what readers
// see, what organisers write, and the corrections people ask for. The CSV import and export
// live in dispositif-import.server.ts.

export type Dispositif = typeof dispositifs.$inferSelect;

export class DispositifError extends Error {
  constructor(
    message: string,
    readonly field: string | null = null,
    readonly status: 400 | 404 | 409 = 400,
  ) {
    super(message);
  }
}

/** Editions and syntheses on this theme link to the directory (the 2025 CTS produced it). */
export const DIRECTORY_THEME_SLUG = "aller-vers";

const collator = new Intl.Collator("fr", { sensitivity: "base", numeric: true });

// ---------------------------------------------------------------- reading

export type DirectoryEntry = Omit<DispositifValues, "publics" | "communes"> & {
  id: number;
  slug: string;
  publics: string[];
  /** Null: the whole département. */
  communes: string[] | null;
  territory: string;
};

/** What names a dispositif and files it in the booklet, in every list of them. */
function filed(row: Dispositif) {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    operator: row.operator,
    category: row.category,
    subCategory: row.subCategory,
  };
}

function toEntry(row: Dispositif): DirectoryEntry {
  return {
    ...filed(row),
    publics: listItems(row.publics),
    communes: row.communes ? listItems(row.communes) : null,
    territory: territoryLabel(row.communes),
    description: row.description,
    phone: row.phone,
    email: row.email,
    website: row.website,
    year: row.year,
    isExample: row.isExample,
  };
}

/** Category in the booklet's order, then sub-category (none last), then name, as a French reader sorts. */
export function compareEntries(
  a: { category: DispositifCategory; subCategory: string | null; name: string; id: number },
  b: { category: DispositifCategory; subCategory: string | null; name: string; id: number },
): number {
  return (
    DISPOSITIF_CATEGORIES.indexOf(a.category) - DISPOSITIF_CATEGORIES.indexOf(b.category) ||
    (a.subCategory === null ? 1 : 0) - (b.subCategory === null ? 1 : 0) ||
    collator.compare(a.subCategory ?? "", b.subCategory ?? "") ||
    collator.compare(a.name, b.name) ||
    a.id - b.id
  );
}

/**
 * Every service not retired, in the booklet's order. The directory is a few hundred rows at most,
 * so filters and counts work on this list in memory.
 */
export function activeDirectory(db: Db): DirectoryEntry[] {
  return db.select().from(dispositifs).where(isNull(dispositifs.retiredAt)).all().map(toEntry).sort(compareEntries);
}

export function categoryCounts(entries: Array<{ category: DispositifCategory; isExample: boolean }>): DirectoryCounts {
  const byCategory = Object.fromEntries(DISPOSITIF_CATEGORIES.map((c) => [c, 0])) as Record<DispositifCategory, number>;
  for (const entry of entries) byCategory[entry.category]++;
  return { total: entries.length, examples: entries.filter((entry) => entry.isExample).length, byCategory };
}

/** The directory's edition: the latest « Référentiel » year its services were checked for. */
function directoryYear(entries: Array<{ year: number | null }>): number | null {
  const years = entries.map((e) => e.year).filter((y): y is number => y !== null);
  return years.length ? Math.max(...years) : null;
}

export type FilterOption = { key: string; label: string };

/** The distinct values of a list field, keyed as they appear in URLs, sorted for a French reader. */
function facet(entries: DirectoryEntry[], values: (entry: DirectoryEntry) => string[]): FilterOption[] {
  const byKey = new Map<string, string>();
  for (const entry of entries) {
    for (const value of values(entry)) {
      const key = filterKey(value);
      if (key && !byKey.has(key)) byKey.set(key, value);
    }
  }
  return [...byKey].map(([key, label]) => ({ key, label })).sort((a, b) => collator.compare(a.label, b.label));
}

export type DirectoryFilters = { category?: DispositifCategory; public?: string; commune?: string };

/**
 * Filters combine: a category, a public, and a commune. A service covering the whole
 * département serves every commune.
 */
export function matchesFilters(entry: DirectoryEntry, filters: DirectoryFilters): boolean {
  if (filters.category && entry.category !== filters.category) return false;
  if (filters.public && !entry.publics.some((p) => filterKey(p) === filters.public)) return false;
  if (filters.commune && entry.communes !== null && !entry.communes.some((c) => filterKey(c) === filters.commune))
    return false;
  return true;
}

/** The public directory page: the filtered services, the booklet's counts and the filter choices. */
export function directoryPage(db: Db, filters: DirectoryFilters) {
  const all = activeDirectory(db);
  const publics = facet(all, (e) => e.publics);
  const communes = facet(all, (e) => e.communes ?? []);
  return {
    entries: all.filter((entry) => matchesFilters(entry, filters)),
    counts: categoryCounts(all),
    year: directoryYear(all),
    options: { publics, communes },
    labels: {
      public: publics.find((o) => o.key === filters.public)?.label ?? null,
      commune: communes.find((o) => o.key === filters.commune)?.label ?? null,
    },
  };
}

/** One service page; retired services are no longer public. */
export function getPublicDispositif(db: Db, slug: string): DirectoryEntry | null {
  const row = db
    .select()
    .from(dispositifs)
    .where(and(eq(dispositifs.slug, slug), isNull(dispositifs.retiredAt)))
    .get();
  return row ? toEntry(row) : null;
}

/** The whole directory grouped by category, for the printable booklet. */
export function directoryBooklet(db: Db) {
  const all = activeDirectory(db);
  return {
    year: directoryYear(all),
    counts: categoryCounts(all),
    groups: DISPOSITIF_CATEGORIES.map((category) => ({
      category,
      label: DISPOSITIF_CATEGORY_LABELS[category],
      entries: all.filter((entry) => entry.category === category),
    })).filter((group) => group.entries.length > 0),
  };
}

/**
 * What the « Répertoire des dispositifs » block of an edition or a synthesis shows, or null when
 * it has no business there (another theme, or an empty directory). A synthesis qualifies by its
 * own themes or by its edition's.
 */
export function directoryLink(
  db: Db,
  owner: { editionId: number } | { articleId: number },
): { total: number; examples: number; year: number | null } | null {
  const onTheme = "editionId" in owner ? editionOnTheme(db, owner.editionId) : articleOnTheme(db, owner.articleId);
  if (!onTheme) return null;
  // A few figures of the whole directory: the database counts them rather than the page
  // loading every service.
  const { total, examples, year } = db
    .select({
      total: count(),
      examples: sql<number>`coalesce(sum(${dispositifs.isExample}), 0)`,
      year: max(dispositifs.year),
    })
    .from(dispositifs)
    .where(isNull(dispositifs.retiredAt))
    .get()!;
  return total ? { total, examples, year } : null;
}

function editionOnTheme(db: Db, editionId: number): boolean {
  return (
    db
      .select({ id: editionThemes.editionId })
      .from(editionThemes)
      .innerJoin(themes, eq(themes.id, editionThemes.themeId))
      .where(and(eq(editionThemes.editionId, editionId), eq(themes.slug, DIRECTORY_THEME_SLUG)))
      .get() !== undefined
  );
}

function articleOnTheme(db: Db, articleId: number): boolean {
  const own = db
    .select({ id: articleThemes.articleId })
    .from(articleThemes)
    .innerJoin(themes, eq(themes.id, articleThemes.themeId))
    .where(and(eq(articleThemes.articleId, articleId), eq(themes.slug, DIRECTORY_THEME_SLUG)))
    .get();
  if (own) return true;
  const article = db.select({ editionId: articles.editionId }).from(articles).where(eq(articles.id, articleId)).get();
  return article?.editionId ? editionOnTheme(db, article.editionId) : false;
}

// ---------------------------------------------------------------- writing (organisers)

export type DispositifInput = DispositifValues;

/** Runs every check again: callers may pass values that did not come through a form. */
function canonical(input: DispositifInput): DispositifValues {
  const raw = Object.fromEntries(DISPOSITIF_FIELDS.map((field) => [field, fieldAsText(field, input[field])])) as {
    [F in DispositifField]: string;
  };
  const checked = checkDispositif(raw);
  if (!checked.ok) {
    const [field, message] = Object.entries(checked.errors)[0]!;
    throw new DispositifError(message, field);
  }
  return checked.values;
}

/** The service with the same name and operator (accents and case aside), other than `exceptId`. */
export function findTwin(db: Db, name: string, operator: string, exceptId?: number): Dispositif | undefined {
  const key = identityKey(name, operator);
  return db
    .select()
    .from(dispositifs)
    .all()
    .find((row) => row.id !== exceptId && identityKey(row.name, row.operator) === key);
}

/** A slug from the name, then from the name and operator, then numbered: never changed afterwards, since links are shared. */
export function uniqueDispositifSlug(db: Db, name: string, operator: string): string {
  const taken = (slug: string) =>
    db.select({ id: dispositifs.id }).from(dispositifs).where(eq(dispositifs.slug, slug)).get() !== undefined;
  const base = slugify(name, 80) || "dispositif";
  if (!taken(base)) return base;
  const withOperator = slugify(`${name} ${operator}`, 80);
  if (withOperator && !taken(withOperator)) return withOperator;
  for (let n = 2; ; n++) if (!taken(`${base}-${n}`)) return `${base}-${n}`;
}

/** The fields whose value differs, in form order. */
export function changedFields(before: DispositifValues, after: DispositifValues): DispositifField[] {
  return DISPOSITIF_FIELDS.filter((field) => before[field] !== after[field]);
}

export function valuesOf(row: Dispositif): DispositifValues {
  return Object.fromEntries(DISPOSITIF_FIELDS.map((field) => [field, row[field]])) as DispositifValues;
}

/** Creates (id null) or updates a service. Two services may not share a name and an operator. */
export function saveDispositif(act: Act, id: number | null, input: DispositifInput): Dispositif {
  const { db, actor, now } = act;
  const values = canonical(input);
  return immediate(db, () => {
    const existing = id === null ? undefined : db.select().from(dispositifs).where(eq(dispositifs.id, id)).get();
    if (id !== null && !existing) throw new DispositifError("Dispositif introuvable.", null, 404);
    const twin = findTwin(db, values.name, values.operator, existing?.id);
    if (twin) {
      throw new DispositifError(
        `Un dispositif porte déjà ce nom pour cet opérateur\u00a0: «\u00a0${twin.name}\u00a0».`,
        "name",
        409,
      );
    }
    if (existing) {
      const changed = changedFields(valuesOf(existing), values);
      if (changed.length === 0) return existing;
      const row = db
        .update(dispositifs)
        .set({ ...values, updatedAt: now })
        .where(eq(dispositifs.id, existing.id))
        .returning()
        .get();
      recordAudit(db, actor, {
        action: "dispositif.update",
        entityType: "dispositif",
        entityId: row.id,
        details: { changed },
      });
      return row;
    }
    const row = db
      .insert(dispositifs)
      .values({
        ...values,
        slug: uniqueDispositifSlug(db, values.name, values.operator),
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    recordAudit(db, actor, { action: "dispositif.create", entityType: "dispositif", entityId: row.id });
    return row;
  });
}

/** Retires a service (it leaves the public pages and the search) or brings it back. */
export function setDispositifRetired(act: Act, id: number, retired: boolean): Dispositif {
  const { db, actor, now } = act;
  return immediate(db, () => {
    const existing = db.select().from(dispositifs).where(eq(dispositifs.id, id)).get();
    if (!existing) throw new DispositifError("Dispositif introuvable.", null, 404);
    if ((existing.retiredAt !== null) === retired) return existing;
    const row = db
      .update(dispositifs)
      .set({ retiredAt: retired ? now : null, updatedAt: now })
      .where(eq(dispositifs.id, id))
      .returning()
      .get();
    recordAudit(db, actor, {
      action: retired ? "dispositif.retire" : "dispositif.unretire",
      entityType: "dispositif",
      entityId: id,
    });
    return row;
  });
}

/**
 * Marks every service in the directory (not retired) as part of the yearly edition « Référentiel
 * `year` »: organisers do it once they have checked the whole list. Returns how many changed.
 */
export function markDirectoryYear(act: Act, year: number): number {
  const { db, actor, now } = act;
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new DispositifError("Année invalide (par exemple 2025).", "year");
  return immediate(db, () => {
    const changed = db
      .update(dispositifs)
      .set({ year, updatedAt: now })
      .where(and(isNull(dispositifs.retiredAt), or(isNull(dispositifs.year), ne(dispositifs.year, year))))
      .run().changes;
    recordAudit(db, actor, { action: "dispositif.year", entityType: "dispositif", details: { year, count: changed } });
    return changed;
  });
}

export function dispositifById(db: Db, id: number): Dispositif | null {
  return db.select().from(dispositifs).where(eq(dispositifs.id, id)).get() ?? null;
}

/** Every service, retired ones included, for the back-office list. */
export function listDispositifsAdmin(db: Db) {
  const newCorrections = new Map(
    db
      .select({ id: dispositifCorrections.dispositifId, n: count() })
      .from(dispositifCorrections)
      .where(eq(dispositifCorrections.status, "new"))
      .groupBy(dispositifCorrections.dispositifId)
      .all()
      .map((row) => [row.id, row.n]),
  );
  const rows = db.select().from(dispositifs).all().sort(compareEntries);
  const active = rows.filter((row) => row.retiredAt === null);
  return {
    rows: rows.map((row) => ({
      ...filed(row),
      year: row.year,
      isExample: row.isExample,
      retired: row.retiredAt !== null,
      newCorrections: newCorrections.get(row.id) ?? 0,
    })),
    counts: categoryCounts(active),
    year: directoryYear(active),
    newCorrections: [...newCorrections.values()].reduce((sum, n) => sum + n, 0),
  };
}

// ---------------------------------------------------------------- corrections

export type CorrectionInput = {
  name: string;
  email: string;
  field: DispositifCorrectionField;
  message: string;
};

/**
 * Stores a correction asked for through the public page of a service, and emails every active
 * admin and organiser in the same transaction (the outbox sends it).
 */
export function requestCorrection(
  db: Db,
  mail: { appUrl: string },
  slug: string,
  input: CorrectionInput,
  now: Date = new Date(),
): { id: number; notified: number } {
  // Shown to organisers as typed, with French spacing like every other text of the site.
  const name = frenchTypography(input.name.trim());
  const message = frenchTypography(input.message.trim().replace(/\r\n?/g, "\n"));
  return immediate(db, () => {
    const service = db
      .select()
      .from(dispositifs)
      .where(and(eq(dispositifs.slug, slug), isNull(dispositifs.retiredAt)))
      .get();
    if (!service) throw new DispositifError("Ce dispositif n’existe pas ou n’est plus au répertoire.", null, 404);
    const row = db
      .insert(dispositifCorrections)
      .values({
        dispositifId: service.id,
        requesterName: name,
        requesterEmail: input.email,
        field: input.field,
        message,
        createdAt: now,
      })
      .returning({ id: dispositifCorrections.id })
      .get();
    const recipients = db
      .select({ email: users.email, name: users.name })
      .from(users)
      .where(and(eq(users.active, true), inArray(users.role, ["admin", "organiser"])))
      .orderBy(asc(users.id))
      .all();
    for (const recipient of recipients) {
      notify(
        db,
        {
          to: { address: recipient.email, name: recipient.name },
          email: {
            template: "dispositif.correction",
            props: {
              dispositif: {
                name: service.name,
                operator: service.operator,
                url: `${mail.appUrl}/dispositifs/${service.slug}`,
              },
              fieldLabel: DISPOSITIF_CORRECTION_FIELD_LABELS[input.field],
              message,
              requester: { name, email: input.email },
              backOfficeUrl: `${mail.appUrl}/admin/dispositifs/corrections`,
            },
          },
          correctionId: row.id,
        },
        now,
      );
    }
    return { id: row.id, notified: recipients.length };
  });
}

export function listCorrections(db: Db, status?: CorrectionStatus) {
  return db
    .select({
      id: dispositifCorrections.id,
      createdAt: dispositifCorrections.createdAt,
      field: dispositifCorrections.field,
      message: dispositifCorrections.message,
      requesterName: dispositifCorrections.requesterName,
      requesterEmail: dispositifCorrections.requesterEmail,
      status: dispositifCorrections.status,
      handledAt: dispositifCorrections.handledAt,
      handledBy: users.name,
      dispositif: {
        id: dispositifs.id,
        slug: dispositifs.slug,
        name: dispositifs.name,
        retiredAt: dispositifs.retiredAt,
      },
    })
    .from(dispositifCorrections)
    .innerJoin(dispositifs, eq(dispositifs.id, dispositifCorrections.dispositifId))
    .leftJoin(users, eq(users.id, dispositifCorrections.handledBy))
    .where(status ? eq(dispositifCorrections.status, status) : undefined)
    .orderBy(desc(dispositifCorrections.createdAt), desc(dispositifCorrections.id))
    .all();
}

export function correctionCounts(db: Db): Record<CorrectionStatus, number> {
  const rows = db
    .select({ status: dispositifCorrections.status, n: count() })
    .from(dispositifCorrections)
    .groupBy(dispositifCorrections.status)
    .all();
  return { new: rows.find((r) => r.status === "new")?.n ?? 0, done: rows.find((r) => r.status === "done")?.n ?? 0 };
}

/** Marks a request as handled, or opens it again. */
export function setCorrectionStatus(act: Act, id: number, status: CorrectionStatus): void {
  const { db, actor, now } = act;
  immediate(db, () => {
    const existing = db.select().from(dispositifCorrections).where(eq(dispositifCorrections.id, id)).get();
    if (!existing) throw new DispositifError("Demande de correction introuvable.", null, 404);
    if (existing.status === status) return;
    db.update(dispositifCorrections)
      .set(
        status === "done"
          ? { status, handledAt: now, handledBy: actor.userId }
          : { status, handledAt: null, handledBy: null },
      )
      .where(eq(dispositifCorrections.id, id))
      .run();
    recordAudit(db, actor, {
      action: status === "done" ? "dispositif_correction.done" : "dispositif_correction.reopen",
      entityType: "dispositif",
      entityId: existing.dispositifId,
      details: { correction: id },
    });
  });
}

/** Public pages of the directory, for the sitemap. */
export function directoryPages(db: Db): Array<{ path: string; lastmod?: Date }> {
  const rows = db
    .select({ slug: dispositifs.slug, updatedAt: dispositifs.updatedAt })
    .from(dispositifs)
    .where(isNull(dispositifs.retiredAt))
    .orderBy(asc(dispositifs.slug))
    .all();
  return [
    { path: "/dispositifs" },
    ...rows.map((row) => ({ path: `/dispositifs/${row.slug}`, lastmod: row.updatedAt })),
  ];
}
