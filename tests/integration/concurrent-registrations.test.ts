import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { emails } from "#db/schema.ts";
import { createEdition, registrationsInOrder } from "#tests/support/fixtures.ts";
import { runTsxWorker } from "#tests/support/run-worker.ts";
import { tempDb } from "#tests/support/temp-db.ts";

const { db, file } = tempDb();

function runWorker(slug: string, workerId: number, count: number, startAt: number) {
  return runTsxWorker<Array<{ email: string; outcome: string; error?: string }>>("register-worker.ts", [
    file,
    slug,
    workerId,
    count,
    startAt,
  ]);
}

describe("registrations from several OS processes at once on one database file", () => {
  it("confirms exactly the capacity, puts everyone else on the waiting list in order, loses nothing", async () => {
    const capacity = 25;
    const workers = 6;
    const perWorker = 20;
    const edition = createEdition(db, new Date(), { capacity });
    const startAt = Date.now() + 4000;

    const results = (
      await Promise.all(Array.from({ length: workers }, (_, w) => runWorker(edition.slug, w, perWorker, startAt)))
    ).flat();

    expect(results.filter((r) => r.outcome === "error")).toEqual([]);
    expect(results).toHaveLength(workers * perWorker);
    expect(results.filter((r) => r.outcome === "confirmed")).toHaveLength(capacity);
    expect(results.filter((r) => r.outcome === "waitlisted")).toHaveLength(workers * perWorker - capacity);

    const rows = registrationsInOrder(db, edition.id);
    expect(rows).toHaveLength(workers * perWorker);
    expect(rows.filter((r) => r.status === "confirmed")).toHaveLength(capacity);
    // Arrival order: every confirmed row was written before every waiting one.
    const lastConfirmed = Math.max(...rows.filter((r) => r.status === "confirmed").map((r) => r.id));
    const firstWaiting = Math.min(...rows.filter((r) => r.status === "waitlisted").map((r) => r.id));
    expect(lastConfirmed).toBeLessThan(firstWaiting);
    // The workers really interleaved: the confirmed seats went to more than one process.
    const seatedWorkers = new Set(rows.filter((r) => r.status === "confirmed").map((r) => r.email!.split("-")[0]));
    expect(seatedWorkers.size).toBeGreaterThan(1);
    // One email per registration, written with it.
    const written = db.select().from(emails).where(eq(emails.editionId, edition.id)).all();
    expect(written).toHaveLength(rows.length);
  }, 120_000);
});
