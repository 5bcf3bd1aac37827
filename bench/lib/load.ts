import http from "node:http";
import https from "node:https";

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

/** Where the load goes: plain HTTP to the app, or HTTPS to nginx (with the certificate to trust). */
export type Target = { port: number; tls?: { ca: string; servername: string } };

export function percentile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

export type Sender = {
  send: (spec: RequestSpec) => Promise<{ status: number; ms: number; reused: boolean; body: string }>;
  close: () => void;
};

/** One HTTP client over `sockets` keep-alive connections (or fresh ones per visitor with agent: false). */
export function sender(target: Target | number, sockets: number, keepBody = false): Sender {
  const { port, tls } = typeof target === "number" ? { port: target, tls: undefined } : target;
  const agent = tls
    ? new https.Agent({ keepAlive: true, maxSockets: sockets, ca: tls.ca, servername: tls.servername })
    : new http.Agent({ keepAlive: true, maxSockets: sockets });
  const send = (spec: RequestSpec) =>
    new Promise<{ status: number; ms: number; reused: boolean; body: string }>((resolve) => {
      const t0 = performance.now();
      const req = (tls ? https : http).request(
        {
          host: "127.0.0.1",
          port,
          method: spec.method,
          path: spec.path,
          agent,
          headers: {
            ...(tls ? { Host: `localhost:${port}` } : {}),
            ...(spec.body
              ? { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(spec.body) }
              : {}),
            ...spec.headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          if (keepBody) res.on("data", (chunk: Buffer) => chunks.push(chunk));
          else res.resume();
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              ms: performance.now() - t0,
              reused: req.reusedSocket,
              body: keepBody ? Buffer.concat(chunks).toString("utf8") : "",
            }),
          );
        },
      );
      req.on("error", () => resolve({ status: 0, ms: performance.now() - t0, reused: req.reusedSocket, body: "" }));
      if (spec.body) req.write(spec.body);
      req.end();
    });
  return { send, close: () => agent.destroy() };
}

/**
 * Closed loop: `concurrency` keep-alive connections, each sending its next request when the
 * previous answer arrived, until `total` requests were sent or `untilMs` elapsed.
 */
export async function runLoad(
  target: Target | number,
  total: number,
  concurrency: number,
  make: (index: number) => RequestSpec,
  options: { untilMs?: number } = {},
): Promise<LoadResult> {
  const client = sender(target, concurrency);
  const latencies: number[] = [];
  const established: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const more = () => next < total && (options.untilMs === undefined || performance.now() - started < options.untilMs);

  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (more()) {
        const answer = await client.send(make(next++));
        latencies.push(answer.ms);
        if (answer.reused) established.push(answer.ms);
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        if (answer.status === 0 || answer.status >= 500) errors++;
      }
    }),
  );
  const durationMs = performance.now() - started;
  client.close();
  return {
    requests: latencies.length,
    durationMs,
    rps: (latencies.length / durationMs) * 1000,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    p99Established: percentile(established, 0.99),
    statuses,
    errors,
  };
}
