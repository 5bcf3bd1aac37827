// CPU of one registration, in process: `register()` ×N on a temporary database, no HTTP, no
// worker. What it measures is the request's own work (checks, insert, outbox row), the figure
// decision 024 is about; with --drain, also the worker's CPU to send those emails to a transport
// that only accepts them (rendering included since decision 024).
// Run: NODE_ENV=production npx tsx bench/register-cpu.ts [N] [--drain]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "#app/lib/db.server.ts";
import { register } from "#app/domain/registrations/registrations.server.ts";
import { drainOutbox } from "#app/domain/shared/outbox.server.ts";
import { createEdition, ctx, person } from "#tests/support/fixtures.ts";

const args = process.argv.slice(2);
const total = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 1000);
const drain = args.includes("--drain");
const warmUp = 200;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cts-register-cpu-"));
const db = openDatabase(path.join(dir, "cts.db"));
const now = new Date();
const edition = createEdition(db, now, { capacity: total + warmUp + 10 });

function registerOne(index: number): void {
  const input = person(index, {
    email: `cpu${index}@example.org`,
    organisation: "Association de test",
    role: "travailleur social",
    accessNeeds: "",
    meal: index % 2 === 1,
  });
  register(db, ctx, edition.slug, input, now);
}

for (let i = 0; i < warmUp; i++) registerOne(i);
const cpuBefore = process.cpuUsage();
const wallBefore = process.hrtime.bigint();
for (let i = warmUp; i < warmUp + total; i++) registerOne(i);
const cpu = process.cpuUsage(cpuBefore);
const wallMs = Number(process.hrtime.bigint() - wallBefore) / 1e6;
const cpuMs = (cpu.user + cpu.system) / 1000;
console.log(
  `${total} registrations: CPU ${cpuMs.toFixed(0)} ms (${(cpuMs / total).toFixed(3)} ms each), wall ${wallMs.toFixed(0)} ms`,
);
if (drain) {
  let sent = 0;
  const transport = {
    async send(email: { id: number }) {
      sent++;
      return { messageId: `<${email.id}@bench>` };
    },
    close() {},
  };
  const before = process.cpuUsage();
  await drainOutbox(db, transport, () => now);
  const used = process.cpuUsage(before);
  const drainMs = (used.user + used.system) / 1000;
  console.log(`worker: ${sent} emails sent, CPU ${drainMs.toFixed(0)} ms (${(drainMs / sent).toFixed(3)} ms each)`);
}
db.$client.close();
fs.rmSync(dir, { recursive: true, force: true });
