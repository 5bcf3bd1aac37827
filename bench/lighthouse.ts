import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort, startApp, stopProcess, waitForHttp } from "#bench/lib/processes.ts";

export type LighthouseScores = {
  label: string;
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
};

const LIGHTHOUSE = "lighthouse@12.8.2";

/**
 * Lighthouse's default run (mobile, simulated slow 4G), with Debian's Chromium. Pinned: later
 * releases need Node 22. Fetched by npx on first use rather than installed with the project.
 */
export async function lighthouseBench(workDir: string): Promise<LighthouseScores[] | string> {
  const chrome = process.env.CHROME_PATH ?? "/usr/bin/chromium";
  if (!fs.existsSync(chrome)) return `Chromium introuvable (${chrome}) : apt-get install -y chromium`;
  const databasePath = path.join(workDir, "lighthouse.db");
  execFileSync("npx", ["tsx", "db/seed.ts"], {
    env: { ...process.env, DATABASE_PATH: databasePath, NODE_ENV: "test" },
    stdio: "ignore",
  });
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const app = startApp({
    NODE_ENV: "production",
    PORT: String(port),
    APP_URL: base,
    DATABASE_PATH: databasePath,
    SESSION_SECRET: "bench-session-secret-0123456789abcdef0123456789",
    MAIL_WORKER: "off",
  });
  try {
    await waitForHttp(`${base}/healthz`);
    const article =
      /href="(\/syntheses\/[^"/]+)"/.exec(await (await fetch(`${base}/syntheses`)).text())?.[1] ?? "/syntheses";
    const scores: LighthouseScores[] = [];
    for (const [label, url] of [
      ["edition page", `${base}/editions/cts-aller-vers-2025`],
      ["article page", `${base}${article}`],
    ] as const) {
      const report = path.join(workDir, `lighthouse-${scores.length}.json`);
      const run = spawnSync(
        "npx",
        [
          "-y",
          LIGHTHOUSE,
          url,
          "--quiet",
          "--output=json",
          `--output-path=${report}`,
          "--only-categories=performance,accessibility,best-practices,seo",
          "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        { env: { ...process.env, CHROME_PATH: chrome }, encoding: "utf8", timeout: 180_000 },
      );
      if (!fs.existsSync(report))
        return `Lighthouse n’a pas produit de rapport : ${(run.stderr || run.stdout || "").trim().split("\n").slice(-3).join(" | ")}`;
      const json = JSON.parse(fs.readFileSync(report, "utf8")) as {
        categories: Record<string, { score: number | null }>;
      };
      const score = (key: string) => Math.round((json.categories[key]?.score ?? 0) * 100);
      scores.push({
        label,
        performance: score("performance"),
        accessibility: score("accessibility"),
        bestPractices: score("best-practices"),
        seo: score("seo"),
      });
    }
    return scores;
  } finally {
    await stopProcess(app);
  }
}
