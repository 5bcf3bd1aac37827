// Child process of the team concurrency test: posts teams against one database file, starting
// at an agreed instant, and prints the outcomes as JSON.
import { registerTeam } from "#app/domain/registrations/team.server.ts";
import { openDatabase } from "#app/lib/db.server.ts";
import { ctx } from "./fixtures.ts";

const [file, slug, workerId, teamsText, sizeText, startAtText] = process.argv.slice(2);
const db = openDatabase(file!, { migrate: false });
const teams = Number(teamsText);
const size = Number(sizeText);

while (Date.now() < Number(startAtText)) {
  await new Promise((resolve) => setTimeout(resolve, 1));
}

const outcomes: Array<{ team: string; outcome: string; members?: Array<{ email: string; status: string }> }> = [];
for (let t = 0; t < teams; t++) {
  const team = `w${workerId}t${t}`;
  const members = Array.from({ length: size }, (_, i) => ({
    firstName: `Prénom${i}`,
    lastName: team,
    email: `${team}-${i}@example.org`,
    role: null,
  }));
  try {
    const outcome = registerTeam(db, ctx, slug!, {
      organisation: `Structure ${team}`,
      structureType: "hebergement",
      members,
    });
    outcomes.push({
      team,
      outcome: outcome.outcome,
      members: outcome.outcome === "registered" ? outcome.members : undefined,
    });
  } catch (error) {
    outcomes.push({ team, outcome: `error: ${String(error)}` });
  }
}
db.$client.close();
process.stdout.write(JSON.stringify(outcomes));
