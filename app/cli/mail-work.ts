// `npm run mail:work`: the email worker as its own process (the app also runs one).
// `--once` sends what is due and exits.
import { drainOutbox } from "../domain/outbox.server";
import { scheduleReminders } from "../domain/registrations/reminders.server";
import { openDatabase } from "../lib/db.server";
import { env } from "../lib/env.server";
import { mailContext } from "../lib/mail-context.server";
import { startMailWorker } from "../lib/mail-worker.server";
import { transportFromEnv } from "../lib/mailer.server";

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
