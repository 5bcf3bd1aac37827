import { tsxArgs } from "#tests/support/tsx.ts";
import { spawn } from "node:child_process";

/** Runs a worker script of tests/support in its own OS process and returns what it printed as JSON. */
export function runTsxWorker<T>(script: string, args: Array<string | number>): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, tsxArgs(`tests/support/${script}`, ...args.map(String)), {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    child.on("exit", (code) =>
      code === 0
        ? resolve(JSON.parse(out) as T)
        : reject(new Error(`${script} ${args.join(" ")} exited ${code}: ${err}`)),
    );
  });
}
