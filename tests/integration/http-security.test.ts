import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The middlewares read the configuration once: set it before they load.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cts-http-"));
process.env.DATABASE_PATH = path.join(dir, "cts.db");
process.env.APP_URL = "https://cts.example.org";
process.env.SESSION_SECRET = "a-test-secret-that-is-long-enough-0123456789";

const { rejectCrossSitePosts } = await import("#app/server/cross-site.ts");
const { securityHeaders } = await import("#app/server/app-headers.ts");
const { contentSecurityPolicy } = await import("#app/server/security-headers.ts");

type Call = { status?: number; body?: string; headers: Record<string, string>; nexted: boolean };

function run(
  middleware: (req: never, res: never, next: () => void) => void,
  request: { method: string; headers: Record<string, string>; path?: string },
): Call {
  const call: Call = { headers: {}, nexted: false };
  const req = {
    method: request.method,
    path: request.path ?? "/",
    get: (name: string) => request.headers[name.toLowerCase()],
  };
  const res = {
    locals: {} as Record<string, unknown>,
    status(code: number) {
      call.status = code;
      return this;
    },
    type() {
      return this;
    },
    send(body: string) {
      call.body = body;
      return this;
    },
    set(name: string | Record<string, string>, value?: string) {
      if (typeof name === "string") call.headers[name] = value!;
      else Object.assign(call.headers, name);
      return this;
    },
  };
  middleware(req as never, res as never, () => {
    call.nexted = true;
  });
  return call;
}

describe("cross-site form posts", () => {
  const post = (headers: Record<string, string>) =>
    run(rejectCrossSitePosts, { method: "POST", headers: { host: "127.0.0.1:3000", ...headers } });

  it("lets same-site posts and posts without browser hints through", () => {
    expect(post({ origin: "https://cts.example.org", "sec-fetch-site": "same-origin" }).nexted).toBe(true);
    expect(post({ origin: "http://127.0.0.1:3000" }).nexted).toBe(true);
    expect(post({}).nexted).toBe(true);
    // A form posted without JavaScript from a private page, which is served with no referrer.
    expect(post({ origin: "null", "sec-fetch-site": "same-origin" }).nexted).toBe(true);
    expect(run(rejectCrossSitePosts, { method: "GET", headers: { origin: "https://evil.example" } }).nexted).toBe(true);
  });

  it("refuses posts from another site, whatever the browser says first", () => {
    for (const headers of <Array<Record<string, string>>>[
      { origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site", origin: "https://autre.cts.example.org" },
      { origin: "null" },
      { origin: "null", "sec-fetch-site": "cross-site" },
      { origin: "null", "sec-fetch-site": "same-site" },
      { origin: "pas une url" },
    ]) {
      const call = post(headers);
      expect(call.nexted, JSON.stringify(headers)).toBe(false);
      expect(call.status).toBe(403);
      expect(call.body).toContain("Requête refusée");
    }
  });
});

describe("security headers", () => {
  it("sends HSTS when the app is served over https, and a fresh CSP nonce per request", () => {
    const middleware = securityHeaders({ withCsp: true });
    const first = run(middleware, { method: "GET", headers: {} });
    expect(first.headers["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
    expect(first.headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(first.headers["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(first.headers["Permissions-Policy"]).toContain("camera=()");
  });

  it("lets only the check-in page use the camera, to read badges' QR codes", () => {
    const middleware = securityHeaders({ withCsp: true });
    const checkIn = run(middleware, { method: "GET", headers: {}, path: "/admin/editions/12/accueil" });
    expect(checkIn.headers["Permissions-Policy"]).toContain("camera=(self)");
    expect(checkIn.headers["Permissions-Policy"]).toContain("microphone=()");
    for (const path of ["/admin/editions/12", "/admin/editions/12/accueil/../inscriptions", "/inscription/abc"]) {
      expect(run(middleware, { method: "GET", headers: {}, path }).headers["Permissions-Policy"]).toContain(
        "camera=()",
      );
    }
  });

  it("allows only scripts carrying the nonce, no plugins, no base tag, no framing", () => {
    const policy = contentSecurityPolicy("abc123");
    expect(policy).toContain("script-src 'nonce-abc123' 'strict-dynamic'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain("unsafe-inline");
  });
});
