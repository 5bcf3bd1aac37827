import { execFile, execFileSync, spawnSync } from "node:child_process";

export type WrkResult = { rps: number; p50: number; p99: number; errors: number };

export function hasWrk(): boolean {
  return spawnSync("which", ["wrk"]).status === 0;
}

function toMs(value: string, unit: string): number {
  const n = Number(value);
  return unit === "us" ? n / 1000 : unit === "s" ? n * 1000 : n;
}

type WrkOptions = { connections?: number; seconds?: number; headers?: Record<string, string> };

function wrkArgs(url: string, options: WrkOptions): string[] {
  const args = ["-t1", `-c${options.connections ?? 50}`, `-d${options.seconds ?? 8}s`, "--latency"];
  for (const [name, value] of Object.entries(options.headers ?? {})) args.push("-H", `${name}: ${value}`);
  return [...args, url];
}

function parse(output: string): WrkResult {
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? 0);
  const latency = (q: string) => {
    const match = new RegExp(`\\s${q}%\\s+([\\d.]+)(us|ms|s)`).exec(output);
    return match ? toMs(match[1]!, match[2]!) : NaN;
  };
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const errors = non2xx + (socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0);
  return { rps, p50: latency("50"), p99: latency("99"), errors };
}

/** wrk with its latency distribution: 50 connections on one thread, as the issue asks. */
export function wrk(url: string, options: WrkOptions = {}): WrkResult {
  return parse(execFileSync("wrk", wrkArgs(url, options), { encoding: "utf8" }));
}

/** The same, without blocking the bench: for a page load that runs while the bench sends something else. */
export function wrkInBackground(url: string, options: WrkOptions = {}): Promise<WrkResult> {
  return new Promise((resolve, reject) =>
    execFile("wrk", wrkArgs(url, options), { encoding: "utf8" }, (error, stdout) =>
      error ? reject(error) : resolve(parse(stdout)),
    ),
  );
}
