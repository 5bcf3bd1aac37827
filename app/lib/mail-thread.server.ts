import { parentPort, Worker, type ResourceLimits } from "node:worker_threads";
import { onEnqueued } from "#app/domain/shared/outbox.server.ts";
import { closeDb, db } from "./db.server.ts";
import { env } from "./env.server.ts";
import { mailContext } from "./mail-context.server.ts";
import { startMailWorker } from "./mail-worker.server.ts";
import { transportFromEnv } from "./mailer.server.ts";

type ToThread = "wake" | "stop";

/** The web server's handle on the mail worker running in its own thread. */
export type MailThread = { stop(): Promise<void> };

const RESTART_DELAY_MS = { first: 1000, max: 60_000 };

/**
 * Starts the mail worker in a thread of its own: rendering an email (React, the invite) costs
 * about 10 ms of CPU, which on the web server's event loop would delay every request of a
 * registration rush (decision 028). `entry` is a module that calls `runMailThread()` (built
 * apart from the routes: see vite.mail-thread.config.ts). A thread that dies is started again; emails it was sending stay leased and
 * are taken again when their lease ends, as after a crash of the whole process.
 */
export function startMailThread(
  entry: URL,
  options: { log?: (message: string) => void; resourceLimits?: ResourceLimits } = {},
): MailThread {
  const { log = (message) => console.error(message) } = options;
  let stopping = false;
  let thread: Worker;
  let running = false;
  let restartTimer: ReturnType<typeof setTimeout> | undefined;
  let restartDelay = RESTART_DELAY_MS.first;
  let startedAt = 0;

  const start = (): void => {
    thread = new Worker(entry, { resourceLimits: options.resourceLimits });
    running = true;
    startedAt = Date.now();
    thread.on("error", (error) => log(`mail worker thread: ${error instanceof Error ? error.message : String(error)}`));
    thread.on("exit", (code) => {
      running = false;
      if (stopping) return;
      // A thread that cannot start (a missing bundle) is tried less and less often; one that ran
      // for a while before dying is started again after a second.
      if (Date.now() - startedAt > RESTART_DELAY_MS.max) restartDelay = RESTART_DELAY_MS.first;
      log(`mail worker thread stopped (code ${code}); starting it again in ${restartDelay / 1000} s`);
      restartTimer = setTimeout(start, restartDelay);
      restartDelay = Math.min(restartDelay * 2, RESTART_DELAY_MS.max);
      restartTimer.unref();
    });
  };
  start();
  onEnqueued(() => thread.postMessage("wake" satisfies ToThread));

  return {
    async stop() {
      stopping = true;
      clearTimeout(restartTimer);
      onEnqueued(undefined);
      if (!running) return;
      const current = thread;
      await new Promise<void>((resolve) => {
        current.once("exit", () => resolve());
        current.postMessage("stop" satisfies ToThread);
      });
    },
  };
}

/** The body of the mail thread: the worker, woken by the web server when it writes an email. */
export function runMailThread(): void {
  const port = parentPort;
  if (!port) throw new Error("runMailThread() runs in a worker thread");
  const worker = startMailWorker(db(), transportFromEnv(env()), mailContext());
  port.on("message", (message: ToThread) => {
    if (message === "wake") worker.wake();
    else if (message === "stop")
      // Once the message being sent is done and the database closed, nothing keeps the thread.
      void worker.stop().then(() => {
        closeDb();
        port.close();
      });
  });
}
