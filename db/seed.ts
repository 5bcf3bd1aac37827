// `npm run db:seed`: migrates the database and loads the demo data (idempotent).
import { openDatabase } from "#app/lib/db.server.ts";
import { env } from "#app/lib/env.server.ts";
import { mailContext } from "#app/lib/mail-context.server.ts";
import { DEMO_ORGANISER, seedDemo } from "#db/demo/index.ts";

const config = env();
if (config.nodeEnv === "production" && !process.argv.includes("--force")) {
  console.error("Refusing to load demo data with NODE_ENV=production (pass --force if you really mean it).");
  process.exit(1);
}

const db = openDatabase(config.databasePath);
const report = await seedDemo(db, new Date(), { dataDir: config.dataDir, mail: mailContext() });
db.$client.close();

console.log(`Base de données : ${config.databasePath}`);
if (report.created.length) console.log(`Données de démonstration ajoutées : ${report.created.join(", ")}`);
if (report.kept.length) console.log(`Déjà présentes, conservées : ${report.kept.join(", ")}`);
console.log("");
console.log("Compte organisateur de démonstration (à ne jamais utiliser en production) :");
console.log(`  adresse      ${DEMO_ORGANISER.email}`);
console.log(`  mot de passe ${DEMO_ORGANISER.password}`);
console.log(`  connexion    ${config.appUrl}/admin/connexion`);
if (report.participantLink) {
  console.log("");
  console.log("Page personnelle d’une participante d’exemple (attestation, réseau, questionnaire) :");
  console.log(`  ${report.participantLink}`);
}
