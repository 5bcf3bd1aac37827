import { tsxArgs } from "#tests/support/tsx.ts";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

// For tests that must not share the suite's app: they kill it, flood it, or post bodies that
// would disturb other tests. Each gets the production build on its own database and port.

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A database with the demo data, and with the suite's extra editions and accounts when asked. */
export function prepareDatabase(options: { extra?: boolean } = {}): { file: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cts-own-app-"));
  const file = path.join(dir, "cts.db");
  const env = { ...process.env, DATABASE_PATH: file, NODE_ENV: "test" };
  execFileSync(process.execPath, tsxArgs("db/seed.ts"), { env, stdio: ["ignore", "ignore", "pipe"] });
  if (options.extra)
    execFileSync(process.execPath, tsxArgs("tests/e2e/seed-extra.ts"), { env, stdio: ["ignore", "ignore", "pipe"] });
  return { file, dir };
}

/** The environment of the production build serving `file` on `port`, plus `env`. */
export function productionEnv(port: number, file: string, env: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    DATABASE_PATH: file,
    APP_URL: `http://localhost:${port}`,
    ...env,
  };
}

export type OwnApp = { child: ChildProcess; port: number; base: string; stop: () => Promise<void> };

/** Starts `npm run serve`'s command (heap limits included) and waits for /healthz. */
export async function startApp(file: string, env: Record<string, string> = {}): Promise<OwnApp> {
  const port = await freePort();
  const serveArgs = JSON.parse(fs.readFileSync("package.json", "utf8")).scripts.serve.split(/\s+/).slice(1);
  const child = spawn(process.execPath, serveArgs, {
    env: productionEnv(port, file, { SESSION_SECRET: "own-app-secret-0123456789abcdef0123456789abcdef", ...env }),
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}): ${stderr}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    child,
    port,
    base,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
