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
import { pagesBench, type PagesReport } from "./pages.ts";
import { registrationBurst } from "./registration-burst.ts";
import { searchBench } from "./search.ts";

const ms = (value: number) => `${value.toFixed(1)} ms`;
const rps = (value: number) => `${value.toFixed(0)} req/s`;

console.log(
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
console.log("Building the app…");
execSync("npm run build", { stdio: "ignore" });

const benchStarted = performance.now();
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "cts-bench-"));
try {
  console.log(
    "\n== Registration rush: one app with its mail worker and an SMTP sink; bursts of 1,000 POSTs on 50 new connections ==",
  );
  const burst = await registrationBurst(workDir);
  const pct = (part: number, whole: number) => `${((part / whole) * 100).toFixed(1)} %`;
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
    ["ratio app / bare", pct(burst.app.rps, burst.bare.rps)],
  ];
  if (typeof burst.proxy === "string") rows.push(["through nginx (deploy/)", burst.proxy]);
  else
    rows.push(
      ["through nginx (deploy/, HTTPS): throughput", rps(burst.proxy.rps)],
      ["through nginx: p50 / p99", `${ms(burst.proxy.p50)} / ${ms(burst.proxy.p99)}`],
      ["through nginx: p99 on open connections", ms(burst.proxy.p99Established)],
      ["through nginx: statuses", JSON.stringify(burst.proxy.statuses)],
    );
  if (typeof burst.page === "string") rows.push(["edition page during a burst", burst.page]);
  else
    rows.push(
      ["edition page alone (wrk, 50 connections)", `${rps(burst.page.alone.rps)}  p99 ${ms(burst.page.alone.p99)}`],
      [
        "edition page during 50 registering conns",
        `${rps(burst.page.during.rps)}  p99 ${ms(burst.page.during.p99)}  errors ${burst.page.during.errors}`,
      ],
      [
        "  registrations meanwhile",
        `${burst.page.registrationsDuring.requests} (${rps(burst.page.registrationsDuring.rps)})`,
      ],
      ["ratio during / alone", pct(burst.page.during.rps, burst.page.alone.rps)],
    );
  rows.push([
    "seat counter: worst lag",
    burst.seats.worstLagMs === null
      ? `no count found (${burst.seats.source})`
      : `${(burst.seats.worstLagMs / 1000).toFixed(2)} s (${burst.seats.staleSamples} of ${burst.seats.samples} reads behind; ${burst.seats.source})`,
  ]);
  const open = burst.openLoop;
  // Held: everyone registered, the app kept up (no backlog after the last arrival), and the bench
  // itself sent on time (otherwise the generator, not the app, fell behind).
  const held = open.completed === open.arrivals && open.drainMs < 1000 && open.maxSendDelayMs < 50;
  rows.push(
    [
      `open loop: ${open.ratePerSecond} visitors/s for ${open.seconds} s`,
      `${open.completed} of ${open.arrivals} registered, ${open.errors} errors`,
    ],
    ["  page p50 / p99", `${ms(open.page.p50)} / ${ms(open.page.p99)}`],
    ["  form p50 / p99", `${ms(open.post.p50)} / ${ms(open.post.p99)}`],
    ["  visit from arrival: p50 / p99", `${ms(open.visit.p50)} / ${ms(open.visit.p99)}`],
    [
      "  rate held?",
      `${open.completedPerSecond.toFixed(1)} done/s, last answer ${ms(open.drainMs)} after the last arrival, ` +
        `bench sent ≤ ${ms(open.maxSendDelayMs)} late → ${held ? "yes" : "no"}`,
    ],
    ["app peak RSS", burst.appPeakRssMb === null ? "n/a" : `${burst.appPeakRssMb.toFixed(0)} MB`],
  );
  for (const [label, value] of rows) console.log(`${label.padEnd(42)} ${value}`);

  const peaks: number[] = burst.appPeakRssMb === null ? [] : [burst.appPeakRssMb];
  let pagesReport: PagesReport | undefined;
  if (hasWrk()) {
    console.log(
      "\n== Public pages: wrk, 50 connections, 5 s each; app cached, app uncached, bare node:http with the same bytes ==",
    );
    const pages = await pagesBench(workDir);
    pagesReport = pages;
    for (const page of pages.pages) {
      console.log(`${page.label} ${page.path} (${(page.bytes / 1024).toFixed(0)} kB)`);
      for (const [label, result] of [
        ["bare node:http", page.bare],
        ["app, cached", page.cached],
        ["app, uncached", page.uncached],
        ...(page.lighter ? ([["lighter path, uncached (decision 023)", page.lighter]] as const) : []),
      ] as const) {
        console.log(
          `  ${label.padEnd(40)} ${rps(result.rps).padStart(12)}  p50 ${ms(result.p50)}  p99 ${ms(result.p99)}  errors ${result.errors}`,
        );
      }
      console.log(
        `  ${"ratio cached / bare (goal ≥ 60 %)".padEnd(40)} ${((page.cached.rps / page.bare.rps) * 100).toFixed(1)} %`,
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

  console.log("\n== Issue 19, one row each (see README, « Benchmark ») ==");
  const pageRatio = (label: string, kind: "cached" | "uncached") => {
    const page = pagesReport?.pages.find((p) => p.label === label);
    return page
      ? `${pct(page[kind].rps, page.bare.rps)} (${rps(page[kind].rps)} vs ${rps(page.bare.rps)})`
      : "n/a (wrk)";
  };
  const proxy = burst.proxy;
  const summary: Array<[string, string, string]> = [
    [
      "burst app / bare insert server",
      `${pct(burst.app.rps, burst.bare.rps)} (${rps(burst.app.rps)} vs ${rps(burst.bare.rps)})`,
      "≥ 25 %",
    ],
    ["burst p99, all requests (direct)", ms(burst.app.p99), ""],
    ["burst p99, through nginx (production)", typeof proxy === "string" ? "n/a" : ms(proxy.p99), "< 300 ms"],
    ["burst p99, on open connections", ms(burst.app.p99Established), "< 100 ms"],
    ["edition page uncached / bare", pageRatio("edition page", "uncached"), "≥ 2 %"],
    ["article page uncached / bare", pageRatio("article page", "uncached"), "≥ 2 %"],
    ["cached edition page / bare", pageRatio("edition page", "cached"), "≥ 60 %"],
    [
      `open loop ${open.ratePerSecond}/s × ${open.seconds} s: form p50 / p99`,
      `${ms(open.post.p50)} / ${ms(open.post.p99)}, rate ${held ? "held" : "not held"}`,
      "",
    ],
    [
      "edition page during burst / alone",
      typeof burst.page === "string" ? "n/a" : pct(burst.page.during.rps, burst.page.alone.rps),
      "",
    ],
    [
      "seat counter worst lag",
      burst.seats.worstLagMs === null ? "n/a" : `${(burst.seats.worstLagMs / 1000).toFixed(2)} s`,
      "a few seconds",
    ],
    ["peak RSS, app processes", peaks.length ? `${Math.max(...peaks).toFixed(0)} MB` : "n/a", "< 250 MB"],
  ];
  for (const [label, value, goal] of summary) {
    console.log(`${label.padEnd(42)} ${value}${goal ? `  (goal ${goal})` : ""}`);
  }

  console.log("\n== Lighthouse 12.8.2 (mobile, simulated throttling), Debian's Chromium ==");
  const scores = await lighthouseBench(workDir);
  if (typeof scores === "string") console.log(scores);
  else
    for (const s of scores) {
      console.log(
        `${s.label.padEnd(42)} performance ${s.performance} · accessibility ${s.accessibility} · best practices ${s.bestPractices} · SEO ${s.seo}`,
      );
    }
  console.log(`\nWhole bench: ${((performance.now() - benchStarted) / 1000).toFixed(0)} s`);
} finally {
  fs.rmSync(workDir, { recursive: true, force: true });
}
