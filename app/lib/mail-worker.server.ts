import { drainOutbox, onEnqueued } from "#app/domain/shared/outbox.server.ts";
import type { MailContext } from "#app/domain/shared/mail-context.ts";
import { scheduleReminders } from "#app/domain/registrations/reminders.server.ts";
import type { Db } from "./db.server.ts";
import type { MailTransport } from "./mailer.server.ts";

export type MailWorker = { stop(): Promise<void>; idle(): Promise<void>; wake(): void };

/**
 * Sends the outbox: at once when something is written, and every `pollMs` for retries that
 * come due. Reminders are written once a minute. One batch at a time; a second worker in
 * another process is safe (rows are leased).
 */
export function startMailWorker(
  db: Db,
  transport: MailTransport,
  ctx: MailContext,
  options: { pollMs?: number; remindersEveryMs?: number; log?: (message: string) => void } = {},
): MailWorker {
  const { pollMs = 1000, remindersEveryMs = 60_000, log = (message) => console.error(message) } = options;
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let lastReminders = 0;

  const tick = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      try {
        if (Date.now() - lastReminders >= remindersEveryMs) {
          lastReminders = Date.now();
          scheduleReminders(db, ctx);
        }
        const report = await drainOutbox(db, transport);
        if (report.retried || report.failed) {
          log(`mail worker: ${report.sent} sent, ${report.retried} to retry, ${report.failed} failed`);
        }
      } catch (error) {
        log(`mail worker: ${error instanceof Error ? error.message : String(error)}`);
      }
    })().finally(() => {
      running = null;
      if (again) {
        again = false;
        tick();
      }
    });
  };

  const timer = setInterval(tick, pollMs);
  timer.unref();
  onEnqueued(tick);
  tick();

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      onEnqueued(undefined);
      await running;
      transport.close();
    },
    async idle() {
      while (running) await running;
    },
    wake: tick,
  };
}
