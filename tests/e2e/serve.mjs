// Starts the production build for the end-to-end tests on a fresh database with the demo data.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const databasePath =
  process.env.DATABASE_PATH ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cts-e2e-")), "cts.db");
const dir = path.dirname(databasePath);
const env = {
  ...process.env,
  DATABASE_PATH: databasePath,
  PORT: process.env.E2E_PORT ?? "3211",
  APP_URL: `http://localhost:${process.env.E2E_PORT ?? "3211"}`,
  SESSION_SECRET: "e2e-session-secret-0123456789abcdef0123456789",
  // The fuzz test posts hundreds of forms from one address; the limiter has its own unit test.
  PUBLIC_FORM_RATE_LIMIT: "100000",
};

execFileSync(process.execPath, ["--import", "tsx", "db/seed.ts"], {
  env: { ...env, NODE_ENV: "test" },
  stdio: "inherit",
});
execFileSync(process.execPath, ["--import", "tsx", "tests/e2e/seed-extra.ts"], {
  env: { ...env, NODE_ENV: "test" },
  stdio: "inherit",
});

// With `npm run serve`'s Node flags (heap limits), so the whole suite runs within them.
const serveArgs = JSON.parse(fs.readFileSync("package.json", "utf8")).scripts.serve.split(/\s+/).slice(1);
const server = spawn(process.execPath, serveArgs, { env: { ...env, NODE_ENV: "production" }, stdio: "inherit" });
const stop = () => {
  server.kill("SIGTERM");
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
server.on("exit", (code) => {
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
