import type { NextFunction, Request, Response } from "express";
import { env } from "#app/lib/env.server.ts";

/**
 * Every body the app takes is an HTML form. This guard reads it whole (bounded), checks its
 * shape against what the app's forms can produce, and only then lets a route see it: form
 * parsers build nested objects from field names, and a name like `x[99999999]` or three thousand
 * nested brackets made them exhaust the heap or the stack before any schema ran.
 */

/** Forms are small; only uploads may send more. Checked before anything reads the body. */
export const MAX_FORM_BYTES = 256 * 1024;

/** Room for the multipart envelope and the other fields around the file. */
const UPLOAD_OVERHEAD_BYTES = 1024 * 1024;

/**
 * What the largest forms need, with room to spare: the survey has one field per programme item,
 * the contribution form six co-speakers of a few fields each (`coSpeakers[5].name`).
 */
export const FORM_SHAPE = {
  maxFields: 500,
  maxNameLength: 128,
  /** Separators in one name: `coSpeakers[5].name` has two. */
  maxDepth: 4,
  maxIndex: 99,
} as const;

const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);
const METHODS_WITH_BODY = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** Keys that would reach an object's prototype when a parser builds nested values. */
const FORBIDDEN_SEGMENTS = new Set(["__proto__", "prototype", "constructor"]);

/**
 * The back-office pages that take a file: `/admin/…/documents` (an edition's, a synthèse's),
 * also when React Router posts to their data URL (`documents.data`, `documents/_.data`).
 */
const UPLOAD_PATHS = /^\/admin\/(?:[^/]+\/)*documents(?:\/|\.data|\/_\.data)?$/i;

export function isUploadPath(path: string): boolean {
  return UPLOAD_PATHS.test(path);
}

export function bodyLimit(path: string): number {
  return isUploadPath(path) ? env().uploadMaxBytes + UPLOAD_OVERHEAD_BYTES : MAX_FORM_BYTES;
}

export type Refusal = { status: 400 | 413 | 415; message: string };

function tooLarge(path: string): Refusal {
  if (!isUploadPath(path))
    return { status: 413, message: "Envoi refusé\u00a0: le formulaire dépasse la taille autorisée." };
  const megabytes = (env().uploadMaxBytes / (1024 * 1024)).toLocaleString("fr-FR", { maximumFractionDigits: 1 });
  return { status: 413, message: `Envoi refusé\u00a0: le fichier dépasse la taille autorisée (${megabytes}\u00a0Mo).` };
}

const MALFORMED: Refusal = { status: 400, message: "Envoi refusé\u00a0: le formulaire reçu est mal formé." };
const TOO_MANY_FIELDS: Refusal = { status: 400, message: "Envoi refusé\u00a0: le formulaire contient trop de champs." };
const BAD_NAME: Refusal = {
  status: 400,
  message: "Envoi refusé\u00a0: un nom de champ du formulaire n’est pas valide.",
};

/** Whether a field name is one the app's forms could have written. */
export function acceptableFieldName(name: string): boolean {
  if (name.length > FORM_SHAPE.maxNameLength) return false;
  let depth = 0;
  for (const [token] of name.matchAll(/\[[^[\]]*\]|\.|[^.[\]]+|\[|\]/g)) {
    if (token === ".") {
      depth++;
    } else if (token.length >= 2 && token.startsWith("[")) {
      depth++;
      const index = token.slice(1, -1);
      if (!/^\d{1,3}$/.test(index) || Number(index) > FORM_SHAPE.maxIndex) return false;
    } else if (token === "[" || token === "]" || FORBIDDEN_SEGMENTS.has(token)) {
      return false;
    }
    if (depth > FORM_SHAPE.maxDepth) return false;
  }
  return true;
}

function countOccurrences(haystack: Buffer, needle: Buffer, stopAfter: number): number {
  let count = 0;
  let from = 0;
  while (count <= stopAfter) {
    const at = haystack.indexOf(needle, from);
    if (at === -1) break;
    count++;
    from = at + needle.length;
  }
  return count;
}

function boundaryOf(contentType: string): string | null {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))\s*(?:;|$)/i.exec(contentType);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

/**
 * Checks a whole body against the shapes above. Multipart bodies are parsed by the same parser
 * the routes use (the platform's `Response.formData()`), so a body that passes here cannot fail
 * there.
 */
export async function checkFormBody(body: Buffer, contentType: string): Promise<Refusal | null> {
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  if (body.length === 0) return null;
  let entries: Iterable<[string, FormDataEntryValue]>;
  if (type === "application/x-www-form-urlencoded") {
    if (countOccurrences(body, Buffer.from("&"), FORM_SHAPE.maxFields) >= FORM_SHAPE.maxFields) return TOO_MANY_FIELDS;
    entries = new URLSearchParams(body.toString("utf8")).entries();
  } else {
    const boundary = boundaryOf(contentType);
    if (!boundary) return MALFORMED;
    if (countOccurrences(body, Buffer.from(`--${boundary}`), FORM_SHAPE.maxFields + 1) > FORM_SHAPE.maxFields + 1) {
      return TOO_MANY_FIELDS;
    }
    try {
      entries = (await new Response(bodyInit(body), { headers: { "Content-Type": contentType } }).formData()).entries();
    } catch {
      return MALFORMED;
    }
  }
  let fields = 0;
  for (const [name, value] of entries) {
    if (++fields > FORM_SHAPE.maxFields) return TOO_MANY_FIELDS;
    if (!acceptableFieldName(name)) return BAD_NAME;
    if (RESERVED_FIELDS.has(name) && !acceptableFormControl(name, value)) return MALFORMED;
  }
  return null;
}

/**
 * Conform reads two fields as JSON: `__intent__` (add or remove a co-speaker…) and `__state__`.
 * Their paths and indexes reach the same nested-object builder as field names.
 */
const RESERVED_FIELDS = new Set(["__intent__", "__state__"]);
const INTENT_TYPES = new Set(["validate", "update", "reset", "insert", "remove", "reorder"]);
const MAX_CONTROL_LENGTH = 8 * 1024;
const MAX_CONTROL_NESTING = 8;

function nestingDepth(json: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const char = json[i];
    if (inString) {
      if (char === "\\") i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "{" || char === "[") deepest = Math.max(deepest, ++depth);
    else if (char === "}" || char === "]") depth--;
  }
  return deepest;
}

function acceptableIndex(value: unknown): boolean {
  return (
    value === undefined ||
    (Number.isInteger(value) && (value as number) >= 0 && (value as number) <= FORM_SHAPE.maxIndex)
  );
}

export function acceptableFormControl(name: string, value: FormDataEntryValue): boolean {
  if (typeof value !== "string" || value.length > MAX_CONTROL_LENGTH) return false;
  if (value === "") return true;
  if (nestingDepth(value) > MAX_CONTROL_NESTING) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return false;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return false;
  if (name === "__state__") return true;
  const { type, payload } = parsed as { type?: unknown; payload?: unknown };
  if (typeof type !== "string" || !INTENT_TYPES.has(type)) return false;
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return false;
  const { name: path, index, from, to } = payload as Record<string, unknown>;
  if (path !== undefined && (typeof path !== "string" || !acceptableFieldName(path))) return false;
  return acceptableIndex(index) && acceptableIndex(from) && acceptableIndex(to);
}

/** Node's Buffers sit on plain ArrayBuffers, which the DOM typings cannot see. */
export function bodyInit(body: Buffer): Uint8Array<ArrayBuffer> {
  return body as Uint8Array<ArrayBuffer>;
}

const bodies = new WeakMap<Request, Buffer>();
const EMPTY = Buffer.alloc(0);

/** The body the guard read and accepted, for the handler that builds the route's Request. */
export function bufferedBody(req: Request): Buffer | undefined {
  return bodies.get(req);
}

/**
 * Past this, a refused body is not read to its end: the connection is closed instead. Below it,
 * Node reads and drops the rest after the answer, so that a reverse proxy still sending the body
 * gets the answer rather than a reset connection (which it would turn into its own error page).
 */
const DRAIN_AT_MOST = 64 * 1024 * 1024;

function refuse(res: Response, refusal: Refusal, options: { close?: boolean } = {}): void {
  if (options.close) res.set("Connection", "close");
  res.status(refusal.status).type("text/plain; charset=utf-8").send(refusal.message);
}

/** Reads, bounds and checks the body of every request that has one. */
export function guardFormBodies(req: Request, res: Response, next: NextFunction): void {
  if (!METHODS_WITH_BODY.has(req.method)) return next();
  const declared = req.get("Content-Length");
  const hasBody = (declared !== undefined && declared !== "0") || req.get("Transfer-Encoding") !== undefined;
  if (!hasBody) {
    // A post without a body is an empty form, whatever type it claims: parsers throw on an
    // empty multipart body or a missing type.
    bodies.set(req, EMPTY);
    return next();
  }
  const contentType = req.get("Content-Type") ?? "";
  if (!FORM_TYPES.has(contentType.split(";")[0]!.trim().toLowerCase())) {
    return refuse(res, { status: 415, message: "Envoi refusé\u00a0: seuls les formulaires sont acceptés." });
  }
  const limit = bodyLimit(req.path);
  if (Number(declared ?? 0) > limit)
    return refuse(res, tooLarge(req.path), { close: Number(declared) > DRAIN_AT_MOST });

  const chunks: Buffer[] = [];
  let received = 0;
  let done = false;
  const finish = (outcome: Refusal | Error | null) => {
    if (done) return;
    done = true;
    req.removeListener("data", onData);
    if (outcome instanceof Error) return next(outcome);
    if (outcome) {
      // The body is longer than it said, or has no length: the rest is not worth reading.
      refuse(res, outcome, { close: true });
      res.once("finish", () => req.destroy());
      return;
    }
    const body = Buffer.concat(chunks, received);
    checkFormBody(body, contentType).then(
      (refusal) => {
        if (refusal) return refuse(res, refusal);
        bodies.set(req, body);
        next();
      },
      (error: unknown) => next(error),
    );
  };
  const onData = (chunk: Buffer) => {
    received += chunk.length;
    if (received > limit) return finish(tooLarge(req.path));
    chunks.push(chunk);
  };
  req.on("data", onData);
  req.once("end", () => finish(null));
  req.once("error", (error) => finish(error));
}
