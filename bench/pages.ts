import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { freePort, peakRssMb, startApp, startProcess, stopProcess, waitForHttp } from "#bench/lib/processes.ts";
import { wrk, type WrkResult } from "#bench/lib/wrk.ts";

export type PageBench = {
  label: string;
  path: string;
  bytes: number;
  cached: WrkResult;
  uncached: WrkResult;
  bare: WrkResult;
  /** The same page by the lighter path of decision 023 (edition page only). */
  lighter?: WrkResult;
};

export type PagesReport = {
  pages: PageBench[];
  js: Array<{ label: string; gzipBytes: number; files: number }>;
  appPeakRssMb: number | null;
};

const APP_ENV = {
  NODE_ENV: "production",
  SESSION_SECRET: "bench-session-secret-0123456789abcdef0123456789",
  MAIL_WORKER: "off",
};

/** The JavaScript a reader's browser downloads for a page: every module script and modulepreload, gzipped. */
function shippedJs(html: string, clientDir: string): { gzipBytes: number; files: number } {
  const urls = new Set<string>();
  for (const match of html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)) urls.add(match[1]!);
  for (const match of html.matchAll(/import(?:\s+[^"';]*from)?\s*"([^"]+\.js)"/g)) urls.add(match[1]!);
  let gzipBytes = 0;
  for (const url of urls) {
    const file = path.join(clientDir, url.replace(/^\//, ""));
    if (fs.existsSync(file)) gzipBytes += zlib.gzipSync(fs.readFileSync(file)).length;
  }
  return { gzipBytes, files: urls.size };
}

export async function pagesBench(workDir: string): Promise<PagesReport> {
  const databasePath = path.join(workDir, "pages.db");
  execFileSync("npx", ["tsx", "db/seed.ts"], {
    env: { ...process.env, DATABASE_PATH: databasePath, NODE_ENV: "test" },
    stdio: "ignore",
  });

  const [cachedPort, uncachedPort, barePort, lighterPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const cachedApp = startApp({ ...APP_ENV, PORT: String(cachedPort), DATABASE_PATH: databasePath, PAGE_CACHE: "on" });
  const uncachedApp = startApp({
    ...APP_ENV,
    PORT: String(uncachedPort),
    DATABASE_PATH: databasePath,
    PAGE_CACHE: "off",
  });
  const cached = `http://127.0.0.1:${cachedPort}`;
  const uncached = `http://127.0.0.1:${uncachedPort}`;
  let bare: ReturnType<typeof startProcess> | undefined;
  const lighter = startProcess(
    process.execPath,
    ["--import", "tsx", "bench/lighter-path-server.tsx", String(lighterPort)],
    { ...APP_ENV, DATABASE_PATH: databasePath },
  );
  try {
    await waitForHttp(`http://127.0.0.1:${lighterPort}/healthz`);
    await waitForHttp(`${cached}/healthz`);
    await waitForHttp(`${uncached}/healthz`);
    const article = /href="(\/syntheses\/[^"/]+)"/.exec(await (await fetch(`${cached}/syntheses`)).text())?.[1];
    if (!article) throw new Error("no article in the demo data");
    const targets = [
      { label: "edition page", path: "/editions/cts-aller-vers-2025", file: "edition.html" },
      { label: "article page", path: article, file: "article.html" },
    ];
    const files: string[] = [];
    const js: PagesReport["js"] = [];
    for (const target of targets) {
      const html = await (await fetch(`${cached}${target.path}`)).text();
      const file = path.join(workDir, target.file);
      fs.writeFileSync(file, html);
      files.push(file);
      js.push({ label: target.label, ...shippedJs(html, "build/client") });
    }
    bare = startProcess("node", ["bench/bare-page-server.mjs", String(barePort), ...files], {});
    await waitForHttp(`http://127.0.0.1:${barePort}/edition`);

    const pages: PageBench[] = [];
    for (const target of targets) {
      const barePath = `/${target.file.replace(/\.html$/, "")}`;
      pages.push({
        label: target.label,
        path: target.path,
        bytes: fs.statSync(path.join(workDir, target.file)).size,
        bare: wrk(`http://127.0.0.1:${barePort}${barePath}`, { seconds: 5 }),
        cached: wrk(`${cached}${target.path}`, { seconds: 5 }),
        uncached: wrk(`${uncached}${target.path}`, { seconds: 5 }),
        lighter: target.path.startsWith("/editions/")
          ? wrk(`http://127.0.0.1:${lighterPort}${target.path}`, { seconds: 5 })
          : undefined,
      });
    }
    const rss = [peakRssMb(cachedApp.pid), peakRssMb(uncachedApp.pid)].filter((v): v is number => v !== null);
    return { pages, js, appPeakRssMb: rss.length ? Math.max(...rss) : null };
  } finally {
    await Promise.all([
      stopProcess(cachedApp),
      stopProcess(uncachedApp),
      stopProcess(lighter),
      bare ? stopProcess(bare) : Promise.resolve(),
    ]);
  }
}
