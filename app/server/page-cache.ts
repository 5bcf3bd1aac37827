import { createHash } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { createRequestHandler, type RouterContextProvider, type ServerBuild } from "react-router";
import type { Db } from "../lib/db.server";

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
  /^\/themes\/[^/]+$/,
  /^\/dispositifs$/,
  /^\/dispositifs\/livret$/,
  /^\/dispositifs\/[^/]+$/,
  /^\/(mentions-legales|donnees-personnelles|accessibilite)$/,
  /^\/sitemap\.xml$/,
];

/** Client-side navigations fetch the same pages' data as `<path>.data`. */
function pagePath(path: string): string {
  if (path === "/_root.data") return "/";
  return path.endsWith(".data") ? path.slice(0, -".data".length) : path;
}

export function isCacheablePath(path: string): boolean {
  const page = pagePath(path);
  return CACHEABLE.some((pattern) => pattern.test(page));
}

const SESSION_COOKIE = /(?:^|;\s*)(?:__Host-)?cts_session=/;
/** A page shows « inscriptions ouvertes » or « passée » by the clock too: no entry outlives this. */
const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 500;
const MAX_BYTES = 64 * 2 ** 20;
/** Stands for the request's CSP nonce in a stored page; never produced by the app itself. */
const NONCE_SLOT = "\u0000nonce\u0000";
const DROPPED_HEADERS = new Set(["content-security-policy", "set-cookie", "date", "content-length", "etag", "cache-control"]);

type Entry = {
  version: number;
  storedAt: number;
  status: number;
  headers: Array<[string, string]>;
  /** The body cut at every occurrence of the nonce it was rendered with. */
  parts: Buffer[];
  hadCsp: boolean;
  etag: string;
  bytes: number;
};

export type PageCacheStats = { hits: number; misses: number; bypasses: number; entries: number; bytes: number };

/**
 * Anonymous GETs of public pages, kept in memory and keyed by URL and by the content version
 * that triggers in the database bump on every write any process makes to what these pages show.
 * A stored page is sent with this request's nonce in place of the one it was rendered with, so
 * its Content-Security-Policy stays per response.
 */
export function pageCache(options: {
  build: ServerBuild;
  db: () => Db;
  getLoadContext: (req: Request, res: Response) => RouterContextProvider;
  contentSecurityPolicy: (nonce: string) => string;
}) {
  const handler = createRequestHandler(options.build, "production");
  const entries = new Map<string, Entry>();
  const stats: PageCacheStats = { hits: 0, misses: 0, bypasses: 0, entries: 0, bytes: 0 };
  let totalBytes = 0;
  let versionStatement: { get(): unknown } | undefined;

  const contentVersion = (): number => {
    versionStatement ??= options.db().$client.prepare("select version from content_version where id = 1");
    return (versionStatement.get() as { version: number } | undefined)?.version ?? 0;
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

  const send = (req: Request, res: Response, entry: Entry, nonce: string, state: "hit" | "miss") => {
    for (const [name, value] of entry.headers) res.setHeader(name, value);
    res.setHeader("X-Page-Cache", state);
    res.setHeader("ETag", entry.etag);
    // Browsers and proxies may keep it but must ask again each time: the answer is then a cheap 304.
    res.setHeader("Cache-Control", "public, no-cache");
    const ifNoneMatch = req.headers["if-none-match"];
    if (ifNoneMatch && ifNoneMatch.split(/\s*,\s*/).includes(entry.etag)) {
      // The copy the client holds carries the nonce of its own policy, which a new one would break.
      res.removeHeader("Content-Security-Policy");
      res.status(304).end();
      return;
    }
    if (entry.hadCsp && nonce) res.setHeader("Content-Security-Policy", options.contentSecurityPolicy(nonce));
    const body = entry.parts.length === 1 ? entry.parts[0]! : Buffer.concat(join(entry.parts, Buffer.from(nonce)));
    res.status(entry.status);
    res.setHeader("Content-Length", body.length);
    res.end(req.method === "HEAD" ? undefined : body);
  };

  const middleware = async (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || !isCacheablePath(req.path)) return next();
    if (SESSION_COOKIE.test(req.headers.cookie ?? "")) {
      stats.bypasses++;
      res.setHeader("X-Page-Cache", "bypass");
      return next();
    }
    try {
      const nonce = String(res.locals.cspNonce ?? "");
      const key = req.originalUrl;
      // Read before rendering: a write during the render leaves the entry one version behind, never ahead.
      const version = contentVersion();
      const now = Date.now();
      const cached = entries.get(key);
      if (cached && cached.version === version && now - cached.storedAt < MAX_AGE_MS) {
        stats.hits++;
        entries.delete(key);
        entries.set(key, cached);
        send(req, res, cached, nonce, "hit");
        return;
      }
      stats.misses++;
      const url = `${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`;
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === "string") headers.set(name, value);
        else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
      }
      headers.delete("if-none-match");
      const response = await handler(new Request(url, { method: "GET", headers }), options.getLoadContext(req, res));
      const body = Buffer.from(await response.arrayBuffer());
      const cacheControl = response.headers.get("Cache-Control") ?? "";
      const storable = response.status === 200 && !response.headers.has("Set-Cookie") && !/no-store|private/.test(cacheControl);
      const entry: Entry = {
        version,
        storedAt: now,
        status: response.status,
        headers: [...response.headers].filter(([name]) => !DROPPED_HEADERS.has(name.toLowerCase())),
        parts: nonce ? split(body, Buffer.from(nonce)) : [body],
        hadCsp: response.headers.has("Content-Security-Policy"),
        etag: "",
        bytes: body.length,
      };
      entry.etag = `W/"${createHash("sha256").update(Buffer.concat(join(entry.parts, Buffer.from(NONCE_SLOT)))).digest("base64url").slice(0, 27)}"`;
      if (!storable) {
        // Not kept (an error page, a redirect): sent as rendered.
        res.status(response.status);
        for (const [name, value] of response.headers) res.append(name, value);
        res.end(req.method === "HEAD" ? undefined : body);
        return;
      }
      store(key, entry);
      send(req, res, entry, nonce, "miss");
    } catch (error) {
      next(error);
    }
  };

  return Object.assign(middleware, {
    stats: (): PageCacheStats => ({ ...stats, entries: entries.size, bytes: totalBytes }),
  });
}

function split(body: Buffer, separator: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let start = 0;
  for (let at = body.indexOf(separator); at !== -1; at = body.indexOf(separator, start)) {
    parts.push(body.subarray(start, at));
    start = at + separator.length;
  }
  parts.push(body.subarray(start));
  return parts;
}

function join(parts: Buffer[], separator: Buffer): Buffer[] {
  return parts.flatMap((part, index) => (index === 0 ? [part] : [separator, part]));
}
