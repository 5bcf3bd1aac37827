import "react-router";
import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { RouterContextProvider, type ServerBuild } from "react-router";
import * as serverBuild from "virtual:react-router/server-build";
import express, { type Request, type Response } from "express";
import { sweepOrphanUploads } from "#app/domain/documents/attachments.server.ts";
import { purgeExpiredPersonalData } from "#app/domain/privacy/privacy.server.ts";
import { HOUR_MS, PURGE_INTERVAL_HOURS } from "#app/domain/shared/retention.ts";
import { pruneBackups } from "#app/lib/backup.server.ts";
import { closeDb, db } from "#app/lib/db.server.ts";
import { env } from "#app/lib/env.server.ts";
import { mailContext } from "#app/lib/mail-context.server.ts";
import { startMailThread, type MailThread } from "#app/lib/mail-thread.server.ts";
import { startMailWorker, type MailWorker } from "#app/lib/mail-worker.server.ts";
import { transportFromEnv } from "#app/lib/mailer.server.ts";
import { rejectCrossSitePosts } from "./cross-site.ts";
import { guardFormBodies } from "./form-body.ts";
import { createRouterHandler } from "./router-handler.ts";
import { privatePageHeaders } from "./private-pages.ts";
import { requestInfo } from "./load-context.ts";
import { createPageCache } from "./page-cache.ts";
export { securityHeaders } from "./app-headers.ts";

/** Validates the configuration and opens (and migrates) the database before the first request. */
export function prepare(): { port: number } {
  const config = env();
  db();
  // Files a crash left without their row (written, then the insert failed) are removed at startup.
  sweepOrphanUploads(db(), config.dataDir);
  return { port: config.port };
}

let worker: MailWorker | MailThread | undefined;
let privacyTimer: ReturnType<typeof setInterval> | undefined;

function purgePersonalData(): void {
  try {
    const done = purgeExpiredPersonalData(db(), { months: env().retentionMonths });
    if (done.registrations || done.contributions || done.corrections || done.speakers) {
      console.log(
        `Données personnelles anonymisées : ${done.registrations} inscriptions, ${done.contributions} contributions, ` +
          `${done.corrections} demandes de correction, ${done.speakers} intervenants`,
      );
    }
  } catch (error) {
    console.error("privacy purge failed", error);
  }
  // In production the app may write to its data folder only; the nightly jobs prune backups there.
  if (writable(env().backupDir)) {
    try {
      pruneBackups(env().backupDir, env().backupMaxAgeDays);
    } catch (error) {
      console.error("backup pruning failed", error);
    }
  }
}

function writable(dir: string): boolean {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Background work of the app process, started once it listens. With `mailThread` (the
 * production server), the mail worker runs in a thread of its own; otherwise (development) on
 * the server's event loop.
 */
export function onListening(options: { mailThread?: URL } = {}): void {
  purgePersonalData();
  privacyTimer ??= setInterval(purgePersonalData, PURGE_INTERVAL_HOURS * HOUR_MS);
  privacyTimer.unref();
  if (env().mailWorker === "off") return;
  worker ??= options.mailThread
    ? startMailThread(options.mailThread, { resourceLimits: MAIL_THREAD_LIMITS })
    : startMailWorker(db(), transportFromEnv(env()), mailContext());
}

// The thread renders one email at a time: a small heap, like the server's own limits in `npm run serve`.
const MAIL_THREAD_LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 };

/** Lets the worker finish the message it is sending, then closes the database. */
export async function shutdown(): Promise<void> {
  clearInterval(privacyTimer);
  await worker?.stop();
  worker = undefined;
  closeDb();
}

const build = serverBuild as unknown as ServerBuild;

let cache: ReturnType<typeof createPageCache> | null | undefined;

/** One cache per process, shared by the fast path in server.js and the app's middleware. */
function pageCache() {
  cache ??= env().pageCache ? createPageCache({ build, db, getLoadContext, hsts: () => env().secureCookies }) : null;
  return cache;
}

/** For server.js: answers a request from the page cache before any middleware runs, if it can. */
export function serveFromPageCache(req: IncomingMessage, res: ServerResponse): boolean {
  return pageCache()?.serveHit(req, res) ?? false;
}

function getLoadContext(req: Request, res: Response): RouterContextProvider {
  const context = new RouterContextProvider();
  context.set(requestInfo, { clientIp: req.ip ?? null, cspNonce: String(res.locals.cspNonce ?? "") });
  return context;
}

/** The React Router app, behind the cross-site check. */
export function createApp() {
  const app = express();
  app.disable("x-powered-by");
  const { trustProxy } = env();
  if (trustProxy) app.set("trust proxy", /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy);
  app.use(rejectCrossSitePosts);
  app.use(guardFormBodies);
  app.use(privatePageHeaders);
  const cache = pageCache();
  if (cache) app.use(cache.middleware);
  app.all(
    "/{*path}",
    // The module itself, not a function returning it: with a function React Router rebuilds
    // its route tables on every request (meant for development).
    createRouterHandler({ build, getLoadContext }),
  );
  return app;
}
