import { writeReadableStreamToWritable } from "@react-router/node";
import type { NextFunction, Request, Response } from "express";
import { createRequestHandler, type RouterContextProvider, type ServerBuild } from "react-router";
import { bodyInit, bufferedBody } from "./form-body.ts";

/**
 * React Router behind Express. The body a route reads is the one the form guard already read
 * and checked (app/server/form-body.ts), never the socket: Express's adapter would stream the
 * raw request to the route, after the guard had consumed it.
 */
export function createRouterHandler(options: {
  build: ServerBuild;
  getLoadContext: (req: Request, res: Response) => RouterContextProvider;
  mode?: string;
}) {
  const handle = createRequestHandler(options.build, options.mode ?? process.env.NODE_ENV);
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const response = await handle(toFetchRequest(req, res), options.getLoadContext(req, res));
      await send(res, response);
    } catch (error) {
      next(error);
    }
  };
}

export function requestHeaders(req: Request): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  return headers;
}

/** `req.protocol` and `req.host` follow X-Forwarded-* only when `trust proxy` says so. */
export function requestUrl(req: Request): string {
  const host = (req.host || "localhost").replace(/[\\/?#@]/g, "");
  // Joined as text: resolved against a base, `//x/y` would change the host.
  return new URL(`${req.protocol}://${host}${req.originalUrl}`).href;
}

function toFetchRequest(req: Request, res: Response): globalThis.Request {
  const controller = new AbortController();
  let finished = false;
  res.once("finish", () => (finished = true));
  res.once("close", () => {
    if (!finished) controller.abort();
  });
  const headers = requestHeaders(req);
  const init: RequestInit = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    const body = bufferedBody(req) ?? Buffer.alloc(0);
    if (body.length === 0) headers.set("Content-Type", "application/x-www-form-urlencoded");
    init.body = bodyInit(body);
  }
  return new Request(requestUrl(req), init);
}

async function send(res: Response, response: globalThis.Response): Promise<void> {
  if (res.destroyed || res.writableEnded) {
    await response.body?.cancel();
    return;
  }
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers) res.append(name, value);
  if (!response.body) {
    res.end();
    return;
  }
  try {
    await writeReadableStreamToWritable(response.body, res);
  } catch (error) {
    if (!res.destroyed && !res.writableEnded) throw error;
  }
}
