import http from "node:http";

export type LoadResult = {
  requests: number;
  durationMs: number;
  rps: number;
  p50: number;
  p99: number;
  /** p99 of the requests sent on an already open connection (every one but each connection's first). */
  p99Established: number;
  statuses: Record<number, number>;
  errors: number;
};

export type RequestSpec = { method: "GET" | "POST"; path: string; body?: string; headers?: Record<string, string> };

/** Sends `total` requests over `concurrency` keep-alive connections and records every latency. */
export async function runLoad(
  port: number,
  total: number,
  concurrency: number,
  make: (index: number) => RequestSpec,
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  const established: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  let next = 0;
  const started = performance.now();

  const one = (spec: RequestSpec) =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = http.request(
        {
          host: "127.0.0.1",
          port,
          method: spec.method,
          path: spec.path,
          agent,
          headers: {
            ...(spec.body
              ? { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(spec.body) }
              : {}),
            ...spec.headers,
          },
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            latencies.push(performance.now() - t0);
            if (req.reusedSocket) established.push(performance.now() - t0);
            statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
            if ((res.statusCode ?? 500) >= 500) errors++;
            resolve();
          });
        },
      );
      req.on("error", () => {
        errors++;
        latencies.push(performance.now() - t0);
        resolve();
      });
      if (spec.body) req.write(spec.body);
      req.end();
    });

  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const index = next++;
        await one(make(index));
      }
    }),
  );
  const durationMs = performance.now() - started;
  agent.destroy();
  const pick = (samples: number[], q: number) => {
    const sorted = [...samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  };
  return {
    requests: total,
    durationMs,
    rps: (total / durationMs) * 1000,
    p50: pick(latencies, 0.5),
    p99: pick(latencies, 0.99),
    p99Established: pick(established, 0.99),
    statuses,
    errors,
  };
}
