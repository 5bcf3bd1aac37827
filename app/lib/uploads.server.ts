import fs from "node:fs/promises";
import type { Readable } from "node:stream";
import type yauzl from "yauzl";

// What an uploaded document really is, decided from its bytes. The browser's Content-Type and
// the file name are typed by the sender and prove nothing; the name must only agree with what
// the content turned out to be, so that the file opens in the right program once downloaded.

export const UPLOAD_TYPES = ["pdf", "png", "jpeg", "gif", "webp", "docx", "pptx", "odt", "odp"] as const;
export type UploadType = (typeof UPLOAD_TYPES)[number];

export const MIME_TYPES: Record<UploadType, string> = {
  pdf: "application/pdf",
  png: "image/png",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  odt: "application/vnd.oasis.opendocument.text",
  odp: "application/vnd.oasis.opendocument.presentation",
};

const EXTENSIONS: Record<UploadType, readonly string[]> = {
  pdf: ["pdf"],
  png: ["png"],
  jpeg: ["jpg", "jpeg"],
  gif: ["gif"],
  webp: ["webp"],
  docx: ["docx"],
  pptx: ["pptx"],
  odt: ["odt"],
  odp: ["odp"],
};

/** Limits on what a zip may claim before we refuse to look further: no entry is ever inflated but `mimetype`. */
export const ZIP_LIMITS = {
  maxEntries: 5_000,
  maxTotalUncompressed: 200 * 1024 * 1024,
  maxRatio: 100,
  /** Below this, a ratio says nothing: a few hundred bytes of repeated XML shrink a lot, and the total cap still holds. */
  ratioFloor: 1024 * 1024,
  /** `mimetype` holds one short line; anything longer is not an OpenDocument file. */
  maxMimetypeBytes: 256,
} as const;

export type UploadErrorCode = "empty" | "too_large" | "unsupported" | "lying_extension" | "zip_bomb" | "corrupt";

export class UploadError extends Error {
  constructor(
    readonly code: UploadErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type ValidatedUpload = {
  type: UploadType;
  mimeType: string;
  size: number;
  /** The sender's name reduced to something safe to show and to offer as a download name. */
  displayName: string;
};

/** "25 Mo", "1,5 Mo": the cap as organisers read it in the error message. */
function megabytes(bytes: number): string {
  const value = bytes / (1024 * 1024);
  return `${value.toLocaleString("fr-FR", { maximumFractionDigits: 1 })}\u00a0Mo`;
}

export function tooLargeMessage(maxBytes: number): string {
  return `Ce fichier dépasse la taille autorisée (${megabytes(maxBytes)}).`;
}

const MESSAGES = {
  empty: "Ce fichier est vide.",
  unsupported: "Type de fichier non accepté\u00a0: PDF, PPTX, ODP, DOCX, ODT ou image.",
  lying_extension: "Le contenu de ce fichier ne correspond pas à son extension.",
  zip_bomb: "Archive refusée\u00a0: elle se décompresse en un volume anormal.",
  corrupt: "Ce fichier est endommagé ou incomplet\u00a0: il ne peut pas être lu.",
} as const;

const refuse = (code: Exclude<UploadErrorCode, "too_large">) => new UploadError(code, MESSAGES[code]);

/**
 * Checks an upload and tells what it is, or throws an `UploadError` with a French message.
 * `source` is the bytes themselves or the path of a file holding them.
 */
export async function validateUpload(
  source: Buffer | string,
  originalName: string,
  maxBytes: number,
): Promise<ValidatedUpload> {
  const size = typeof source === "string" ? (await fs.stat(source)).size : source.length;
  if (size > maxBytes) throw new UploadError("too_large", tooLargeMessage(maxBytes));
  if (size === 0) throw refuse("empty");

  const head = typeof source === "string" ? await readHead(source, 16) : source.subarray(0, 16);
  const type = magicType(head) ?? (isZip(head) ? await zipType(source) : null);
  if (!type) throw refuse("unsupported");

  const displayName = safeDisplayName(originalName, type);
  if (!EXTENSIONS[type].includes(extensionOf(displayName))) throw refuse("lying_extension");
  return { type, mimeType: MIME_TYPES[type], size, displayName };
}

async function readHead(file: string, length: number): Promise<Buffer> {
  const handle = await fs.open(file, "r");
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const startsWith = (head: Buffer, bytes: readonly number[], offset = 0) =>
  head.length >= offset + bytes.length && bytes.every((byte, i) => head[offset + i] === byte);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

function magicType(head: Buffer): UploadType | null {
  if (startsWith(head, ascii("%PDF-"))) return "pdf";
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(head, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(head, ascii("GIF87a")) || startsWith(head, ascii("GIF89a"))) return "gif";
  if (startsWith(head, ascii("RIFF")) && startsWith(head, ascii("WEBP"), 8)) return "webp";
  return null;
}

/** A local file header first: office files always start with one (an empty zip does not). */
const isZip = (head: Buffer) => startsWith(head, [0x50, 0x4b, 0x03, 0x04]);

async function openZip(source: Buffer | string): Promise<yauzl.ZipFile> {
  // Loaded on demand: only office uploads are opened as zips.
  const { default: zipReader } = await import("yauzl");
  const options = { lazyEntries: true, autoClose: true, validateEntrySizes: true };
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, zip: yauzl.ZipFile) => (error ? reject(error) : resolve(zip));
    if (typeof source === "string") zipReader.open(source, options, done);
    else zipReader.fromBuffer(source, options, done);
  });
}

/**
 * Which of the four office formats a zip is, from its central directory and, for OpenDocument,
 * the content of its `mimetype` entry; null when it is none of them. A zip that claims too much
 * is refused before any entry is inflated.
 */
async function zipType(source: Buffer | string): Promise<UploadType | null> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(source);
  } catch {
    throw refuse("corrupt");
  }
  try {
    if (zip.entryCount > ZIP_LIMITS.maxEntries) throw refuse("zip_bomb");
    const names = new Set<string>();
    let mimetype: string | null = null;
    let totalUncompressed = 0;
    let totalCompressed = 0;
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      totalUncompressed += entry.uncompressedSize;
      totalCompressed += entry.compressedSize;
      if (totalUncompressed > ZIP_LIMITS.maxTotalUncompressed) throw refuse("zip_bomb");
      if (inflatesTooMuch(entry.uncompressedSize, entry.compressedSize)) throw refuse("zip_bomb");
      names.add(entry.fileName);
      if (entry.fileName === "mimetype") mimetype = await readSmallEntry(zip, entry, ZIP_LIMITS.maxMimetypeBytes);
    }
    if (inflatesTooMuch(totalUncompressed, totalCompressed)) throw refuse("zip_bomb");

    if (names.has("[Content_Types].xml") && names.has("word/document.xml")) return "docx";
    if (names.has("[Content_Types].xml") && names.has("ppt/presentation.xml")) return "pptx";
    if (mimetype === MIME_TYPES.odt) return "odt";
    if (mimetype === MIME_TYPES.odp) return "odp";
    return null;
  } catch (error) {
    if (error instanceof UploadError) throw error;
    // yauzl's own refusals: a truncated central directory, an invalid or absolute entry name…
    throw refuse("corrupt");
  } finally {
    zip.close();
  }
}

function inflatesTooMuch(uncompressed: number, compressed: number): boolean {
  return uncompressed > ZIP_LIMITS.ratioFloor && uncompressed / Math.max(compressed, 1) > ZIP_LIMITS.maxRatio;
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off("entry", onEntry);
      zip.off("end", onEnd);
      zip.off("error", onError);
    };
    const onEntry = (entry: yauzl.Entry) => (cleanup(), resolve(entry));
    const onEnd = () => (cleanup(), resolve(null));
    const onError = (error: Error) => (cleanup(), reject(error));
    zip.on("entry", onEntry);
    zip.on("end", onEnd);
    zip.on("error", onError);
    zip.readEntry();
  });
}

/** The text of a tiny entry, or null when it claims to be (or turns out) bigger than `cap`. */
function readSmallEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, cap: number): Promise<string | null> {
  if (entry.uncompressedSize > cap || entry.isEncrypted()) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream: Readable) => {
      if (error) return reject(error);
      const chunks: Buffer[] = [];
      let received = 0;
      stream.on("data", (chunk: Buffer) => {
        received += chunk.length;
        if (received > cap) {
          stream.destroy();
          resolve(null);
          return;
        }
        chunks.push(chunk);
      });
      stream.on("error", reject);
      stream.on("end", () => resolve(Buffer.concat(chunks).toString("latin1")));
    });
  });
}

// ---------------------------------------------------------------- names

const MAX_NAME_LENGTH = 150;
/** C0 and C1 controls, and the invisible format characters that can reverse how a name reads (U+202E…). */
const UNSAFE_CHARACTERS = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot >= 0 ? name.slice(dot + 1).toLowerCase() : "";
}

/**
 * The last path segment of what the sender called the file, without control characters, at
 * most 150 characters (the extension kept), and never empty.
 */
export function safeDisplayName(originalName: string, type?: UploadType): string {
  const base = originalName.normalize("NFC").split(/[/\\]/).pop() ?? "";
  const cleaned = base.replace(UNSAFE_CHARACTERS, "").replace(/\s+/g, " ").trim();
  const fallbackExtension = type ? EXTENSIONS[type][0] : "";
  if (cleaned === "" || cleaned === "." || cleaned === "..")
    return fallbackExtension ? `document.${fallbackExtension}` : "document";
  const characters = Array.from(cleaned);
  if (characters.length <= MAX_NAME_LENGTH) return cleaned;
  const extension = extensionOf(cleaned);
  const suffix = extension && extension.length <= 10 ? `.${extension}` : "";
  const kept = characters
    .slice(0, MAX_NAME_LENGTH - Array.from(suffix).length)
    .join("")
    .trimEnd();
  return `${kept}${suffix}`;
}
