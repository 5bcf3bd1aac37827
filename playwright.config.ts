import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { chromiumPath } from "./tests/e2e/chromium-path.ts";

const port = Number(process.env.E2E_PORT ?? 3211);
const secondPort = port + 1;
// One database per app for the whole run; tests read it (never write) to check what a request
// stored, through e2eDatabasePath() (tests/e2e/database.ts).
process.env.E2E_DATABASE_PATH ??= path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cts-e2e-")), "cts.db");
process.env.E2E_SECOND_DATABASE_PATH ??= path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cts-e2e-b-")), "cts.db");
// The page shapes axe has scanned in this run, shared by both workers (tests/e2e/support.ts); in
// the first app's folder, which it removes when it stops.
process.env.E2E_AXE_SHAPES ??= path.join(path.dirname(process.env.E2E_DATABASE_PATH), "axe-shapes");
fs.mkdirSync(process.env.E2E_AXE_SHAPES, { recursive: true });

// Two workers, each with its own app and database and one spec at a time (specs of one app
// share its data), so that the suite takes half the time on two cores. The second app runs the
// specs listed here, chosen to balance the two; every other spec, new ones included, runs on the
// first. A spec reads its app's database through e2eDatabasePath() (tests/e2e/database.ts).
const SECOND_APP_SPECS = [
  "contributions.spec.ts",
  "directory.spec.ts",
  "crash.spec.ts",
  "persona-walk.spec.ts",
  "pages.spec.ts",
  "archive.spec.ts",
  "two-factor.spec.ts",
  "survey.spec.ts",
  "fuzz.spec.ts",
  "lifecycle.spec.ts",
];

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: chromiumPath(),
    // Debian's Chromium as root in a container, on a machine with no outside network.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  },
};

function app(appPort: number, databasePath: string) {
  return {
    command: "node tests/e2e/serve.mjs",
    url: `http://localhost:${appPort}/healthz`,
    env: { E2E_PORT: String(appPort), DATABASE_PATH: databasePath },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe" as const,
  };
}

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  reporter: [["list"]],
  timeout: 30_000,
  use: {
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    trace: { mode: "retain-on-failure", screenshots: false },
  },
  projects: [
    {
      name: "chromium",
      workers: 1,
      testIgnore: SECOND_APP_SPECS,
      use: { ...chromium, baseURL: `http://localhost:${port}` },
    },
    {
      name: "chromium-2",
      workers: 1,
      testMatch: SECOND_APP_SPECS,
      use: { ...chromium, baseURL: `http://localhost:${secondPort}` },
    },
  ],
  webServer: [app(port, process.env.E2E_DATABASE_PATH), app(secondPort, process.env.E2E_SECOND_DATABASE_PATH)],
});
