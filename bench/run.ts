// `npm run bench`: builds the app, then measures it next to bare baselines in the same run.
// Prints ratios; nothing here is a pass/fail test.
import { execSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { dashboardWith5000 } from "./dashboard.ts";
import { lighthouseBench } from "./lighthouse.ts";
import { serveCommand } from "#bench/lib/processes.ts";
import { hasWrk } from "#bench/lib/wrk.ts";
import { pagesBench } from "./pages.ts";
import { registrationBurst } from "./registration-burst.ts";
import { searchBench } from "./search.ts";

const ms = (value: number) => `${value.toFixed(1)} ms`;
const rps = (value: number) => `${value.toFixed(0)} req/s`;

console.log(
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
console.log("Building the app…");
execSync("npx react-router build", { stdio: "ignore" });

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "cts-bench-"));
try {
  console.log("\n== Registration burst: 1000 POSTs, 50 connections, 200 seats ==");
  const burst = await registrationBurst(workDir);
  const rows: Array<[string, string]> = [
    ["confirmed / waitlisted / errors", `${burst.confirmed} / ${burst.waitlisted} / ${burst.app.errors}`],
    ["HTTP statuses", JSON.stringify(burst.app.statuses)],
    ["app: throughput", rps(burst.app.rps)],
    ["app: p50 / p99", `${ms(burst.app.p50)} / ${ms(burst.app.p99)}`],
    ["app: p99 on already open connections", ms(burst.app.p99Established)],
    [
      "outbox empty after (from first request)",
      burst.outboxEmptyAfterMs === null ? "not within 120 s" : ms(burst.outboxEmptyAfterMs),
    ],
    ["emails received by the SMTP sink", String(burst.delivered)],
    ["bare node:http + 1 insert: throughput", rps(burst.bare.rps)],
    ["bare: p50 / p99", `${ms(burst.bare.p50)} / ${ms(burst.bare.p99)}`],
    ["bare: p99 on already open connections", ms(burst.bare.p99Established)],
    ["ratio app / bare", `${((burst.app.rps / burst.bare.rps) * 100).toFixed(1)} %`],
    ["app peak RSS", burst.appPeakRssMb === null ? "n/a" : `${burst.appPeakRssMb.toFixed(0)} MB`],
  ];
  for (const [label, value] of rows) console.log(`${label.padEnd(42)} ${value}`);

  const peaks: number[] = burst.appPeakRssMb === null ? [] : [burst.appPeakRssMb];
  if (hasWrk()) {
    console.log(
      "\n== Public pages: wrk, 50 connections, 8 s each; app cached, app uncached, bare node:http with the same bytes ==",
    );
    const pages = await pagesBench(workDir);
    for (const page of pages.pages) {
      console.log(`${page.label} ${page.path} (${(page.bytes / 1024).toFixed(0)} kB)`);
      for (const [label, result] of [
        ["bare node:http", page.bare],
        ["app, cached", page.cached],
        ["app, uncached", page.uncached],
      ] as const) {
        console.log(
          `  ${label.padEnd(40)} ${rps(result.rps).padStart(12)}  p50 ${ms(result.p50)}  p99 ${ms(result.p99)}  errors ${result.errors}`,
        );
      }
      console.log(
        `  ${"ratio cached / bare (goal ≥ 30 %)".padEnd(40)} ${((page.cached.rps / page.bare.rps) * 100).toFixed(1)} %`,
      );
      console.log(
        `  ${"ratio uncached / bare (goal ≥ 2 %)".padEnd(40)} ${((page.uncached.rps / page.bare.rps) * 100).toFixed(1)} %`,
      );
    }
    for (const js of pages.js) {
      console.log(
        `${`JS shipped on the ${js.label}, gzipped`.padEnd(42)} ${(js.gzipBytes / 1024).toFixed(1)} kB in ${js.files} files (goal for the article: < 100 kB)`,
      );
    }
    if (pages.appPeakRssMb !== null) peaks.push(pages.appPeakRssMb);
  } else {
    console.log("\n(wrk is missing: apt-get install -y wrk for the page throughput figures)");
  }

  console.log("\n== Search on 2,000 generated syntheses, in process (200 queries) ==");
  const found = searchBench(workDir);
  console.log(`${"indexing 2,000 syntheses (triggers)".padEnd(42)} ${ms(found.indexMs)}`);
  console.log(`${"FTS5 search: p50 / p99".padEnd(42)} ${ms(found.fts.p50)} / ${ms(found.fts.p99)}`);
  console.log(`${"LIKE '%…%' on title and text: p50 / p99".padEnd(42)} ${ms(found.like.p50)} / ${ms(found.like.p99)}`);
  console.log(`${"ratio LIKE p50 / FTS5 p50".padEnd(42)} ${(found.like.p50 / found.fts.p50).toFixed(1)} ×`);

  console.log("\n== Back-office with 5,000 registrations on one edition (sequential requests) ==");
  const backOffice = await dashboardWith5000(workDir);
  for (const page of backOffice.pages) {
    console.log(
      `${page.label.padEnd(42)} p50 ${ms(page.p50)} / p99 ${ms(page.p99)} (${(page.bytes / 1024).toFixed(0)} kB)`,
    );
  }
  if (backOffice.appPeakRssMb !== null) peaks.push(backOffice.appPeakRssMb);

  console.log(
    `\n${"app peak RSS over the bench (goal < 250 MB)".padEnd(42)} ${peaks.length ? `${Math.max(...peaks).toFixed(0)} MB` : "n/a"} (${serveCommand().args.slice(0, -1).join(" ")})`,
  );

  console.log("\n== Lighthouse 12.8.2 (mobile, simulated throttling), Debian's Chromium ==");
  const scores = await lighthouseBench(workDir);
  if (typeof scores === "string") console.log(scores);
  else
    for (const s of scores) {
      console.log(
        `${s.label.padEnd(42)} performance ${s.performance} · accessibility ${s.accessibility} · best practices ${s.bestPractices} · SEO ${s.seo}`,
      );
    }
} finally {
  fs.rmSync(workDir, { recursive: true, force: true });
}
