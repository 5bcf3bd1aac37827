import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import zlib from "node:zlib";
import type { NextFunction, Request, Response } from "express";
import { createRequestHandler, type RouterContextProvider, type ServerBuild } from "react-router";
import { contentVersion as readContentVersion } from "#app/domain/site/content-version.server.ts";
import type { Db } from "#app/lib/db.server.ts";
import { FLASH_COOKIE_PATTERN } from "#app/lib/flash.ts";
import { PAGE_LIFETIME_HEADER } from "./page-lifetime.ts";
import { BASE_SECURITY_HEADERS } from "./security-headers.ts";

/**
 * The public pages a reader lands on. Everything else (forms, private links, the back-office,
 * search results) is rendered for each request.
 */
const CACHEABLE = [
  /^\/$/,
  /^\/editions$/,
  /^\/editions\/[^/]+$/,
  /^\/syntheses$/,
  /^\/syntheses\/flux\.xml$/,
  /^\/syntheses\/[^/]+$/,
  /^\/themes$/,
  /^\/themes\/[^/]+$/,
  /^\/dispositifs$/,
  /^\/dispositifs\/livret$/,
  /^\/dispositifs\/[^/]+$/,
  /^\/(mentions-legales|donnees-personnelles|accessibilite)$/,
  /^\/sitemap\.xml$/,
];

/**
 * Pages only: their `.data` twins (client-side navigations, from back-office pages since these
 * pages ship no script) carry the root loader's per-request values and are rendered each time.
 */
export function isCacheablePath(path: string): boolean {
  return CACHEABLE.some((pattern) => pattern.test(path));
}

const SESSION_COOKIE = /(?:^|;\s*)(?:__Host-)?cts_session=/;
/** A page shows « inscriptions ouvertes » or « passée » by the clock too: no entry outlives this. */
const MAX_AGE_MS = 60_000;
const VERSION_REUSE_MS = 1;
const MAX_ENTRIES = 500;
/** Counting the compressed copies. */
const MAX_BYTES = 64 * 2 ** 20;
const KEPT_HEADERS = new Set(["content-type", "content-security-policy", "content-language", "x-robots-tag", "link"]);

type Encoding = "br" | "gzip" | "identity";
type Body = Record<Encoding, Buffer>;

type Entry = {
  version: number;
  storedAt: number;
  maxAgeMs: number;
  headers: Record<string, string>;
  body: Body;
  etag: string;
  bytes: number;
  /**
   * The answers of a hit as flat [name, value, …] lists, built when the page is stored: a hit
   * picks one instead of assembling and spreading a header object for every request.
   */
  hit: Record<Encoding | 304, string[]>;
};

export type PageCacheStats = { hits: number; misses: number; bypasses: number; entries: number; bytes: number };

function compress(identity: Buffer): Body {
  return {
    identity,
    gzip: zlib.gzipSync(identity, { level: 6 }),
    br: zlib.brotliCompressSync(identity, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: identity.length },
    }),
  };
}

function parseEncoding(acceptEncoding: string): Encoding {
  if (/\bbr\b(?!;q=0(?:\.0*)?\b)/.test(acceptEncoding)) return "br";
  if (/\bgzip\b(?!;q=0(?:\.0*)?\b)/.test(acceptEncoding)) return "gzip";
  return "identity";
}

/** A page's own, shorter lifetime (see page-lifetime.ts), never longer than the minute. */
function lifetimeMs(header: string | null): number {
  const seconds = header ? Number(header) : NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(MAX_AGE_MS, seconds * 1000) : MAX_AGE_MS;
}

/** Browsers send a handful of distinct Accept-Encoding values: each is parsed once. */
const encodings = new Map<string, Encoding>();
function pickEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return "identity";
  let encoding = encodings.get(acceptEncoding);
  if (encoding === undefined) {
    encoding = parseEncoding(acceptEncoding);
    if (encodings.size >= 256) encodings.clear();
    encodings.set(acceptEncoding, encoding);
  }
  return encoding;
}

/**
 * Anonymous GETs of public pages, kept in memory and keyed by URL and by the content version
 * that triggers in the database bump on every write any process makes to what these pages show.
 * Stored pages ship no script and their policy allows none (see docs/decisions/010-page-cache.md),
 * so their bytes are the same for every reader and are compressed once.
 */
export function createPageCache(options: {
  build: ServerBuild;
  db: () => Db;
  getLoadContext: (req: Request, res: Response) => RouterContextProvider;
  hsts: () => boolean;
}) {
  const handler = createRequestHandler(options.build, "production");
  const entries = new Map<string, Entry>();
  const stats: PageCacheStats = { hits: 0, misses: 0, bypasses: 0, entries: 0, bytes: 0 };
  let totalBytes = 0;

  let lastRead: { version: number; at: number } | undefined;

  /**
   * Reading the version is a WAL read transaction, about 25 µs of file locking, which was a third
   * of a hit. Under load one read serves the requests of the next millisecond: a write by another
   * process shows to every request that starts more than 1 ms after it commits. This process's
   * own writes (any request that is not a GET) forget the value when they finish.
   */
  const contentVersion = (): number => {
    const now = performance.now();
    if (lastRead && now - lastRead.at < VERSION_REUSE_MS) return lastRead.version;
    const version = readContentVersion(options.db());
    lastRead = { version, at: now };
    return version;
  };
  const forgetVersion = () => {
    lastRead = undefined;
  };

  const remove = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    totalBytes -= entry.bytes;
  };

  const store = (key: string, entry: Entry) => {
    remove(key);
    if (entry.bytes > MAX_BYTES / 8) return;
    entries.set(key, entry);
    totalBytes += entry.bytes;
    // Map iteration follows insertion order, and hits re-insert: the first keys are the least recently used.
    for (const oldest of entries.keys()) {
      if (entries.size <= MAX_ENTRIES && totalBytes <= MAX_BYTES) break;
      remove(oldest);
    }
  };

  /** The headers of one answer from a stored page, as a flat list for `writeHead`. */
  const answerHeaders = (entry: Omit<Entry, "hit">, state: "hit" | "miss", encoding: Encoding | 304): string[] => {
    const headers: Record<string, string> = {
      ...BASE_SECURITY_HEADERS,
      ...entry.headers,
      ETag: entry.etag,
      // Browsers and proxies may keep it but must ask again each time: the answer is then a cheap 304.
      "Cache-Control": "public, no-cache",
      Vary: "Accept-Encoding",
      "X-Page-Cache": state,
    };
    if (options.hsts()) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
    if (encoding !== 304) {
      if (encoding !== "identity") headers["Content-Encoding"] = encoding;
      headers["Content-Length"] = String(entry.body[encoding].length);
    }
    return Object.entries(headers).flat();
  };

  const write = (
    req: IncomingMessage,
    res: ServerResponse,
    entry: Entry,
    headersFor: (encoding: Encoding | 304) => string[],
  ) => {
    const ifNoneMatch = req.headers["if-none-match"];
    if (ifNoneMatch && ifNoneMatch.split(/\s*,\s*/).includes(entry.etag)) {
      res.writeHead(304, headersFor(304));
      res.end();
      return;
    }
    const encoding = pickEncoding(req.headers["accept-encoding"]);
    res.writeHead(200, headersFor(encoding));
    res.end(req.method === "HEAD" ? undefined : entry.body[encoding]);
  };
  const writeHit = (req: IncomingMessage, res: ServerResponse, entry: Entry) =>
    write(req, res, entry, (encoding) => entry.hit[encoding]);

  const lookup = (req: IncomingMessage): { key: string; cacheable: boolean; entry?: Entry; version: number } | null => {
    if (req.method !== "GET" && req.method !== "HEAD") return null;
    const url = req.url ?? "/";
    const query = url.indexOf("?");
    if (!isCacheablePath(query === -1 ? url : url.slice(0, query))) return null;
    // A notice waiting in a cookie is someone's own: that page is rendered for them, and not kept.
    const cookie = req.headers.cookie ?? "";
    if (SESSION_COOKIE.test(cookie) || FLASH_COOKIE_PATTERN.test(cookie)) {
      return { key: url, cacheable: false, version: 0 };
    }
    // Read before rendering: a write during the render leaves the entry one version behind, never ahead.
    const version = contentVersion();
    const entry = entries.get(url);
    const fresh = entry && entry.version === version && Date.now() - entry.storedAt < entry.maxAgeMs;
    return { key: url, cacheable: true, entry: fresh ? entry : undefined, version };
  };

  /** The fast path, before any other middleware: a stored page is written straight to the socket. */
  const serveHit = (req: IncomingMessage, res: ServerResponse): boolean => {
    // Only cacheable URLs are ever stored: a URL with no entry goes to the middleware, which
    // decides the rest, and a stored one needs no pattern test here.
    const stored = entries.get(req.url ?? "/");
    if (!stored) return false;
    const found = lookup(req);
    if (!found?.entry) return false;
    stats.hits++;
    entries.delete(found.key);
    entries.set(found.key, found.entry);
    writeHit(req, res, found.entry);
    return true;
  };

  /** Renders what the fast path did not have, and keeps it when it may be shared. */
  const middleware = async (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "GET" && req.method !== "HEAD") res.on("close", forgetVersion);
    const found = lookup(req);
    if (!found) return next();
    if (!found.cacheable) {
      stats.bypasses++;
      res.setHeader("X-Page-Cache", "bypass");
      return next();
    }
    if (found.entry) {
      stats.hits++;
      writeHit(req, res, found.entry);
      return;
    }
    try {
      stats.misses++;
      const renderStartedAt = Date.now();
      const url = `${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`;
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === "string") headers.set(name, value);
        else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
      }
      headers.delete("if-none-match");
      const response = await handler(new Request(url, { method: "GET", headers }), options.getLoadContext(req, res));
      const identity = Buffer.from(await response.arrayBuffer());
      const cacheControl = response.headers.get("Cache-Control") ?? "";
      // A page with a nonce runs scripts allowed for this response only: it is not shared.
      const perRequest = /'nonce-/.test(response.headers.get("Content-Security-Policy") ?? "");
      const storable =
        response.status === 200 &&
        !perRequest &&
        !response.headers.has("Set-Cookie") &&
        !/no-store|private/.test(cacheControl);
      if (!storable) {
        // An error page, a redirect: sent as rendered, not kept.
        res.status(response.status);
        for (const [name, value] of response.headers) res.append(name, value);
        res.end(req.method === "HEAD" ? undefined : identity);
        return;
      }
      const body = compress(identity);
      const stored: Omit<Entry, "hit"> = {
        version: found.version,
        // Counted from the start of the render, when the page read what it shows.
        storedAt: renderStartedAt,
        maxAgeMs: lifetimeMs(response.headers.get(PAGE_LIFETIME_HEADER)),
        headers: Object.fromEntries([...response.headers].filter(([name]) => KEPT_HEADERS.has(name.toLowerCase()))),
        body,
        etag: `"${createHash("sha256").update(identity).digest("base64url").slice(0, 27)}"`,
        bytes: identity.length + body.gzip.length + body.br.length,
      };
      const entry: Entry = {
        ...stored,
        hit: {
          identity: answerHeaders(stored, "hit", "identity"),
          gzip: answerHeaders(stored, "hit", "gzip"),
          br: answerHeaders(stored, "hit", "br"),
          304: answerHeaders(stored, "hit", 304),
        },
      };
      store(found.key, entry);
      write(req, res, entry, (encoding) => answerHeaders(stored, "miss", encoding));
    } catch (error) {
      next(error);
    }
  };

  return {
    serveHit,
    middleware,
    stats: (): PageCacheStats => ({ ...stats, entries: entries.size, bytes: totalBytes }),
  };
}
