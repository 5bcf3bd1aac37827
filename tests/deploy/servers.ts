// Starts the built app as cts.service starts it, and nginx with deploy/nginx/cts.conf, both on
// free ports in temporary folders.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import {
  execStart,
  parseEnvFile,
  readRepoFile,
  repoRoot,
  requireTool,
  run,
  serviceEnv,
  shippedUnit,
  tools,
  waitFor,
  type Running,
} from "./support.ts";

// ---------------------------------------------------------------- the app

/** The arguments cts.service gives Node (its ExecStart without the binary). */
export function serviceNodeArgs(): string[] {
  const [binary, ...args] = execStart(shippedUnit("cts.service"));
  if (!binary.endsWith("/node")) throw new Error(`cts.service does not start Node directly: ${binary}`);
  return args;
}

export function requireBuild(): void {
  if (!fs.existsSync(path.join(repoRoot, "build/server/index.js"))) {
    throw new Error("No build of the app: run `npm run build` first (npm run test:deploy does).");
  }
}

/** A database with the demo data (and its demo organiser), in `dir`. */
export function seedDatabase(dir: string): string {
  const databasePath = path.join(dir, "cts.db");
  execFileSync(process.execPath, ["--import", "tsx", "db/seed.ts"], {
    cwd: repoRoot,
    env: serviceEnv({ NODE_ENV: "test", DATABASE_PATH: databasePath }),
    stdio: "pipe",
  });
  return databasePath;
}

export type App = Running & { port: number };

/**
 * The production build with the settings of deploy/cts.env.example, except what a test machine
 * must change (address, secret, database, no SMTP) and what `overrides` sets (undefined removes).
 */
export async function startApp(options: {
  port: number;
  databasePath: string;
  overrides: Record<string, string | undefined>;
}): Promise<App> {
  const env = serviceEnv({
    ...parseEnvFile(readRepoFile("deploy/cts.env.example")),
    NODE_ENV: "production",
    PORT: String(options.port),
    DATABASE_PATH: options.databasePath,
    SESSION_SECRET: "deploy-test-session-secret-0123456789abcdef",
    SMTP_URL: undefined,
    ...options.overrides,
  });
  const running = run(process.execPath, serviceNodeArgs(), { cwd: repoRoot, env });
  await waitFor("The app", () => answers(options.port, "/healthz", (status) => status === 200), running);
  return { ...running, port: options.port };
}

/** Whether a local server answers `urlPath` with a status `accept` takes; false while it refuses connections. */
function answers(port: number, urlPath: string, accept: (status: number | undefined) => boolean): Promise<boolean> {
  return new Promise((resolve) => {
    http
      .get({ host: "127.0.0.1", port, path: urlPath, agent: false }, (res) => {
        res.resume();
        resolve(accept(res.statusCode));
      })
      .on("error", () => resolve(false));
  });
}

// ---------------------------------------------------------------- nginx

/** `from` must occur in the site file: a silent no-op would test something else than what ships. */
function substitute(text: string, from: string, to: string): string {
  if (!text.includes(from)) {
    throw new Error(
      `deploy/nginx/cts.conf no longer contains «${from}»: update the substitutions in tests/deploy/servers.ts`,
    );
  }
  return text.split(from).join(to);
}

export type SitePorts = { https: number; http: number; app: number };

/** deploy/nginx/cts.conf with test ports and paths, and nothing else changed. */
export function siteConfig(dir: string, ports: SitePorts, certificate: { certFile: string; keyFile: string }): string {
  let site = readRepoFile("deploy/nginx/cts.conf");
  site = substitute(site, "/etc/letsencrypt/live/cts.example.org/fullchain.pem", certificate.certFile);
  site = substitute(site, "/etc/letsencrypt/live/cts.example.org/privkey.pem", certificate.keyFile);
  site = substitute(site, "server_name cts.example.org;", "server_name localhost;");
  site = substitute(site, "listen 443 ssl http2;", `listen 127.0.0.1:${ports.https} ssl http2;`);
  site = substitute(site, "listen 80;", `listen 127.0.0.1:${ports.http};`);
  // IPv6 may be missing on a test machine; the IPv4 lines above cover the same server blocks.
  site = substitute(site, "listen [::]:443 ssl http2;", "");
  site = substitute(site, "listen [::]:80;", "");
  site = substitute(site, "server 127.0.0.1:3000;", `server 127.0.0.1:${ports.app};`);
  site = substitute(site, "/opt/cts/", `${repoRoot}/`);
  site = substitute(site, "/var/log/nginx/", `${dir}/`);
  site = substitute(site, "root /var/www/html;", `root ${dir}/acme;`);
  return site;
}

/** nginx's conf-path folder (for mime.types), as this nginx was built with. */
function nginxConfDir(nginx: string): string {
  // nginx -V prints on stderr.
  const built = spawnSync(nginx, ["-V"], { encoding: "utf8" }).stderr;
  return path.dirname(/--conf-path=(\S+)/.exec(built)?.[1] ?? "/etc/nginx/nginx.conf");
}

/** The main nginx.conf around the site: what Debian's /etc/nginx/nginx.conf provides, in `dir`. */
function mainConfig(dir: string, siteFile: string, nginx: string): string {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  return [
    // As root, workers would run as "nobody", which may not read the build in this checkout.
    isRoot ? "user root;" : "",
    "worker_processes 1;",
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log warn;`,
    "events { worker_connections 256; }",
    "http {",
    `  include ${nginxConfDir(nginx)}/mime.types;`,
    "  default_type application/octet-stream;",
    // For the port-80 server, which has no access_log of its own.
    `  access_log ${dir}/access.log;`,
    ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((kind) => `  ${kind}_temp_path ${dir}/${kind}_temp;`),
    `  include ${siteFile};`,
    "}",
    "",
  ].join("\n");
}

export type Nginx = Running & { configTest: string; errorLog: () => string };

export async function startNginx(
  dir: string,
  ports: SitePorts,
  certificate: { certFile: string; keyFile: string; cert: string },
): Promise<Nginx> {
  const nginx = requireTool(tools.nginx);
  fs.mkdirSync(path.join(dir, "acme"), { recursive: true });
  const siteFile = path.join(dir, "cts.conf");
  fs.writeFileSync(siteFile, siteConfig(dir, ports, certificate));
  const mainFile = path.join(dir, "nginx.conf");
  fs.writeFileSync(mainFile, mainConfig(dir, siteFile, nginx));
  const check = spawnSync(nginx, ["-t", "-p", dir, "-c", mainFile], { encoding: "utf8" });
  const configTest = check.stdout + check.stderr;
  if (check.status !== 0) throw new Error(`nginx -t refuses the site:\n${configTest}`);
  const running = run(nginx, ["-p", dir, "-c", mainFile, "-g", "daemon off;"], { cwd: dir });
  // Any answer will do: nginx is up even if it sends plain http to https.
  await waitFor("nginx", () => answers(ports.http, "/", () => true), running);
  return { ...running, configTest, errorLog: () => fs.readFileSync(path.join(dir, "error.log"), "utf8") };
}
