import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";

/** `npm run serve` as argv, so the bench measures the app with the flags production runs it with. */
export function serveCommand(): { command: string; args: string[] } {
  const script: string = JSON.parse(fs.readFileSync("package.json", "utf8")).scripts.serve;
  const [command, ...args] = script.split(/\s+/);
  return { command: command === "node" ? process.execPath : command!, args };
}

/** Starts the app as `npm run serve` would, with `env` on top of the bench's environment. */
export function startApp(env: NodeJS.ProcessEnv): ChildProcess {
  const { command, args } = serveCommand();
  return startProcess(command, args, env);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

let nextInRange = 0;

/**
 * A free port: any the system gives, or with BENCH_PORTS=3260-3279 one of that range, so that a
 * bench run next to other servers on a shared machine stays within the ports it was given.
 */
export async function freePort(): Promise<number> {
  const range = /^(\d+)-(\d+)$/.exec(process.env.BENCH_PORTS ?? "");
  if (range) {
    const [low, high] = [Number(range[1]), Number(range[2])];
    for (let tried = 0; tried <= high - low; tried++) {
      const port = low + (nextInRange++ % (high - low + 1));
      if (await portIsFree(port)) return port;
    }
    throw new Error(`no free port in BENCH_PORTS=${process.env.BENCH_PORTS}`);
  }
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export async function waitForHttp(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export function startProcess(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  child.stderr?.on("data", (chunk) => process.stderr.write(`[${args.at(-1)}] ${chunk}`));
  child.stdout?.resume();
  return child;
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 5000).unref();
  });
}

/** Peak resident memory of a process so far (Linux), in MB. */
export function peakRssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}
