import { fork } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { and, count, eq, inArray } from "drizzle-orm";
import { emails, registrations } from "#db/schema.ts";
import { openDatabase } from "#app/lib/db.server.ts";
import { createEdition } from "#tests/support/fixtures.ts";
import { runLoad, type LoadResult } from "#bench/lib/load.ts";
import { freePort, peakRssMb, startApp, startProcess, stopProcess, waitForHttp } from "#bench/lib/processes.ts";

export type BurstReport = {
  app: LoadResult;
  bare: LoadResult;
  confirmed: number;
  waitlisted: number;
  outboxEmptyAfterMs: number | null;
  delivered: number;
  appPeakRssMb: number | null;
};

const TOTAL = 1000;
const CONCURRENCY = 50;
const CAPACITY = 200;
// A long-running server's WAL file is already grown and its code already compiled; a freshly
// created file pays a metadata sync per commit until the WAL reaches its working size. Both the
// app and the bare server get the same warm-up before the measured burst.
const WARM_UP = 200;

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

export async function registrationBurst(workDir: string): Promise<BurstReport> {
  const databasePath = path.join(workDir, "burst.db");
  const setup = openDatabase(databasePath);
  const edition = createEdition(setup, new Date(), { slug: "bench-burst", capacity: CAPACITY });
  const warmUpEdition = createEdition(setup, new Date(), { slug: "bench-warm-up", capacity: WARM_UP });
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
  await waitForHttp(`http://127.0.0.1:${port}/healthz`);

  const db = openDatabase(databasePath, { migrate: false });
  const outboxLeft = () =>
    db
      .select({ n: count() })
      .from(emails)
      .where(inArray(emails.status, ["pending", "sending"]))
      .get()!.n;
  await runLoad(port, WARM_UP, CONCURRENCY, (i) => ({
    method: "POST",
    path: `/editions/${warmUpEdition.slug}/inscription`,
    body: form(i, "warm-up"),
  }));
  for (let waited = 0; process.env.BENCH_MAIL_WORKER !== "off" && outboxLeft() > 0 && waited < 60_000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const deliveredBefore = await smtp.delivered();

  const started = Date.now();
  const appLoad = await runLoad(port, TOTAL, CONCURRENCY, (i) => ({
    method: "POST",
    path: `/editions/${edition.slug}/inscription`,
    body: form(i),
  }));

  let outboxEmptyAfterMs: number | null = null;
  const deadline = Date.now() + (process.env.BENCH_MAIL_WORKER === "off" ? 0 : 120_000);
  while (Date.now() < deadline) {
    if (outboxLeft() === 0) {
      outboxEmptyAfterMs = Date.now() - started;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const byStatus = (status: "confirmed" | "waitlisted") =>
    db
      .select({ n: count() })
      .from(registrations)
      .where(and(eq(registrations.editionId, edition.id), eq(registrations.status, status)))
      .get()!.n;
  const confirmed = byStatus("confirmed");
  const waitlisted = byStatus("waitlisted");
  db.$client.close();
  const appPeakRssMb = peakRssMb(app.pid);
  await stopProcess(app);
  const delivered = (await smtp.delivered()) - deliveredBefore;
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

  return { app: appLoad, bare: bareLoad, confirmed, waitlisted, outboxEmptyAfterMs, delivered, appPeakRssMb };
}
