// The built app, started as cts.service starts it, sends its emails from its mail thread
// (decision 028): to a real SMTP server started here, and it stops cleanly on SIGTERM.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startSmtpServer } from "#tests/support/smtp-server.ts";
import { requireBuild, seedDatabase, startApp, type App } from "./servers.ts";
import { freePort, request, tempDir } from "./support.ts";

let app: App;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let databasePath: string;

const registrant = (email: string) =>
  new URLSearchParams({
    firstName: "Camille",
    lastName: "Thread",
    email,
    organisation: "Accueil de jour",
    structureType: "autre",
    meal: "non",
    notice: "on",
  }).toString();

async function register(email: string) {
  const origin = `http://localhost:${app.port}`;
  return request({
    port: app.port,
    path: "/editions/cts-sante-mentale-2027/inscription",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
    body: registrant(email),
  });
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} not within ${timeoutMs} ms:\n${app.output().slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function outbox(): Array<{ to_address: string; status: string }> {
  const sqlite = new Database(databasePath, { readonly: true });
  try {
    return sqlite
      .prepare("select to_address, status from emails where to_address like '%@thread.example'")
      .all() as Array<{
      to_address: string;
      status: string;
    }>;
  } finally {
    sqlite.close();
  }
}

beforeAll(async () => {
  requireBuild();
  const dir = tempDir("cts-mail-thread-");
  databasePath = seedDatabase(dir);
  smtp = await startSmtpServer();
  const port = await freePort();
  app = await startApp({
    port,
    databasePath,
    overrides: {
      APP_URL: `http://localhost:${port}`,
      TRUST_PROXY: undefined,
      BACKUP_DIR: `${dir}/backups`,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    },
  });
});

afterAll(async () => {
  await app?.stop();
  await smtp?.close();
});

describe("the production server's mail thread", () => {
  test("renders and sends the confirmation of each registration, invite included", async () => {
    const addresses = Array.from({ length: 30 }, (_, i) => `personne${i}@thread.example`);
    const answers = await Promise.all(addresses.map((address) => register(address)));
    expect(answers.map((answer) => answer.status)).toEqual(addresses.map(() => 303));

    await until(
      () => addresses.every((a) => smtp.received.some((m) => m.envelopeTo.includes(a))),
      "every confirmation",
    );
    for (const address of addresses) {
      const mails = smtp.received.filter((m) => m.envelopeTo.includes(address));
      expect(mails, address).toHaveLength(1);
      expect(mails[0]!.mail.subject).toMatch(/^Inscription confirmée — Santé mentale/);
      expect(mails[0]!.mail.text).toContain("Camille");
      expect(mails[0]!.raw).toContain("BEGIN:VCALENDAR");
    }
    await until(() => outbox().every((row) => row.status === "sent"), "the outbox marked sent");
  });

  test("a registration written just before SIGTERM is sent, or left for the next start, and the app exits cleanly", async () => {
    expect((await register("derniere@thread.example")).status).toBe(303);
    const exited = new Promise<number | null>((resolve) => app.child.once("exit", (code) => resolve(code)));
    await app.stop();
    expect(await exited).toBe(0);
    // Sent now, or left pending for the next start: never lost, never half-sent.
    const row = outbox().find((r) => r.to_address === "derniere@thread.example");
    expect(row?.status === "sent" || row?.status === "pending", JSON.stringify(row)).toBe(true);
    if (row?.status === "sent")
      expect(smtp.received.some((m) => m.envelopeTo.includes("derniere@thread.example"))).toBe(true);
  });
});
