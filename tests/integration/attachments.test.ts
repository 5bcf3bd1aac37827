import { createHash } from "node:crypto";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import express from "express";
import { RouterContextProvider } from "react-router";
import { afterAll, describe, expect, it, vi } from "vitest";
import yazl from "yazl";
import { articles, attachments, auditLog } from "#db/schema.ts";
import { onePagePdf, PNG } from "#tests/support/files.ts";
import { createEdition } from "#tests/support/fixtures.ts";
import { tempDb } from "#tests/support/temp-db.ts";

// The database and its folder double as the app's data folder: the route modules read
// DATABASE_PATH once, so it is set before they are imported.
const { db, file: databaseFile, dir: dataDir } = tempDb();
process.env.DATABASE_PATH = databaseFile;
process.env.SESSION_SECRET = "a-test-secret-that-is-long-enough-0123456789";
process.env.APP_URL = "http://cts.test";
process.env.UPLOAD_MAX_BYTES = String(1024 * 1024);

const { validateUpload, safeDisplayName, UploadError, ZIP_LIMITS, MIME_TYPES, tooLargeMessage } =
  await import("#app/lib/uploads.server.ts");
const {
  addAttachment,
  AttachmentError,
  findDownloadableAttachment,
  listAttachments,
  moveAttachment,
  removeAttachment,
  sweepOrphanUploads,
  uploadsDir,
} = await import("#app/domain/documents/attachments.server.ts");
const { loader: documentLoader } = await import("#app/routes/document.ts");
const documentsPage = await import("#app/routes/admin/editions/documents.tsx");
const { adminContext } = await import("#tests/support/admin-context.ts");
const { guardFormBodies, bufferedBody } = await import("#app/server/form-body.ts");
const { closeDb } = await import("#app/lib/db.server.ts");
const { parseEnv } = await import("#app/lib/env.server.ts");
const { createStaffUser, signedInCookie } = await import("#tests/support/staff.ts");

afterAll(() => closeDb());

const now = new Date();
const actor = { userId: null };
const MAX = 25 * 1024 * 1024;

// ---------------------------------------------------------------- files built here

const pdf = () => onePagePdf("Synthèse");
const GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from("JFIF\0"),
  Buffer.alloc(64),
  Buffer.from([0xff, 0xd9]),
]);
const WEBP = (() => {
  const body = Buffer.concat([
    Buffer.from("WEBPVP8L"),
    Buffer.from([0x0a, 0, 0, 0, 0x2f, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88]),
  ]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(body.length);
  return Buffer.concat([Buffer.from("RIFF"), size, body]);
})();

type ZipEntry = { name: string; content: string | Buffer; store?: boolean };

function zip(entries: ZipEntry[]): Promise<Buffer> {
  const archive = new yazl.ZipFile();
  for (const entry of entries) {
    archive.addBuffer(typeof entry.content === "string" ? Buffer.from(entry.content) : entry.content, entry.name, {
      compress: !entry.store,
    });
  }
  archive.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    archive.outputStream.on("data", (chunk: Buffer) => chunks.push(chunk));
    archive.outputStream.on("error", reject);
    archive.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
  });
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
const docx = () =>
  zip([
    { name: "[Content_Types].xml", content: CONTENT_TYPES },
    { name: "_rels/.rels", content: "<Relationships/>" },
    {
      name: "word/document.xml",
      content: "<w:document><w:body><w:p><w:r><w:t>Bonjour</w:t></w:r></w:p></w:body></w:document>",
    },
  ]);
const pptx = () =>
  zip([
    { name: "[Content_Types].xml", content: CONTENT_TYPES },
    { name: "_rels/.rels", content: "<Relationships/>" },
    { name: "ppt/presentation.xml", content: "<p:presentation/>" },
    { name: "ppt/slides/slide1.xml", content: "<p:sld/>" },
  ]);
const openDocument = (mimetype: string) =>
  zip([
    { name: "mimetype", content: mimetype, store: true },
    { name: "content.xml", content: "<office:document-content/>" },
    { name: "META-INF/manifest.xml", content: "<manifest:manifest/>" },
  ]);

/** Sets the uncompressed size the central directory declares for every entry. */
function declareUncompressedSize(archive: Buffer, size: number): Buffer {
  const patched = Buffer.from(archive);
  for (let offset = patched.indexOf("PK\x01\x02"); offset >= 0; offset = patched.indexOf("PK\x01\x02", offset + 4)) {
    patched.writeUInt32LE(size, offset + 24);
  }
  return patched;
}

async function refusal(promise: Promise<unknown>): Promise<InstanceType<typeof UploadError>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UploadError) return error;
    throw error;
  }
  throw new Error("expected the upload to be refused");
}

// ---------------------------------------------------------------- validation

describe("upload validation", () => {
  it("accepts each allowed type, decided from the content", async () => {
    const cases: Array<[Buffer, string, string]> = [
      [await pdf(), "compte-rendu.pdf", "pdf"],
      [PNG, "photo.png", "png"],
      [JPEG, "photo.JPG", "jpeg"],
      [JPEG, "photo.jpeg", "jpeg"],
      [GIF, "anim.gif", "gif"],
      [WEBP, "image.webp", "webp"],
      [await docx(), "synthese.docx", "docx"],
      [await pptx(), "diaporama.pptx", "pptx"],
      [await openDocument(MIME_TYPES.odt), "livret.odt", "odt"],
      [await openDocument(MIME_TYPES.odp), "diaporama.odp", "odp"],
    ];
    for (const [bytes, name, type] of cases) {
      const result = await validateUpload(bytes, name, MAX);
      expect(result, name).toMatchObject({ type, size: bytes.length, displayName: name });
      expect(result.mimeType).toBe(MIME_TYPES[type as keyof typeof MIME_TYPES]);
    }
  });

  it("reads a file path as well as bytes", async () => {
    const file = path.join(dataDir, "sur-disque.pptx");
    fs.writeFileSync(file, await pptx());
    expect((await validateUpload(file, "diaporama.pptx", MAX)).type).toBe("pptx");
    fs.writeFileSync(file, await zip([{ name: "x.txt", content: "x" }]));
    expect((await refusal(validateUpload(file, "diaporama.pptx", MAX))).code).toBe("unsupported");
  });

  it("refuses a lying extension, whatever the real type", async () => {
    for (const [bytes, name] of [
      [await pdf(), "rapport.docx"],
      [await docx(), "rapport.pdf"],
      [PNG, "photo.jpg"],
      [await openDocument(MIME_TYPES.odt), "livret.odp"],
      [await pdf(), "rapport"],
    ] as const) {
      const error = await refusal(validateUpload(bytes, name, MAX));
      expect(error.code, name).toBe("lying_extension");
      expect(error.message).toBe("Le contenu de ce fichier ne correspond pas à son extension.");
    }
  });

  it("refuses an oversized file before looking at it, naming the cap in Mo", async () => {
    const big = Buffer.alloc(MAX + 1);
    big.write("%PDF-1.7");
    const error = await refusal(validateUpload(big, "gros.pdf", MAX));
    expect(error.code).toBe("too_large");
    expect(error.message).toBe("Ce fichier dépasse la taille autorisée (25\u00a0Mo).");
    expect((await validateUpload(big.subarray(0, MAX), "juste.pdf", MAX)).size).toBe(MAX);
    expect((await refusal(validateUpload(Buffer.alloc(0), "vide.pdf", MAX))).code).toBe("empty");
  });

  it("refuses text, scripts and HTML dressed up as documents", async () => {
    for (const [bytes, name] of [
      [Buffer.from("<html><script>alert(1)</script></html>"), "page.pdf"],
      [Buffer.from("#!/bin/sh\nrm -rf /\n"), "script.docx"],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), "image.png"],
    ] as const) {
      const error = await refusal(validateUpload(bytes, name, MAX));
      expect(error.code).toBe("unsupported");
      expect(error.message).toBe("Type de fichier non accepté\u00a0: PDF, PPTX, ODP, DOCX, ODT ou image.");
    }
  });

  it("refuses a zip bomb: a highly compressible entry, a declared size over the limit, too many entries", async () => {
    const zeros = await zip([
      { name: "[Content_Types].xml", content: CONTENT_TYPES },
      { name: "word/document.xml", content: Buffer.alloc(20 * 1024 * 1024) },
    ]);
    expect(zeros.length).toBeLessThan(100 * 1024);
    const bomb = await refusal(validateUpload(zeros, "bombe.docx", MAX));
    expect(bomb.code).toBe("zip_bomb");
    expect(bomb.message).toBe("Archive refusée\u00a0: elle se décompresse en un volume anormal.");

    // Small and honest-looking, but its directory claims 300 MB once inflated.
    const declared = declareUncompressedSize(await docx(), 300 * 1024 * 1024);
    expect((await refusal(validateUpload(declared, "rapport.docx", MAX))).code).toBe("zip_bomb");

    // One bomb hidden beside incompressible data: the archive as a whole looks ordinary.
    const noise = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
    const hidden = await zip([
      { name: "[Content_Types].xml", content: CONTENT_TYPES },
      { name: "word/document.xml", content: "<w:document/>" },
      { name: "word/media/noise.bin", content: Buffer.concat([noise, noise.reverse()]), store: true },
      { name: "word/media/zeros.bin", content: Buffer.alloc(2 * 1024 * 1024) },
    ]);
    expect((await refusal(validateUpload(hidden, "rapport.docx", MAX))).code).toBe("zip_bomb");

    // Many entries each too small to be judged alone, that together inflate 1,000 times.
    const spread = await zip([
      { name: "[Content_Types].xml", content: CONTENT_TYPES },
      { name: "word/document.xml", content: "<w:document/>" },
      ...Array.from({ length: 4 }, (_, i) => ({ name: `word/media/${i}.bin`, content: Buffer.alloc(900 * 1024) })),
    ]);
    expect((await refusal(validateUpload(spread, "rapport.docx", MAX))).code).toBe("zip_bomb");

    const many = await zip([
      { name: "[Content_Types].xml", content: CONTENT_TYPES },
      { name: "word/document.xml", content: "<w:document/>" },
      ...Array.from({ length: ZIP_LIMITS.maxEntries }, (_, i) => ({
        name: `word/media/${i}.xml`,
        content: "",
        store: true,
      })),
    ]);
    expect((await refusal(validateUpload(many, "rapport.docx", MAX))).code).toBe("zip_bomb");
  });

  it("refuses a truncated zip", async () => {
    const whole = await docx();
    for (const cut of [whole.subarray(0, whole.length - 10), whole.subarray(0, Math.floor(whole.length / 2))]) {
      const error = await refusal(validateUpload(cut, "rapport.docx", MAX));
      expect(error.code).toBe("corrupt");
      expect(error.message).toBe("Ce fichier est endommagé ou incomplet\u00a0: il ne peut pas être lu.");
    }
  });

  it("refuses a zip that is not one of the four office formats", async () => {
    const cases: Array<[Buffer, string]> = [
      [await zip([{ name: "notes.txt", content: "bonjour" }]), "archive.docx"],
      // Only one of the two entries a Word file needs.
      [await zip([{ name: "word/document.xml", content: "<w:document/>" }]), "rapport.docx"],
      [await openDocument("application/vnd.oasis.opendocument.spreadsheet"), "tableur.odt"],
      // The right text, but not exactly: a trailing newline.
      [await openDocument(`${MIME_TYPES.odt}\n`), "livret.odt"],
      // A mimetype entry too big to be one is not read at all.
      [await openDocument(MIME_TYPES.odt + " ".repeat(ZIP_LIMITS.maxMimetypeBytes)), "livret.odt"],
    ];
    for (const [bytes, name] of cases)
      expect((await refusal(validateUpload(bytes, name, MAX))).code, name).toBe("unsupported");
  });

  it("keeps only a safe display name: no path, no control character, at most 150 characters, never empty", async () => {
    const bytes = await pdf();
    expect((await validateUpload(bytes, "../../etc/passwd.pdf", MAX)).displayName).toBe("passwd.pdf");
    expect((await validateUpload(bytes, "C:\\temp\\a.pdf", MAX)).displayName).toBe("a.pdf");
    expect((await validateUpload(bytes, "rap\u0000port\u202e\n.pdf", MAX)).displayName).toBe("rapport.pdf");
    const long = await validateUpload(bytes, `${"é".repeat(300)}.pdf`, MAX);
    expect(Array.from(long.displayName)).toHaveLength(150);
    expect(long.displayName.endsWith("é.pdf")).toBe(true);
    expect(safeDisplayName("dossier/", "pdf")).toBe("document.pdf");
    expect(safeDisplayName("..", "png")).toBe("document.png");
    expect(safeDisplayName("\u0007")).toBe("document");
    // macOS sends decomposed accents; they are stored composed.
    expect(safeDisplayName("e\u0301te\u0301.pdf")).toBe("été.pdf");
  });

  it("writes every refusal with French spacing", async () => {
    const messages = [
      tooLargeMessage(MAX),
      ...(
        await Promise.all([
          refusal(validateUpload(Buffer.from("x"), "a.pdf", MAX)),
          refusal(validateUpload(await pdf(), "a.png", MAX)),
          refusal(validateUpload(Buffer.alloc(0), "a.pdf", MAX)),
          refusal(validateUpload((await docx()).subarray(0, 40), "a.docx", MAX)),
        ])
      ).map((error) => error.message),
    ];
    for (const message of messages) {
      expect(message).not.toMatch(/ [:;?!»]|« /);
      expect(message).not.toMatch(/'/);
    }
  });

  it("reads UPLOAD_MAX_BYTES, 25 MB by default", () => {
    const base = { DATABASE_PATH: path.join(dataDir, "env", "cts.db"), SESSION_SECRET: "x".repeat(40) };
    expect(parseEnv(base).uploadMaxBytes).toBe(26_214_400);
    expect(parseEnv({ ...base, UPLOAD_MAX_BYTES: "1048576" }).uploadMaxBytes).toBe(1_048_576);
    expect(() => parseEnv({ ...base, UPLOAD_MAX_BYTES: "beaucoup" })).toThrow(/UPLOAD_MAX_BYTES/);
  });
});

// ---------------------------------------------------------------- storage

const uploads = () => (fs.existsSync(uploadsDir(dataDir)) ? fs.readdirSync(uploadsDir(dataDir)) : []);

describe("stored documents", () => {
  const edition = createEdition(db, now);
  const other = createEdition(db, now);
  const add = async (
    owner: { editionId: number } | { articleId: number },
    title: string,
    bytes: Buffer,
    name: string,
  ) =>
    addAttachment({ db, actor, now: new Date() }, dataDir, {
      owner,
      title,
      kind: "document",
      file: { source: bytes, name },
      maxBytes: MAX,
    });

  it("stores the bytes under a random name with their size and sha256, and records who did it", async () => {
    const bytes = await pdf();
    const row = await add({ editionId: edition.id }, "Compte rendu : matinée", bytes, "../compte rendu.pdf");
    expect(row.storageName).toMatch(/^[0-9a-f]{32}$/);
    expect(row.originalName).toBe("compte rendu.pdf");
    expect(row.title).toBe("Compte rendu\u00a0: matinée");
    expect(row.mimeType).toBe("application/pdf");
    expect(row.size).toBe(bytes.length);
    expect(row.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    const stored = fs.readFileSync(path.join(uploadsDir(dataDir), row.storageName));
    expect(stored.equals(bytes)).toBe(true);
    expect(uploads().filter((name) => name.endsWith(".tmp"))).toEqual([]);
    const second = await add({ editionId: edition.id }, "Compte rendu", bytes, "compte rendu.pdf");
    expect(second.storageName).not.toBe(row.storageName);
    const audit = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "attachment.add"), eq(auditLog.entityId, row.id)))
      .get();
    expect(JSON.parse(audit!.details!)).toMatchObject({ editionId: edition.id, sha256: row.sha256 });
  });

  it("also takes the path of a temporary file, and copies what it checked", async () => {
    const source = path.join(dataDir, "envoi.odp");
    const bytes = await openDocument(MIME_TYPES.odp);
    fs.writeFileSync(source, bytes);
    const row = await addAttachment({ db, actor, now: new Date() }, dataDir, {
      owner: { editionId: other.id },
      title: "Diaporama",
      kind: "slides",
      file: { source, name: "diaporama.odp" },
      maxBytes: MAX,
    });
    expect(row.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(fs.readFileSync(path.join(uploadsDir(dataDir), row.storageName)).equals(bytes)).toBe(true);
  });

  it("leaves neither a row nor a file behind when the upload is refused or the write fails", async () => {
    const before = { rows: db.select().from(attachments).all().length, files: uploads().length };
    const refused = add({ editionId: edition.id }, "Faux", await pdf(), "rapport.docx");
    await expect(refused).rejects.toThrow(AttachmentError);
    await expect(refused).rejects.toMatchObject({ field: "file" });
    await expect(add({ editionId: edition.id }, "  ", await pdf(), "a.pdf")).rejects.toMatchObject({ field: "title" });
    await expect(add({ editionId: 999_999 }, "Orphelin", await pdf(), "a.pdf")).rejects.toThrow(/Édition introuvable/);

    const rename = vi.spyOn(fs, "renameSync").mockImplementationOnce(() => {
      throw new Error("disk full");
    });
    await expect(add({ editionId: edition.id }, "Disque plein", await pdf(), "a.pdf")).rejects.toThrow(/disk full/);
    rename.mockRestore();

    // The file is in place and the transaction then fails (as a commit on a full disk would):
    // the row is rolled back, so the file must go too.
    const client = db.$client;
    const realTransaction = client.transaction.bind(client);
    const transaction = vi.spyOn(client, "transaction").mockImplementationOnce(((work: () => unknown) =>
      realTransaction(() => {
        work();
        throw new Error("commit failed");
      })) as typeof client.transaction);
    await expect(add({ editionId: edition.id }, "Commit raté", await pdf(), "a.pdf")).rejects.toThrow(/commit failed/);
    transaction.mockRestore();

    expect(db.select().from(attachments).all()).toHaveLength(before.rows);
    expect(uploads()).toHaveLength(before.files);
  });

  it("lists, reorders and removes; ids of another owner are refused", async () => {
    const owner = { editionId: createEdition(db, now).id };
    const [a, b, c] = [
      await add(owner, "A", PNG, "a.png"),
      await add(owner, "B", GIF, "b.gif"),
      await add(owner, "C", JPEG, "c.jpg"),
    ];
    moveAttachment({ db, actor, now: new Date() }, owner, c!.id, "up");
    expect(listAttachments(db, owner).map((row) => row.title)).toEqual(["A", "C", "B"]);
    moveAttachment({ db, actor, now: new Date() }, owner, a!.id, "up");
    expect(listAttachments(db, owner).map((row) => row.title)).toEqual(["A", "C", "B"]);

    expect(() => removeAttachment({ db, actor, now: new Date() }, dataDir, { editionId: edition.id }, a!.id)).toThrow(
      AttachmentError,
    );
    expect(() => moveAttachment({ db, actor, now: new Date() }, { editionId: edition.id }, a!.id, "down")).toThrow(
      /Document introuvable/,
    );
    expect(() =>
      removeAttachment({ db, actor, now: new Date() }, dataDir, { articleId: a!.editionId! }, a!.id),
    ).toThrow(AttachmentError);
    expect(fs.existsSync(path.join(uploadsDir(dataDir), a!.storageName))).toBe(true);

    removeAttachment({ db, actor, now: new Date() }, dataDir, owner, c!.id);
    expect(listAttachments(db, owner).map((row) => [row.title, row.position])).toEqual([
      ["A", 1],
      ["B", 2],
    ]);
    expect(fs.existsSync(path.join(uploadsDir(dataDir), c!.storageName))).toBe(false);
    expect(b!.id).toBeGreaterThan(0);
  });

  it("sweeps what a crash could leave: old temporary files and files no row points to", async () => {
    const kept = await add({ editionId: edition.id }, "Gardé", PNG, "garde.png");
    const dir = uploadsDir(dataDir);
    fs.writeFileSync(path.join(dir, "0".repeat(32)), "orphan");
    fs.writeFileSync(path.join(dir, `${"1".repeat(32)}.tmp`), "partial");
    expect(sweepOrphanUploads(db, dataDir, 3_600_000)).toEqual([]);
    const removed = sweepOrphanUploads(db, dataDir, 0, Date.now() + 1000);
    expect(removed.sort()).toEqual(["0".repeat(32), `${"1".repeat(32)}.tmp`]);
    expect(fs.existsSync(path.join(dir, kept.storageName))).toBe(true);
  });
});

// ---------------------------------------------------------------- download route

type LoaderArgs = Parameters<typeof documentLoader>[0];

async function download(
  id: number | string,
  fileName: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  const request = new Request(`http://cts.test/documents/${id}/${encodeURIComponent(fileName)}`, { headers });
  return documentLoader({
    request,
    params: { attachmentId: String(id), fileName },
    context: new RouterContextProvider(),
  } as unknown as LoaderArgs);
}

let cookie: Promise<string> | undefined;

/** One organiser for the whole file, logged in once. */
function organiserCookie(): Promise<string> {
  cookie ??= (async () => {
    await createStaffUser(db, "orga-documents@siao95.example", "organiser");
    return signedInCookie(db, "orga-documents@siao95.example");
  })();
  return cookie;
}

describe("GET /documents/:attachmentId/:fileName", () => {
  const published = createEdition(db, now);
  const draft = createEdition(db, now, { status: "draft" });
  const cancelled = createEdition(db, now, { status: "cancelled" });
  const article = (status: "draft" | "published", slug: string) =>
    db
      .insert(articles)
      .values({ slug, title: `Synthèse ${slug}`, status, publishedAt: status === "published" ? now : null })
      .returning()
      .get();
  const store = (owner: { editionId: number } | { articleId: number }, bytes: Buffer, name: string) =>
    addAttachment({ db, actor, now: new Date() }, dataDir, {
      owner,
      title: "Document",
      kind: "booklet",
      file: { source: bytes, name },
      maxBytes: MAX,
    });

  it("serves a public edition's document as a download with safe headers and a day of cache", async () => {
    const bytes = await pdf();
    const row = await store({ editionId: published.id }, bytes, "Compte rendu été 2025 ; « final ».pdf");
    const response = await download(row.id, row.originalName);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Length")).toBe(String(bytes.length));
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=86400");
    expect(response.headers.get("ETag")).toBe(`"${row.sha256}"`);
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="Compte rendu ete 2025 _ _ final _.pdf"; filename*=UTF-8''${encodeURIComponent(row.originalName)}`,
    );
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("answers 304 to a matching If-None-Match, and the file again to another", async () => {
    const row = await store({ editionId: cancelled.id }, PNG, "photo.png");
    const etag = `"${row.sha256}"`;
    const notModified = await download(row.id, "photo.png", { "If-None-Match": etag });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get("ETag")).toBe(etag);
    expect(await notModified.text()).toBe("");
    expect((await download(row.id, "photo.png", { "If-None-Match": `"autre", W/${etag}` })).status).toBe(304);
    const changed = await download(row.id, "photo.png", { "If-None-Match": '"autre"' });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("Content-Type")).toBe("image/png");
  });

  it("refuses drafts, unknown ids and mismatched names with a French 404", async () => {
    const draftRow = await store({ editionId: draft.id }, PNG, "brouillon.png");
    const publicRow = await store({ editionId: published.id }, GIF, "public.gif");
    const draftArticle = await store({ articleId: article("draft", "brouillon").id }, PNG, "article.png");
    for (const response of [
      await download(draftRow.id, "brouillon.png"),
      await download(draftArticle.id, "article.png"),
      await download(999_999, "public.gif"),
      await download("abc", "public.gif"),
      await download(publicRow.id, "autre.gif"),
      await download(publicRow.id, "PUBLIC.GIF"),
    ]) {
      expect(response.status).toBe(404);
      expect(await response.text()).toBe("Document introuvable\u00a0: il n’existe pas ou n’est pas public.");
    }
  });

  it("serves a published article's document, and drafts' documents to organisers only, never cached by others", async () => {
    const publishedArticle = await store(
      { articleId: article("published", "publiee").id },
      await docx(),
      "synthese.docx",
    );
    const response = await download(publishedArticle.id, "synthese.docx");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe(MIME_TYPES.docx);

    const draftRow = await store({ editionId: draft.id }, await pdf(), "programme.pdf");
    const asOrganiser = await download(draftRow.id, "programme.pdf", { Cookie: await organiserCookie() });
    expect(asOrganiser.status).toBe(200);
    expect(asOrganiser.headers.get("Cache-Control")).toBe("private, no-store");
    expect((await download(draftRow.id, "programme.pdf")).status).toBe(404);
    expect(findDownloadableAttachment(db, draftRow.id, "programme.pdf", { includeDrafts: false })).toBeNull();
  });
});

// ---------------------------------------------------------------- back-office page

describe("/admin/editions/:editionId/documents", () => {
  type ActionArgs = Parameters<typeof documentsPage.action>[0];

  async function post(editionId: number, form: FormData, cookie: string): Promise<unknown> {
    const request = new Request(`http://cts.test/admin/editions/${editionId}/documents`, {
      method: "POST",
      body: form,
      headers: { Cookie: cookie },
    });
    try {
      return await documentsPage.action({
        request,
        params: { editionId: String(editionId) },
        context: await adminContext(request),
      } as unknown as ActionArgs);
    } catch (thrown) {
      return thrown;
    }
  }

  const uploadForm = (title: string, kind: string, bytes: Buffer, name: string) => {
    const form = new FormData();
    form.set("intent", "upload-attachment");
    form.set("title", title);
    form.set("kind", kind);
    form.set("file", new File([new Uint8Array(bytes)], name, { type: "application/octet-stream" }));
    return form;
  };

  it("uploads through the multipart form, and answers a refused file next to its field", async () => {
    const cookie = await organiserCookie();
    const edition = createEdition(db, now);
    const ok = (await post(
      edition.id,
      uploadForm("Livret d’accueil", "booklet", await pdf(), "livret.pdf"),
      cookie,
    )) as Response;
    expect(ok.status).toBe(303);
    expect(ok.headers.get("Location")).toMatch(new RegExp(`^/admin/editions/${edition.id}/documents#document-\\d+$`));
    expect(ok.headers.get("Set-Cookie")).toMatch(/cts_flash=/);
    expect(listAttachments(db, { editionId: edition.id }).map((row) => row.originalName)).toEqual(["livret.pdf"]);

    const lying = (await post(edition.id, uploadForm("Faux", "document", await pdf(), "rapport.docx"), cookie)) as {
      init: ResponseInit | null;
      data: { result: { error?: Record<string, string[]> } };
    };
    expect(lying.init?.status).toBe(422);
    expect(lying.data.result.error?.file).toEqual(["Le contenu de ce fichier ne correspond pas à son extension."]);

    const noFile = new FormData();
    noFile.set("intent", "upload-attachment");
    noFile.set("title", "Sans fichier");
    noFile.set("kind", "document");
    noFile.set("file", new File([], ""));
    const missing = (await post(edition.id, noFile, cookie)) as {
      init: ResponseInit | null;
      data: { result: { error?: Record<string, string[]> } };
    };
    expect(missing.init?.status).toBe(400);
    expect(missing.data.result.error?.file).toEqual(["Choisissez un fichier."]);
    expect(listAttachments(db, { editionId: edition.id })).toHaveLength(1);
  });
});

// ---------------------------------------------------------------- body size

describe("request body cap", () => {
  it("lets the document pages take a file up to UPLOAD_MAX_BYTES + 1 MB and refuses more with a French 413", async () => {
    const app = express();
    app.use(guardFormBodies);
    app.post("/{*path}", (req, res) => {
      res
        .status(204)
        .set("X-Received", String(bufferedBody(req)?.length ?? 0))
        .end();
    });
    const server = app.listen(0);
    await new Promise((resolve) => server.once("listening", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const send = (pathname: string, bytes: number) =>
      fetch(`${base}${pathname}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        // One field whose value fills the body: `f=aaa…`.
        body: new Uint8Array(bytes).fill(0x61).fill(0x66, 0, 1).fill(0x3d, 1, 2),
      });
    try {
      const limit = 1024 * 1024 + 1024 * 1024;
      const accepted = await send("/admin/editions/3/documents", limit);
      expect(accepted.status).toBe(204);
      expect(accepted.headers.get("X-Received")).toBe(String(limit));
      expect((await send("/admin/editions/3/documents.data", limit)).status).toBe(204);
      expect((await send("/admin/syntheses/12/documents", limit)).status).toBe(204);
      const refused = await send("/admin/editions/3/documents", limit + 1);
      expect(refused.status).toBe(413);
      expect(await refused.text()).toBe("Envoi refusé\u00a0: le fichier dépasse la taille autorisée (1\u00a0Mo).");
      const form = await send("/admin/editions/3/programme", 300 * 1024);
      expect(form.status).toBe(413);
      expect(await form.text()).toBe("Envoi refusé\u00a0: le formulaire dépasse la taille autorisée.");
      expect((await send("/editions/x/documents", 300 * 1024)).status).toBe(413);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
