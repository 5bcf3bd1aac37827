import path from "node:path";
import { registrations } from "#db/schema.ts";
import { openDatabase } from "#app/lib/db.server.ts";
import { hashToken } from "#app/lib/tokens.server.ts";
import { STRUCTURE_TYPES } from "#app/domain/shared/vocabulary.ts";
import { createEdition } from "#tests/support/fixtures.ts";
import { benchAdminCookie, createBenchAdmin } from "#bench/lib/admin.ts";
import { freePort, peakRssMb, startApp, stopProcess, waitForHttp } from "#bench/lib/processes.ts";

export type TimedPage = { label: string; p50: number; p99: number; bytes: number };

const REGISTRATIONS = 5000;
const ROUNDS = 40;

/** Sequential requests: one at a time, so the latency is the server's own time for the page. */
async function time(url: string, cookie: string, rounds: number): Promise<{ p50: number; p99: number; bytes: number }> {
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const response = await fetch(url, { headers: { Cookie: cookie } });
    const body = await response.arrayBuffer();
    samples.push(performance.now() - t0);
    if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
    bytes = body.byteLength;
  }
  samples.sort((a, b) => a - b);
  return {
    p50: samples[Math.floor(samples.length / 2)]!,
    p99: samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.99))]!,
    bytes,
  };
}

export async function dashboardWith5000(workDir: string): Promise<{ pages: TimedPage[]; appPeakRssMb: number | null }> {
  const databasePath = path.join(workDir, "dashboard.db");
  const db = openDatabase(databasePath);
  const now = new Date();
  const edition = createEdition(db, now, { slug: "bench-dashboard", capacity: 4000 });
  db.transaction(() => {
    for (let i = 0; i < REGISTRATIONS; i++) {
      db.insert(registrations)
        .values({
          editionId: edition.id,
          firstName: `Prénom${i}`,
          lastName: `Nom${String(i).padStart(4, "0")}`,
          email: `dash${i}@example.org`,
          emailKey: `dash${i}@example.org`,
          organisation: `Structure ${i % 120}`,
          structureType: STRUCTURE_TYPES[i % STRUCTURE_TYPES.length]!,
          consentAt: now,
          status: i < 4000 ? "confirmed" : i < 4800 ? "waitlisted" : "cancelled",
          tokenHash: hashToken(`dash-token-${i}`),
          createdAt: new Date(now.getTime() - (i % 60) * 86_400_000),
        })
        .run();
    }
  });
  await createBenchAdmin(db);
  db.$client.close();

  const port = await freePort();
  const app = startApp({
    NODE_ENV: "production",
    PORT: String(port),
    DATABASE_PATH: databasePath,
    SESSION_SECRET: "bench-session-secret-0123456789abcdef0123456789",
    MAIL_WORKER: "off",
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/healthz`);
    const cookie = await benchAdminCookie(base);
    const pages: Array<[string, string]> = [
      ["dashboard (counts + 2 charts)", `/admin/editions/${edition.id}`],
      ["registrations list, page 1", `/admin/editions/${edition.id}/inscriptions`],
      ["registrations list, search + sort", `/admin/editions/${edition.id}/inscriptions?q=nom12&tri=nom`],
      ["check-in search", `/admin/editions/${edition.id}/accueil?q=nom49`],
      ["CSV export (5,000 rows)", `/admin/editions/${edition.id}/inscriptions.csv`],
    ];
    const results: TimedPage[] = [];
    for (const [label, url] of pages) {
      await time(`${base}${url}`, cookie, 3);
      results.push({ label, ...(await time(`${base}${url}`, cookie, url.endsWith(".csv") ? 10 : ROUNDS)) });
    }
    return { pages: results, appPeakRssMb: peakRssMb(app.pid) };
  } finally {
    await stopProcess(app);
  }
}
