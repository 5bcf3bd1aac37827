import { fork } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { and, count, eq, inArray } from "drizzle-orm";
import { emails, registrations } from "#db/schema.ts";
import { openDatabase } from "#app/lib/db.server.ts";
import { createEdition } from "#tests/support/fixtures.ts";
import { benchAdminCookie, createBenchAdmin } from "#bench/lib/admin.ts";
import { runLoad, type LoadResult } from "#bench/lib/load.ts";
import { ensureNginx, productionProxy } from "#bench/lib/nginx.ts";
import { openLoop, type OpenLoopResult } from "#bench/lib/open-loop.ts";
import { freePort, peakRssMb, startApp, startProcess, stopProcess, waitForHttp } from "#bench/lib/processes.ts";
import { hasWrk, wrk, wrkInBackground, type WrkResult } from "#bench/lib/wrk.ts";

export type BurstReport = {
  app: LoadResult;
  bare: LoadResult;
  confirmed: number;
  waitlisted: number;
  outboxEmptyAfterMs: number | null;
  delivered: number;
  /** The same burst through deploy/nginx/cts.conf (HTTPS, new TLS connections), or why it did not run. */
  proxy: LoadResult | string;
  /** The edition page to 50 connections (wrk), alone and while 50 other connections register. */
  page: { alone: WrkResult; during: WrkResult; registrationsDuring: LoadResult } | string;
  seats: SeatLag;
  openLoop: OpenLoopResult;
  appPeakRssMb: number | null;
};

export type SeatLag = {
  /** Where the count was read: the public edition page when it shows remaining seats, else the back-office. */
  source: string;
  samples: number;
  /** How long the count a reader saw had already been wrong, at worst (null: no count found). */
  worstLagMs: number | null;
  staleSamples: number;
};

const TOTAL = 1000;
const CONCURRENCY = 50;
const CAPACITY = 200;
// A long-running server's WAL file is already grown and its code already compiled; a freshly
// created file pays a metadata sync per commit until the WAL reaches its working size. Both the
// app and the bare server get the same warm-up before the measured burst.
const WARM_UP = 200;
const PAGE_SECONDS = 5;
const OPEN_LOOP = { ratePerSecond: 20, seconds: 30 };

function form(index: number, prefix = "bench"): string {
  return new URLSearchParams({
    firstName: `Prénom${index}`,
    lastName: `Nom${index}`,
    email: `${prefix}${index}@example.org`,
    organisation: "Association de test",
    role: "travailleur social",
    structureType: "hebergement",
    accessNeeds: "",
    meal: index % 2 ? "oui" : "non",
    notice: "on",
  }).toString();
}

/** The SMTP sink runs in a child process (bench/smtp-sink.mjs); this is its handle. */
async function smtpSink(): Promise<{ port: number; delivered: () => Promise<number>; close: () => Promise<void> }> {
  const child = fork("bench/smtp-sink.mjs", [], { stdio: ["ignore", "ignore", "inherit", "ipc"] });
  const next = <T>(): Promise<T> => new Promise((resolve) => child.once("message", (message) => resolve(message as T)));
  const { port } = await next<{ port: number }>();
  return {
    port,
    delivered: async () => {
      const answer = next<{ delivered: number }>();
      child.send("count");
      return (await answer).delivered;
    },
    close: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.send("stop");
      }),
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Remaining seats as a page shows them: « 37 places restantes », « Complet », or the back-office figure. */
function remainingSeats(html: string): number | null {
  const text = html.replace(/<!-- -->/g, "").replace(/&nbsp;|&#160;|\u00a0|\u202f/g, " ");
  const left = /(\d+) places? restantes?/i.exec(text) ?? /Places restantes<\/dt>\s*<dd>\s*(\d+)/i.exec(text);
  if (left) return Number(left[1]);
  if (/>\s*Complet\b/.test(text)) return 0;
  return null;
}

export async function registrationBurst(workDir: string): Promise<BurstReport> {
  const databasePath = path.join(workDir, "burst.db");
  const setup = openDatabase(databasePath);
  const now = new Date();
  const edition = createEdition(setup, now, { slug: "bench-burst", capacity: CAPACITY });
  const warmUpEdition = createEdition(setup, now, { slug: "bench-warm-up", capacity: WARM_UP });
  const proxyEdition = createEdition(setup, now, { slug: "bench-proxy", capacity: CAPACITY });
  // Large enough for the counter to move during the whole measure.
  const rushEdition = createEdition(setup, now, { slug: "bench-rush", capacity: 100_000 });
  const openEdition = createEdition(setup, now, { slug: "bench-open", capacity: CAPACITY });
  await createBenchAdmin(setup);
  setup.$client.close();

  const smtp = await smtpSink();
  const port = await freePort();
  const app = startApp({
    NODE_ENV: "production",
    PORT: String(port),
    DATABASE_PATH: databasePath,
    APP_URL: `http://localhost:${port}`,
    SESSION_SECRET: "bench-session-secret-0123456789abcdef0123456789",
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    PUBLIC_FORM_RATE_LIMIT: "1000000",
    ...(process.env.BENCH_MAIL_WORKER ? { MAIL_WORKER: process.env.BENCH_MAIL_WORKER } : {}),
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}/healthz`);

  const db = openDatabase(databasePath, { migrate: false });
  const outboxLeft = () =>
    db
      .select({ n: count() })
      .from(emails)
      .where(inArray(emails.status, ["pending", "sending"]))
      .get()!.n;
  const waitForOutbox = async (timeoutMs: number): Promise<boolean> => {
    if (process.env.BENCH_MAIL_WORKER === "off") return false;
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await pause(50)) {
      if (outboxLeft() === 0) return true;
    }
    return false;
  };
  const register = (slug: string, prefix: string) => (i: number) => ({
    method: "POST" as const,
    path: `/editions/${slug}/inscription`,
    body: form(i, prefix),
  });

  await runLoad(port, WARM_UP, CONCURRENCY, register(warmUpEdition.slug, "warm-up"));
  await waitForOutbox(60_000);
  const deliveredBefore = await smtp.delivered();

  const started = Date.now();
  const appLoad = await runLoad(port, TOTAL, CONCURRENCY, register(edition.slug, "bench"));
  const outboxEmptyAfterMs = (await waitForOutbox(120_000)) ? Date.now() - started : null;
  const delivered = (await smtp.delivered()) - deliveredBefore;
  const byStatus = (editionId: number, status: "confirmed" | "waitlisted") =>
    db
      .select({ n: count() })
      .from(registrations)
      .where(and(eq(registrations.editionId, editionId), eq(registrations.status, status)))
      .get()!.n;
  const confirmed = byStatus(edition.id, "confirmed");
  const waitlisted = byStatus(edition.id, "waitlisted");

  // The same burst through the production proxy: TLS handshakes on 50 new connections, then
  // nginx's own keep-alive pool of connections to the app.
  let proxy: LoadResult | string;
  const missing = ensureNginx();
  if (missing) proxy = missing;
  else {
    const ports = { https: await freePort(), http: await freePort(), app: port };
    const { target, nginx } = await productionProxy(path.join(workDir, "proxy"), ports);
    try {
      proxy = await runLoad(target, TOTAL, CONCURRENCY, register(proxyEdition.slug, "proxy"));
    } finally {
      await nginx.stop();
    }
  }
  await waitForOutbox(120_000);

  // The edition page, alone, then while 50 other connections register for this very edition;
  // meanwhile a reader polls the seat count and the bench compares it with the database.
  const cookie = await benchAdminCookie(base);
  const publicPage = `${base}/editions/${rushEdition.slug}`;
  const publicShowsSeats = remainingSeats(await (await fetch(publicPage)).text()) !== null;
  const seatSource: { label: string; url: string; headers: Record<string, string> } = publicShowsSeats
    ? { label: "public edition page", url: publicPage, headers: {} }
    : {
        label: "back-office overview (the public edition page shows no remaining seats yet)",
        url: `${base}/admin/editions/${rushEdition.id}`,
        headers: { Cookie: cookie },
      };
  const confirmedQuery = db.$client.prepare(
    "select count(*) as n from registrations where edition_id = ? and status = 'confirmed'",
  );
  const confirmedNow = () => (confirmedQuery.get(rushEdition.id) as { n: number }).n;
  let page: BurstReport["page"] = "wrk is missing: apt-get install -y wrk";
  const seats: SeatLag = { source: seatSource.label, samples: 0, worstLagMs: null, staleSamples: 0 };
  if (hasWrk()) {
    const alone = wrk(publicPage, { seconds: PAGE_SECONDS });
    // When each count was first reached in the database, sampled every few milliseconds.
    const reached: Array<{ at: number; confirmed: number }> = [{ at: performance.now(), confirmed: confirmedNow() }];
    const sampler = setInterval(() => {
      const n = confirmedNow();
      if (n !== reached.at(-1)!.confirmed) reached.push({ at: performance.now(), confirmed: n });
    }, 5);
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const response = await fetch(seatSource.url, { headers: seatSource.headers });
        const left = remainingSeats(await response.text());
        const at = performance.now();
        await pause(50);
        if (left === null) continue;
        const shown = rushEdition.capacity - left;
        const wrongSince = reached.find((entry) => entry.confirmed > shown);
        const lag = wrongSince && wrongSince.at < at ? at - wrongSince.at : 0;
        seats.samples++;
        if (lag > 0) seats.staleSamples++;
        seats.worstLagMs = Math.max(seats.worstLagMs ?? 0, lag);
      }
    })();
    const duringRun = wrkInBackground(publicPage, { seconds: PAGE_SECONDS });
    const registrationsDuring = await runLoad(port, Infinity, CONCURRENCY, register(rushEdition.slug, "rush"), {
      untilMs: PAGE_SECONDS * 1000,
    });
    const during = await duringRun;
    polling = false;
    await poller;
    clearInterval(sampler);
    page = { alone, during, registrationsDuring };
  }
  await waitForOutbox(120_000);

  const open = await openLoop(port, {
    ...OPEN_LOOP,
    visit: (i) => ({
      page: { method: "GET", path: `/editions/${openEdition.slug}` },
      post: register(openEdition.slug, "open")(i),
    }),
  });
  await waitForOutbox(60_000);

  db.$client.close();
  const appPeakRssMb = peakRssMb(app.pid);
  await stopProcess(app);
  await smtp.close();

  const barePort = await freePort();
  const bare = startProcess(
    "node",
    ["bench/bare-insert-server.mjs", path.join(workDir, "bare.db"), String(barePort)],
    {},
  );
  await waitForHttp(`http://127.0.0.1:${barePort}/`);
  await runLoad(barePort, WARM_UP, CONCURRENCY, (i) => ({
    method: "POST",
    path: "/register",
    body: form(i, "warm-up"),
  }));
  const bareLoad = await runLoad(barePort, TOTAL, CONCURRENCY, (i) => ({
    method: "POST",
    path: "/register",
    body: form(i),
  }));
  await stopProcess(bare);
  fs.rmSync(path.join(workDir, "bare.db"), { force: true });

  return {
    app: appLoad,
    bare: bareLoad,
    confirmed,
    waitlisted,
    outboxEmptyAfterMs,
    delivered,
    proxy,
    page,
    seats,
    openLoop: open,
    appPeakRssMb,
  };
}
