import fs from "node:fs";
import { Readable } from "node:stream";
import type { Route } from "./+types/document";
import { findDownloadableAttachment, storedFilePath } from "#app/domain/documents/attachments.server.ts";
import { ORGANISERS, roleAllows } from "#app/domain/accounts/roles.ts";
import { db } from "#app/lib/db.server.ts";
import { env } from "#app/lib/env.server.ts";
import { getUser } from "#app/lib/session.server.ts";

/**
 * A document of a public edition or a published article (organisers also get drafts' ones),
 * always as a download: the browser never renders what someone uploaded inside our origin.
 */
export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await getUser(request);
  const found = findDownloadableAttachment(db(), Number(params.attachmentId), params.fileName, {
    includeDrafts: user !== null && roleAllows(user.role, ORGANISERS),
  });
  const file = found ? storedFilePath(env().dataDir, found.attachment.storageName) : null;
  if (!found || !file || !fs.existsSync(file)) {
    return new Response("Document introuvable\u00a0: il n’existe pas ou n’est pas public.", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const { attachment, isPublic } = found;
  const etag = `"${attachment.sha256}"`;
  const headers = {
    ETag: etag,
    // A draft's document reaches only organisers: no shared cache may keep it.
    "Cache-Control": isPublic ? "public, max-age=86400" : "private, no-store",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
  };
  if (matchesEtag(request.headers.get("If-None-Match"), attachment.sha256)) {
    return new Response(null, { status: 304, headers });
  }
  const body = Readable.toWeb(fs.createReadStream(file)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      ...headers,
      "Content-Type": attachment.mimeType,
      "Content-Length": String(attachment.size),
      "Content-Disposition": contentDisposition(attachment.originalName),
    },
  });
}

/** If-None-Match compares weakly (RFC 9110 §13.1.2): a W/ prefix or a list still matches. */
function matchesEtag(header: string | null, sha256: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => {
    const value = tag.trim();
    return value === "*" || value.replace(/^W\//, "") === `"${sha256}"`;
  });
}

/** `attachment` with the UTF-8 name (RFC 5987/6266) and an ASCII one for older clients. */
function contentDisposition(name: string): string {
  const fallback =
    name
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^\x20-\x7e]|["\\%;]/g, "_")
      .trim() || "document";
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
