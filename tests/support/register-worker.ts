// Child process of the concurrency test: registers a list of people against one database file
// as fast as it can, starting at an agreed instant, and prints the outcomes as JSON.
import { register } from "#app/domain/registrations/registrations.server.ts";
import { openDatabase } from "#app/lib/db.server.ts";
import { ctx, person } from "./fixtures.ts";

const [file, slug, workerId, countText, startAtText] = process.argv.slice(2);
const db = openDatabase(file!, { migrate: false });
const count = Number(countText);
const startAt = Number(startAtText);

while (Date.now() < startAt) {
  await new Promise((resolve) => setTimeout(resolve, 1));
}

const outcomes: Array<{ email: string; outcome: string; error?: string }> = [];
for (let i = 0; i < count; i++) {
  const input = person(`w${workerId}-${i}`);
  try {
    outcomes.push({ email: input.email, outcome: register(db, ctx, slug!, input).outcome });
  } catch (error) {
    outcomes.push({ email: input.email, outcome: "error", error: String(error) });
  }
}
db.$client.close();
process.stdout.write(JSON.stringify(outcomes));
