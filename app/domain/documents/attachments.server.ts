import { findEdition } from "#app/domain/editions/editions.server.ts";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { and, asc, eq, gt, inArray, lt, max, ne, sql, type SQL } from "drizzle-orm";
import { articles, attachments, editions } from "#db/schema.ts";
import { immediate, type Db } from "#app/lib/db.server.ts";
import { frenchTypography } from "#app/lib/typography.ts";
import { tooLargeMessage, UploadError, validateUpload, type UploadType } from "#app/lib/uploads.server.ts";
import { recordAudit } from "#app/domain/shared/audit.server.ts";
import { ATTACHMENT_KINDS, type AttachmentKind } from "#app/domain/shared/vocabulary.ts";
import type { Act } from "#app/domain/shared/actor.ts";

// Documents attached to an edition or to an article (a synthèse): slides, booklets, images.
// Each one is a row of `attachments` and a file under <dataDir>/uploads/ with a random name;
// the two always exist together (see addAttachment and removeAttachment for how).

export type Attachment = typeof attachments.$inferSelect;
export type AttachmentOwner = { articleId: number } | { editionId: number };

export class AttachmentError extends Error {
  constructor(
    message: string,
    readonly field: "title" | "kind" | "file" | null = null,
  ) {
    super(message);
  }
}

export type NewAttachment = {
  owner: AttachmentOwner;
  title: string;
  /**
   * What the platform itself knows of a file it prints (a booklet, a slide deck). An upload has
   * none: its kind comes from its content, and no hint can make a PDF an image.
   */
  kind?: Exclude<AttachmentKind, "image">;
  /** The bytes, or the path of a temporary file holding them; `name` is what the sender called it. */
  file: { source: Buffer | string; name: string };
  /** The size cap (UPLOAD_MAX_BYTES). */
  maxBytes: number;
};

export function uploadsDir(dataDir: string): string {
  return path.join(dataDir, "uploads");
}

/** Where the bytes of a row live. Storage names are ours (hex), never a path someone typed. */
export function storedFilePath(dataDir: string, storageName: string): string {
  if (!/^[0-9a-f]{32}$/.test(storageName)) throw new Error("invalid storage name");
  return path.join(uploadsDir(dataDir), storageName);
}

function ownerCondition(owner: AttachmentOwner): SQL {
  return "articleId" in owner ? eq(attachments.articleId, owner.articleId) : eq(attachments.editionId, owner.editionId);
}

function ownerColumns(owner: AttachmentOwner) {
  return "articleId" in owner
    ? { articleId: owner.articleId, editionId: null }
    : { articleId: null, editionId: owner.editionId };
}

function ownerAudit(owner: AttachmentOwner) {
  return "articleId" in owner ? { articleId: owner.articleId } : { editionId: owner.editionId };
}

function requireOwner(db: Db, owner: AttachmentOwner): void {
  const found =
    "articleId" in owner
      ? db.select({ id: articles.id }).from(articles).where(eq(articles.id, owner.articleId)).get()
      : findEdition(db, owner.editionId)?.edition;
  if (!found) throw new AttachmentError("articleId" in owner ? "Article introuvable." : "Édition introuvable.");
}

/** A document of this owner, or an error: an id belonging to another edition or article is refused. */
function attachmentOf(db: Db, owner: AttachmentOwner, attachmentId: number): Attachment {
  const row = db
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, attachmentId), ownerCondition(owner)))
    .get();
  if (!row) throw new AttachmentError("Document introuvable.");
  return row;
}

export function listAttachments(db: Db, owner: AttachmentOwner): Attachment[] {
  return db
    .select()
    .from(attachments)
    .where(ownerCondition(owner))
    .orderBy(asc(attachments.position), asc(attachments.id))
    .all();
}

function cleanTitle(title: string): string {
  const trimmed = title
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!trimmed) throw new AttachmentError("Indiquez le titre du document.", "title");
  if (trimmed.length > 200) throw new AttachmentError("200\u00a0caractères au maximum.", "title");
  return frenchTypography(trimmed);
}

/**
 * Checks the file by its content, stores it under a random name and adds it after the owner's
 * other documents. The bytes are written and synced to a temporary name first; the rename to
 * the final name happens inside the transaction that inserts the row, so a failure anywhere
 * leaves neither a row without its file nor a file without its row.
 */
export async function addAttachment(act: Act, dataDir: string, input: NewAttachment): Promise<Attachment> {
  const { db, actor } = act;
  const title = cleanTitle(input.title);
  if (input.kind !== undefined && !(ATTACHMENT_KINDS as readonly string[]).includes(input.kind))
    throw new AttachmentError("Type de document inconnu.", "file");
  requireOwner(db, input.owner);

  const dir = uploadsDir(dataDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const storageName = randomBytes(16).toString("hex");
  const finalPath = storedFilePath(dataDir, storageName);
  const tempPath = path.join(dir, `${storageName}.tmp`);

  // Set inside the transaction: if it is true when the transaction throws, the row was rolled back.
  let renamed = false as boolean;
  try {
    const { source } = input.file;
    // A path is copied before it is checked, so that what we check is what we keep.
    if (typeof source === "string") {
      if (fs.statSync(source).size > input.maxBytes)
        throw new UploadError("too_large", tooLargeMessage(input.maxBytes));
      fs.copyFileSync(source, tempPath, fs.constants.COPYFILE_EXCL);
    }
    const checked = await validateUpload(
      typeof source === "string" ? tempPath : source,
      input.file.name,
      input.maxBytes,
    );
    const sha256 =
      typeof source === "string" ? await hashFile(tempPath) : createHash("sha256").update(source).digest("hex");
    if (typeof source !== "string") fs.writeFileSync(tempPath, source, { flag: "wx", mode: 0o600 });
    syncFile(tempPath);

    return immediate(db, () => {
      requireOwner(db, input.owner);
      const last = db
        .select({ position: max(attachments.position) })
        .from(attachments)
        .where(ownerCondition(input.owner))
        .get();
      const row = db
        .insert(attachments)
        .values({
          ...ownerColumns(input.owner),
          title,
          kind: kindOfContent(checked.type, input.kind),
          mimeType: checked.mimeType,
          size: checked.size,
          sha256,
          storageName,
          originalName: checked.displayName,
          position: (last?.position ?? 0) + 1,
        })
        .returning()
        .get();
      recordAudit(db, actor, {
        action: "attachment.add",
        entityType: "attachment",
        entityId: row.id,
        details: { ...ownerAudit(input.owner), title, originalName: checked.displayName, size: checked.size, sha256 },
      });
      // Last step before the commit: if the rename fails, the row is rolled back with it.
      fs.renameSync(tempPath, finalPath);
      renamed = true;
      syncDirectory(dir);
      return row;
    });
  } catch (error) {
    removeQuietly(tempPath);
    if (renamed) removeQuietly(finalPath);
    if (error instanceof UploadError) throw new AttachmentError(error.message, "file");
    throw error;
  }
}

/**
 * The kind shown to organisers, from what the bytes turned out to be: an image is an image,
 * a presentation is a slide deck, anything else a document unless the platform printed it and
 * says it is a booklet or slides.
 */
export function kindOfContent(type: UploadType, hint?: Exclude<AttachmentKind, "image">): AttachmentKind {
  if (type === "png" || type === "jpeg" || type === "gif" || type === "webp") return "image";
  if (type === "pptx" || type === "odp") return "slides";
  return hint ?? "document";
}

/** A document's title, as the public reads it; the change is journalled with the old title. */
export function renameAttachment(act: Act, owner: AttachmentOwner, attachmentId: number, newTitle: string): Attachment {
  const { db, actor } = act;
  const title = cleanTitle(newTitle);
  return immediate(db, () => {
    const row = attachmentOf(db, owner, attachmentId);
    if (row.title === title) return row;
    const updated = db.update(attachments).set({ title }).where(eq(attachments.id, row.id)).returning().get();
    recordAudit(db, actor, {
      action: "attachment.rename",
      entityType: "attachment",
      entityId: row.id,
      details: { ...ownerAudit(owner), from: row.title, to: title },
    });
    return updated;
  });
}

/** Deletes the row (and closes the gap in positions), then the file once the deletion is committed. */
export function removeAttachment(act: Act, dataDir: string, owner: AttachmentOwner, attachmentId: number): void {
  const { db, actor } = act;
  const removed = immediate(db, () => {
    const row = attachmentOf(db, owner, attachmentId);
    db.delete(attachments).where(eq(attachments.id, row.id)).run();
    db.update(attachments)
      .set({ position: sql`${attachments.position} - 1` })
      .where(and(ownerCondition(owner), gt(attachments.position, row.position)))
      .run();
    recordAudit(db, actor, {
      action: "attachment.remove",
      entityType: "attachment",
      entityId: row.id,
      details: { ...ownerAudit(owner), title: row.title, originalName: row.originalName, sha256: row.sha256 },
    });
    return row;
  });
  // A crash right here leaves a file without a row, never the reverse; sweepOrphanUploads clears it.
  removeQuietly(storedFilePath(dataDir, removed.storageName));
}

/** Swaps a document with its neighbour above or below in the owner's list. */
export function moveAttachment(act: Act, owner: AttachmentOwner, attachmentId: number, direction: "up" | "down"): void {
  const { db, actor } = act;
  immediate(db, () => {
    const row = attachmentOf(db, owner, attachmentId);
    const neighbour = db
      .select()
      .from(attachments)
      .where(
        and(
          ownerCondition(owner),
          ne(attachments.id, row.id),
          direction === "up" ? lt(attachments.position, row.position) : gt(attachments.position, row.position),
        ),
      )
      .orderBy(direction === "up" ? sql`${attachments.position} desc` : asc(attachments.position))
      .limit(1)
      .get();
    if (!neighbour) return;
    db.update(attachments).set({ position: neighbour.position }).where(eq(attachments.id, row.id)).run();
    db.update(attachments).set({ position: row.position }).where(eq(attachments.id, neighbour.id)).run();
    recordAudit(db, actor, {
      action: "attachment.move",
      entityType: "attachment",
      entityId: row.id,
      details: { ...ownerAudit(owner), direction },
    });
  });
}

/**
 * The document behind a download URL, or null. The file name in the URL must be the one we
 * gave it, and its owner must be public (a published article, an edition that is not a draft)
 * unless `includeDrafts` (an organiser is logged in). `isPublic` tells caches whether they may keep it.
 */
export function findDownloadableAttachment(
  db: Db,
  attachmentId: number,
  fileName: string,
  options: { includeDrafts: boolean },
): { attachment: Attachment; isPublic: boolean } | null {
  if (!Number.isSafeInteger(attachmentId) || attachmentId <= 0) return null;
  const row = db
    .select({ attachment: attachments, editionStatus: editions.status, articleStatus: articles.status })
    .from(attachments)
    .leftJoin(editions, eq(editions.id, attachments.editionId))
    .leftJoin(articles, eq(articles.id, attachments.articleId))
    .where(eq(attachments.id, attachmentId))
    .get();
  if (!row || row.attachment.originalName !== fileName) return null;
  const isPublic =
    row.attachment.articleId !== null
      ? row.articleStatus === "published"
      : row.editionStatus !== null && row.editionStatus !== "draft";
  if (!isPublic && !options.includeDrafts) return null;
  return { attachment: row.attachment, isPublic };
}

/**
 * Removes what a crash may have left in the uploads folder: temporary files, and files no row
 * points to. Only files older than `minAgeMs`, so that an upload in progress is left alone.
 */
export function sweepOrphanUploads(db: Db, dataDir: string, minAgeMs = 3_600_000, now = Date.now()): string[] {
  const dir = uploadsDir(dataDir);
  if (!fs.existsSync(dir)) return [];
  const candidates = fs.readdirSync(dir).filter((name) => {
    const stat = fs.statSync(path.join(dir, name), { throwIfNoEntry: false });
    return stat !== undefined && stat.isFile() && now - stat.mtimeMs >= minAgeMs;
  });
  const known = new Set<string>();
  for (let i = 0; i < candidates.length; i += 500) {
    const batch = candidates.slice(i, i + 500);
    for (const row of db
      .select({ name: attachments.storageName })
      .from(attachments)
      .where(inArray(attachments.storageName, batch))
      .all()) {
      known.add(row.name);
    }
  }
  const removed = candidates.filter((name) => !known.has(name));
  for (const name of removed) removeQuietly(path.join(dir, name));
  return removed;
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

function syncFile(file: string): void {
  const fd = fs.openSync(file, "r+");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes the rename durable before the row is committed; not every platform lets a folder be synced. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open a folder; the rename is still atomic there.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function removeQuietly(file: string): void {
  fs.rmSync(file, { force: true });
}
