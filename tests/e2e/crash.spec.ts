import { tsxArgs } from "#tests/support/tsx.ts";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { SMTPServer } from "smtp-server";
import { expect, test } from "@playwright/test";
import { registerFunctions } from "#app/lib/db.server.ts";
import { productionEnv } from "./own-app.ts";

// These tests start their own app processes (the production build) on their own database, to
// kill and stop them; they use no browser.

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function smtpSink() {
  const messageIds: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        messageIds.push(/^Message-ID: (.+)$/im.exec(raw)?.[1]?.trim() ?? "?");
        callback();
      });
    },
  });
  // The app is killed in the middle of sending: its connection resets, which is expected here (the
  // message was not accepted, and is sent again with the same Message-ID).
  server.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "ECONNRESET" && error.code !== "EPIPE") throw error;
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.server.address() as net.AddressInfo).port)),
  );
  return { port, messageIds, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function prepareDatabase(): { file: string; slug: string; seededEmails: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cts-crash-"));
  const file = path.join(dir, "cts.db");
  execFileSync(process.execPath, tsxArgs("db/seed.ts"), {
    env: { ...process.env, DATABASE_PATH: file, NODE_ENV: "test" },
    stdio: "ignore",
  });
  const db = new Database(file);
  registerFunctions(db);
  const { slug } = db
    .prepare("select slug from editions where status = 'published' order by starts_at desc limit 1")
    .get() as { slug: string };
  db.prepare("update editions set capacity = 100000 where slug = ?").run(slug);
  // The demo's own emails (survey invitations of the held edition) are recorded as sent at seed time.
  const { seededEmails } = db.prepare("select coalesce(max(id), 0) as seededEmails from emails").get() as {
    seededEmails: number;
  };
  db.close();
  return { file, slug, seededEmails };
}

async function startApp(file: string, port: number, smtpPort: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["server.js"], {
    env: productionEnv(port, file, {
      SESSION_SECRET: "crash-test-secret-0123456789abcdef0123456789",
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      PUBLIC_FORM_RATE_LIMIT: "100000",
    }),
    stdio: "ignore",
  });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the app did not start");
}

function form(i: number): string {
  return new URLSearchParams({
    firstName: `Crash${i}`,
    lastName: "Test",
    email: `crash${i}@example.org`,
    organisation: "Test",
    structureType: "autre",
    meal: "non",
    notice: "on",
  }).toString();
}

/** Registers people `concurrency` at a time until stopped; returns the addresses the app acknowledged. */
function burst(port: number, slug: string, concurrency: number) {
  const acknowledged: string[] = [];
  let next = 0;
  let stopped = false;
  const workers = Array.from({ length: concurrency }, async () => {
    while (!stopped) {
      const i = next++;
      try {
        const response = await fetch(`http://127.0.0.1:${port}/editions/${slug}/inscription`, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: form(i),
          redirect: "manual",
        });
        if (response.status === 303) acknowledged.push(`crash${i}@example.org`);
      } catch {
        // The server went away: this one was never acknowledged.
      }
    }
  });
  return {
    acknowledged,
    stop: async () => {
      stopped = true;
      await Promise.all(workers);
    },
  };
}

test("killed with SIGKILL during a burst: every acknowledged registration survives, the outbox resumes", async () => {
  test.setTimeout(120_000);
  const { file, slug, seededEmails } = prepareDatabase();
  const smtp = await smtpSink();
  const port = await freePort();
  let app = await startApp(file, port, smtp.port);

  const load = burst(port, slug, 20);
  while (load.acknowledged.length < 150) await new Promise((resolve) => setTimeout(resolve, 10));
  app.kill("SIGKILL");
  await new Promise((resolve) => app.once("exit", resolve));
  await load.stop();
  const acknowledged = [...load.acknowledged];

  const afterCrash = new Database(file, { readonly: true });
  expect(afterCrash.pragma("integrity_check", { simple: true })).toBe("ok");
  const inFlight = (
    afterCrash.prepare("select count(*) as n from emails where status = 'sending'").get() as { n: number }
  ).n;
  afterCrash.close();
  // The dead worker's leases would run out a minute from now; the test moves that minute into the
  // past rather than wait for it (the lease itself is tested in tests/integration/mail-worker.test.ts).
  const leases = new Database(file);
  leases.prepare("update emails set locked_until = 0 where status = 'sending'").run();
  leases.close();

  app = await startApp(file, port, smtp.port);
  const db = new Database(file, { readonly: true });
  const registered = new Set(
    (db.prepare("select email from registrations").all() as Array<{ email: string }>).map((r) => r.email),
  );
  expect(acknowledged.filter((email) => !registered.has(email))).toEqual([]);
  expect(db.pragma("integrity_check", { simple: true })).toBe("ok");

  // The outbox resumes: everything left pending or in flight gets sent.
  const deadline = Date.now() + 60_000;
  let left = Infinity;
  while (Date.now() < deadline) {
    left = (
      db.prepare("select count(*) as n from emails where status in ('pending', 'sending')").get() as { n: number }
    ).n;
    if (left === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  expect(left).toBe(0);
  const rows = (
    db.prepare("select message_id as id from emails where status = 'sent' and id > ?").all(seededEmails) as Array<{
      id: string;
    }>
  ).map((r) => r.id);
  db.close();
  const received = new Set(smtp.messageIds);
  expect(rows.filter((id) => !received.has(id))).toEqual([]);
  // Only a message that was being handed to the SMTP server at the kill can come twice, and it
  // keeps its Message-ID, so mail systems show it once.
  const duplicates = smtp.messageIds.length - received.size;
  expect(duplicates).toBeLessThanOrEqual(inFlight);

  app.kill("SIGTERM");
  await new Promise((resolve) => app.once("exit", resolve));
  await smtp.close();
});

test("SIGTERM: requests in flight finish, the database is closed cleanly, the process exits 0", async () => {
  test.setTimeout(120_000);
  const { file, slug } = prepareDatabase();
  const smtp = await smtpSink();
  const port = await freePort();
  const app = await startApp(file, port, smtp.port);
  const exited = new Promise<number | null>((resolve) => app.once("exit", (code) => resolve(code)));

  const load = burst(port, slug, 10);
  while (load.acknowledged.length < 30) await new Promise((resolve) => setTimeout(resolve, 10));
  app.kill("SIGTERM");
  expect(await exited).toBe(0);
  await load.stop();

  // Closing the last connection checkpoints the WAL into the database file.
  const wal = `${file}-wal`;
  expect(!fs.existsSync(wal) || fs.statSync(wal).size === 0).toBe(true);
  const db = new Database(file, { readonly: true });
  expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
  const registered = new Set(
    (db.prepare("select email from registrations").all() as Array<{ email: string }>).map((r) => r.email),
  );
  db.close();
  expect(load.acknowledged.filter((email) => !registered.has(email))).toEqual([]);
  await smtp.close();
});
