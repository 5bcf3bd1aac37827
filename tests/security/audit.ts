// `npm run audit:security`: starts the built app on a temporary copy of the demo data, runs
// Debian's sqlmap against the search and every public form and wapiti against the whole site,
// then prints a summary. Tools nobody on the team wrote: their findings are the evidence.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { freePort, startProcess, stopProcess, waitForHttp } from "#bench/lib/processes.ts";

function ensureTool(binary: string, debianPackage: string): void {
  if (spawnSync("which", [binary]).status === 0) return;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && fs.existsSync("/usr/bin/apt-get")) {
    console.log(`Installation de ${debianPackage}…`);
    execFileSync(
      "sh",
      ["-c", `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${debianPackage}`],
      { stdio: "inherit" },
    );
    return;
  }
  console.error(`${binary} est introuvable : installez-le (sudo apt-get install -y ${debianPackage}).`);
  process.exit(2);
}

function run(command: string, args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill("SIGTERM"), timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

ensureTool("sqlmap", "sqlmap");
ensureTool("wapiti", "wapiti");
console.log("Construction de l’application…");
execFileSync("npx", ["react-router", "build"], { stdio: "ignore" });

const work = fs.mkdtempSync(path.join(os.tmpdir(), "cts-audit-"));
const databasePath = path.join(work, "cts.db");
execFileSync("npx", ["tsx", "db/seed.ts"], {
  env: { ...process.env, DATABASE_PATH: databasePath, NODE_ENV: "test" },
  stdio: "ignore",
});
const db = new Database(databasePath, { readonly: true });
const upcoming = (
  db.prepare("select slug from editions where status = 'published' order by starts_at desc limit 1").get() as {
    slug: string;
  }
).slug;
const service = db.prepare("select slug from dispositifs where retired_at is null limit 1").get() as
  { slug: string } | undefined;
db.close();

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const app = startProcess("node", ["server.js"], {
  NODE_ENV: "production",
  PORT: String(port),
  DATABASE_PATH: databasePath,
  APP_URL: base,
  SESSION_SECRET: "audit-session-secret-0123456789abcdef0123456789",
  PUBLIC_FORM_RATE_LIMIT: "1000000",
});
await waitForHttp(`${base}/healthz`);

const targets: Array<{ name: string; args: string[] }> = [
  { name: "recherche (GET q)", args: ["-u", `${base}/recherche?q=maraude`] },
  {
    name: "inscription (POST)",
    args: [
      "-u",
      `${base}/editions/${upcoming}/inscription`,
      "--data",
      "firstName=Awa&lastName=Diallo&email=audit@example.org&organisation=Test&role=&structureType=hebergement&accessNeeds=&meal=oui&notice=on",
    ],
  },
  {
    name: "lien perdu (POST)",
    args: ["-u", `${base}/editions/${upcoming}/inscription/lien`, "--data", "email=audit@example.org"],
  },
  {
    name: "connexion (POST)",
    args: ["-u", `${base}/admin/connexion`, "--data", "email=audit@example.org&password=motdepasse"],
  },
  {
    name: "contribution (POST)",
    args: [
      "-u",
      `${base}/editions/${upcoming}/contribuer`,
      "--data",
      "name=Awa%20Diallo&role=Educatrice&organisation=Test&email=audit@example.org&title=Test&abstract=Texte&format=table_ronde&availability=&notice=on",
    ],
  },
  ...(service
    ? [
        {
          name: "correction d’un dispositif (POST)",
          args: [
            "-u",
            `${base}/dispositifs/${service.slug}`,
            "--data",
            "name=Awa&email=audit@example.org&field=phone&message=test",
          ],
        },
      ]
    : []),
];

const summary: string[] = [];
for (const target of targets) {
  console.log(`sqlmap : ${target.name}…`);
  const { output } = await run(
    "sqlmap",
    [
      ...target.args,
      "--batch",
      "--level=2",
      "--risk=1",
      "--threads=4",
      "--flush-session",
      "--disable-coloring",
      `--output-dir=${path.join(work, "sqlmap")}`,
    ],
    15 * 60_000,
  );
  const injectable =
    /is vulnerable|injectable\b(?!.*not)/i.test(output) && !/do not appear to be injectable/i.test(output);
  const verdict = /all tested parameters do not appear to be injectable/i.test(output)
    ? "aucun paramètre injectable"
    : injectable
      ? "INJECTION POSSIBLE — voir la sortie de sqlmap"
      : `pas de conclusion : ${
          output
            .split("\n")
            .filter((line) => /\[(CRITICAL|ERROR)\]/.test(line))
            .slice(-1)[0]
            ?.trim() ?? output.trim().split("\n").slice(-3).join(" | ")
        }`;
  summary.push(`sqlmap  ${target.name.padEnd(36)} ${verdict}`);
}

console.log("wapiti : le site entier…");
const report = path.join(work, "wapiti.json");
await run(
  "wapiti",
  [
    "-u",
    `${base}/`,
    "--flush-session",
    "--scope",
    "folder",
    "-f",
    "json",
    "-o",
    report,
    "--max-scan-time",
    "600",
    "--level",
    "2",
  ],
  20 * 60_000,
);
if (fs.existsSync(report)) {
  const json = JSON.parse(fs.readFileSync(report, "utf8")) as {
    vulnerabilities: Record<string, Array<{ level: number; info: string; path: string; parameter: string }>>;
    anomalies: Record<string, unknown[]>;
  };
  const levels = ["", "élevée", "moyenne", "faible"];
  let findings = 0;
  for (const [category, items] of Object.entries(json.vulnerabilities)) {
    for (const item of items) {
      findings++;
      summary.push(
        `wapiti  ${category} (gravité ${levels[item.level] ?? item.level}) ${item.path} ${item.parameter ?? ""} — ${item.info}`,
      );
    }
  }
  for (const [category, items] of Object.entries(json.anomalies)) {
    if (items.length) summary.push(`wapiti  anomalie ${category} : ${items.length}`);
  }
  if (findings === 0) summary.push("wapiti  aucune vulnérabilité relevée");
} else {
  summary.push("wapiti  pas de rapport produit (voir la sortie ci-dessus)");
}

await stopProcess(app);
console.log("\n== Résumé de l’audit ==");
for (const line of summary) console.log(line);
fs.rmSync(work, { recursive: true, force: true });
