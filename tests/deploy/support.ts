// Helpers of the deploy tests: they run the files of deploy/ as shipped, with only ports and
// paths substituted, against real nginx, openssl, systemd-analyze and the built app.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");

/** The paths ensure-tools.mjs checks (and installs), with the same overrides. */
export const tools = {
  nginx: process.env.NGINX_PATH || "/usr/sbin/nginx",
  openssl: process.env.OPENSSL_PATH || "/usr/bin/openssl",
  systemdAnalyze: process.env.SYSTEMD_ANALYZE_PATH || "/usr/bin/systemd-analyze",
};

export function requireTool(executable: string): string {
  if (!fs.existsSync(executable)) {
    throw new Error(`${executable} is missing: run \`node tests/deploy/ensure-tools.mjs\` (npm run test:deploy does).`);
  }
  return executable;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `cts-deploy-${prefix}-`));
}

export function readRepoFile(relative: string): string {
  return fs.readFileSync(path.join(repoRoot, relative), "utf8");
}

// ---------------------------------------------------------------- unit and env files

export type Unit = Map<string, Map<string, string[]>>;

/** A systemd unit file: sections, and every value of each key in order (keys may repeat). */
export function parseUnit(text: string): Unit {
  const unit: Unit = new Map();
  let section: Map<string, string[]> | undefined;
  for (const [index, raw] of text.split("\n").entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    if (line.endsWith("\\")) throw new Error(`line ${index + 1}: continuation lines are not handled by this parser`);
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = new Map();
      unit.set(header[1]!, section);
      continue;
    }
    const eq = line.indexOf("=");
    if (!section || eq < 1) throw new Error(`line ${index + 1} is neither a section nor a setting: ${line}`);
    const key = line.slice(0, eq).trim();
    section.set(key, [...(section.get(key) ?? []), line.slice(eq + 1).trim()]);
  }
  return unit;
}

/** The single value of a setting, failing when it is missing or repeated. */
export function setting(unit: Unit, section: string, key: string): string {
  const values = unit.get(section)?.get(key) ?? [];
  if (values.length !== 1) throw new Error(`[${section}] ${key}= appears ${values.length} times, expected once`);
  return values[0]!;
}

/** A unit of deploy/systemd/, parsed. */
export function shippedUnit(name: string): Unit {
  return parseUnit(readRepoFile(`deploy/systemd/${name}`));
}

/** ExecStart= split into the binary and its arguments (the shipped units quote nothing). */
export function execStart(unit: Unit): [string, ...string[]] {
  const [binary, ...args] = setting(unit, "Service", "ExecStart").split(/\s+/);
  return [binary!, ...args];
}

/** An EnvironmentFile: KEY=value lines, values optionally in double quotes. */
export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!match) throw new Error(`not a KEY=value line: ${line}`);
    const value = match[2]!;
    env[match[1]!] = value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
  }
  return env;
}

// ---------------------------------------------------------------- processes and ports

/**
 * The environment systemd gives a service, roughly: nothing of this shell's, so that no variable
 * set on the test machine (UPLOAD_MAX_BYTES, TRUST_PROXY…) changes what is tested.
 */
export function serviceEnv(variables: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env["PATH"], LANG: process.env["LANG"], ...variables };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type Running = { child: ChildProcess; output: () => string; stop: () => Promise<void> };

/** Spawns a long-running process and keeps what it prints, to show it when a test fails. */
export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Running {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Waits until `probe` resolves true, failing with the process output after `timeoutMs`. */
export async function waitFor(
  what: string,
  probe: () => Promise<boolean>,
  running: Running,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (running.child.exitCode !== null)
      throw new Error(`${what} exited (${running.child.exitCode}):\n${running.output()}`);
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not start within ${timeoutMs} ms:\n${running.output()}`);
}

// ---------------------------------------------------------------- HTTP(S) clients

export type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer; text: string };

export type RequestOptions = {
  port: number;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Declared Content-Length when only the start of a larger body is sent. */
  declaredLength?: number;
  /** The loopback address the client connects from (all of 127/8 is local on Linux). */
  localAddress?: string;
  /** Certificate to trust; plain HTTP when absent. */
  ca?: string;
};

/**
 * One request on a connection of its own (so that `localAddress` holds for it). When
 * `declaredLength` exceeds the body, the answer is awaited without sending the rest.
 */
export function request(options: RequestOptions): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = typeof options.body === "string" ? Buffer.from(options.body) : options.body;
    const headers: Record<string, string> = { Host: `localhost:${options.port}`, ...options.headers };
    if (body) headers["Content-Length"] = String(options.declaredLength ?? body.length);
    const common = {
      host: "127.0.0.1",
      port: options.port,
      path: options.path,
      method: options.method ?? (body ? "POST" : "GET"),
      headers,
      localAddress: options.localAddress,
      agent: false as const,
    };
    const req = options.ca
      ? https.request({ ...common, ca: options.ca, servername: "localhost" })
      : http.request(common);
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const all = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: all, text: all.toString("utf8") });
        req.destroy();
      });
      res.on("error", reject);
    });
    // The server may close while the client still writes a body it has refused.
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    if (body && options.declaredLength !== undefined && options.declaredLength > body.length) {
      req.write(body);
      return;
    }
    req.end(body);
  });
}

/** A multipart/form-data body, as a browser sends the document form. */
export function multipart(
  fields: Record<string, string>,
  file: { field: string; name: string; type: string; content: Buffer },
): { body: Buffer; contentType: string } {
  const boundary = `----cts-deploy-${Date.now().toString(16)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\n` +
        `Content-Type: ${file.type}\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

// ---------------------------------------------------------------- certificate

/** A self-signed certificate for localhost, valid two days. */
export function selfSignedCertificate(dir: string): { cert: string; key: string; certFile: string; keyFile: string } {
  const certFile = path.join(dir, "cert.pem");
  const keyFile = path.join(dir, "key.pem");
  execFileSync(
    requireTool(tools.openssl),
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-days",
      "2",
      "-subj",
      "/CN=localhost",
      "-addext",
      "subjectAltName=DNS:localhost,IP:127.0.0.1",
      "-keyout",
      keyFile,
      "-out",
      certFile,
    ],
    { stdio: "pipe" },
  );
  return { cert: fs.readFileSync(certFile, "utf8"), key: fs.readFileSync(keyFile, "utf8"), certFile, keyFile };
}
