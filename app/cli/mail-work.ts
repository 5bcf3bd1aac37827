// `npm run mail:work`: the email worker as its own process (the app also runs one).
// `--once` sends what is due and exits.
import { drainOutbox } from "#app/domain/shared/outbox.server.ts";
import { scheduleReminders } from "#app/domain/registrations/reminders.server.ts";
import { openDatabase } from "#app/lib/db.server.ts";
import { env } from "#app/lib/env.server.ts";
import { mailContext } from "#app/lib/mail-context.server.ts";
import { startMailWorker } from "#app/lib/mail-worker.server.ts";
import { transportFromEnv } from "#app/lib/mailer.server.ts";

const config = env();
const db = openDatabase(config.databasePath);
const transport = transportFromEnv(config);

if (process.argv.includes("--once")) {
  scheduleReminders(db, mailContext());
  const report = await drainOutbox(db, transport);
  console.log(`${report.sent} sent, ${report.retried} to retry, ${report.failed} failed`);
  transport.close();
  db.$client.close();
} else {
  const worker = startMailWorker(db, transport, mailContext(), { log: (message) => console.log(message) });
  console.log(`Mail worker running on ${config.databasePath} (${config.smtpUrl ? "SMTP" : "local mailbox"})`);
  const keepAlive = setInterval(() => {}, 60_000);
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      clearInterval(keepAlive);
      void worker.stop().then(() => {
        db.$client.close();
        process.exit(0);
      });
    });
  }
}
