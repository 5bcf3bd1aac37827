import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import express from "express";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type * as ReactRouter from "react-router";
import { MemoryRouter, type ServerBuild } from "react-router";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The app reads its configuration once: set it before the modules load.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cts-flash-"));
process.env.DATABASE_PATH = path.join(dir, "cts.db");
process.env.SESSION_SECRET = "a-test-secret-that-is-long-enough-0123456789";
// Over plain http the cookie keeps its bare name (`__Host-cts_flash` over https).
process.env.APP_URL = "http://localhost:3000";

/**
 * The page cache renders through React Router's request handler; this stand-in plays the app so
 * a test decides what each page answers and counts how often the cache asked for a render.
 */
const renders: string[] = [];
let answer: (request: Request) => Promise<Response> = async () => new Response("");
vi.mock("react-router", async (importOriginal) => ({
  ...(await importOriginal<typeof ReactRouter>()),
  createRequestHandler: () => async (request: Request) => {
    renders.push(new URL(request.url).pathname);
    return answer(request);
  },
}));

const { flashCookieHeader, readFlash, redirectWithFlash } = await import("#app/lib/flash.server.ts");
const { Flash } = await import("#app/components/flash.tsx");
const { createPageCache } = await import("#app/server/page-cache.ts");
const { db, closeDb } = await import("#app/lib/db.server.ts");

afterAll(() => {
  closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The `name=value` part of a Set-Cookie, as a browser sends it back. */
function cookiePair(setCookie: string): string {
  return setCookie.split(";")[0]!;
}

function pageRequest(cookie?: string) {
  return new Request("https://cts.example.org/inscription/abc", { headers: cookie ? { Cookie: cookie } : {} });
}

describe("redirectWithFlash and readFlash", () => {
  it("answers 303 with the notice in a cookie, read once and then cleared", async () => {
    const response = await redirectWithFlash("/inscription/abc", {
      kind: "success",
      message: "Inscription enregistrée.",
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/inscription/abc");
    const setCookie = response.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/^cts_flash=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);

    const first = await readFlash(pageRequest(cookiePair(setCookie)));
    expect(first.flash).toEqual({ kind: "success", message: "Inscription enregistrée." });
    const cleared = first.headers.get("Set-Cookie")!;
    expect(cleared).toMatch(/^cts_flash=;|Max-Age=0/);
    expect(cleared).toMatch(/Max-Age=0/i);

    // The browser applies the clearing cookie: the next request carries none, and shows nothing.
    const second = await readFlash(pageRequest());
    expect(second.flash).toBeNull();
    expect(second.headers.get("Set-Cookie")).toBeNull();
  });

  it("keeps the other headers of the redirect, such as a cleared session", async () => {
    const response = await redirectWithFlash(
      "/admin/connexion",
      { kind: "success", message: "Vous êtes déconnecté·e." },
      { headers: { "Set-Cookie": "cts_session=; Max-Age=0; Path=/" } },
    );
    const cookies = response.headers.getSetCookie();
    expect(cookies).toHaveLength(2);
    expect(cookies[0]).toMatch(/^cts_session=;/);
    expect(cookies[1]).toMatch(/^cts_flash=/);
  });

  it.each([
    ["unsigned", `cts_flash=${Buffer.from(JSON.stringify({ kind: "error", message: "Piège" })).toString("base64")}`],
    ["malformed", "cts_flash=%%%not-base64%%%.sig"],
    ["empty", "cts_flash="],
  ])("ignores a %s cookie without throwing, and clears it", async (_label, cookie) => {
    const { flash, headers } = await readFlash(pageRequest(`autre=1; ${cookie}`));
    expect(flash).toBeNull();
    expect(headers.get("Set-Cookie")).toMatch(/Max-Age=0/i);
  });

  it("ignores a signed cookie whose value was changed, and one signed with another secret", async () => {
    const genuine = cookiePair(await flashCookieHeader({ kind: "info", message: "Vrai message." }));
    const [name, value] = genuine.split("=") as [string, string];
    const decoded = decodeURIComponent(value);
    const dot = decoded.lastIndexOf(".");
    const forgedPayload = Buffer.from(JSON.stringify({ kind: "error", message: "Faux message." })).toString("base64");
    const forged = `${name}=${encodeURIComponent(`${forgedPayload}${decoded.slice(dot)}`)}`;
    expect((await readFlash(pageRequest(forged))).flash).toBeNull();

    const { createCookie } = await import("react-router");
    const foreign = createCookie("cts_flash", { secrets: ["another-secret-of-a-decent-length-0123456789"] });
    const other = cookiePair(await foreign.serialize({ kind: "error", message: "Faux message." }));
    expect((await readFlash(pageRequest(other))).flash).toBeNull();

    expect((await readFlash(pageRequest(genuine))).flash).toEqual({ kind: "info", message: "Vrai message." });
  });

  it("ignores a signed value that is not a notice", async () => {
    const { createCookie } = await import("react-router");
    const sameSecret = createCookie("cts_flash", { secrets: [process.env.SESSION_SECRET!] });
    for (const value of [{ kind: "danger", message: "x" }, { kind: "success", message: "" }, "texte", 42]) {
      const cookie = cookiePair(await sameSecret.serialize(value));
      expect((await readFlash(pageRequest(cookie))).flash).toBeNull();
    }
  });
});

describe("the Flash component", () => {
  function render(flash: Parameters<typeof Flash>[0]["flash"]) {
    return renderToStaticMarkup(createElement(MemoryRouter, null, createElement(Flash, { flash })));
  }

  it("renders markup in a message as text", () => {
    const html = render({ kind: "success", message: `<script>alert("x")</script><img src=x onerror=alert(1)>` });
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain('role="status"');
  });

  it("announces an error as an alert, and renders nothing without a notice", () => {
    expect(render({ kind: "error", message: "Lien expiré." })).toMatch(/role="alert"[^>]*>Lien expiré\.</);
    expect(render(null)).toBe("");
  });
});

describe("the page cache and the flash cookie", () => {
  let base = "";
  let server: ReturnType<ReturnType<typeof express>["listen"]>;

  beforeAll(async () => {
    const cache = createPageCache({
      build: {} as ServerBuild,
      db,
      getLoadContext: () => ({}) as never,
      hsts: () => false,
    });
    const app = express();
    app.use((req, res, next) => {
      if (!cache.serveHit(req, res)) next();
    });
    app.use(cache.middleware);
    // What the app does after the cache: render every request it let through.
    app.use(async (req, res) => {
      renders.push(req.path);
      const rendered = await answer(new Request(`${base}${req.originalUrl}`, { headers: req.headers as HeadersInit }));
      res.status(rendered.status);
      for (const [name, value] of rendered.headers) res.append(name, value);
      res.end(Buffer.from(await rendered.arrayBuffer()));
    });
    await new Promise<void>((resolve) => {
      server = app.listen(0, "127.0.0.1", () => resolve());
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const html = (body: string, headers: Record<string, string> = {}) =>
    new Response(body, { status: 200, headers: { "Content-Type": "text/html; charset=utf-8", ...headers } });

  it("renders a request carrying the flash cookie, even for a page it holds", async () => {
    answer = async (request) =>
      html(request.headers.get("Cookie")?.includes("cts_flash=") ? "<p>Votre notice</p>" : "<p>Page publique</p>");
    renders.length = 0;
    expect((await fetch(`${base}/editions`)).headers.get("X-Page-Cache")).toBe("miss");
    expect((await fetch(`${base}/editions`)).headers.get("X-Page-Cache")).toBe("hit");
    expect(renders).toEqual(["/editions"]);

    const cookie = cookiePair(await flashCookieHeader({ kind: "success", message: "Votre notice" }));
    const withFlash = await fetch(`${base}/editions`, { headers: { Cookie: cookie } });
    expect(withFlash.headers.get("X-Page-Cache")).toBe("bypass");
    expect(await withFlash.text()).toContain("Votre notice");
    expect(renders).toEqual(["/editions", "/editions"]);

    // And the page held for everyone else did not change.
    const after = await fetch(`${base}/editions`);
    expect(after.headers.get("X-Page-Cache")).toBe("hit");
    expect(await after.text()).toContain("Page publique");
  });

  it("never stores an answer that sets or clears the flash cookie", async () => {
    const setting = await flashCookieHeader({ kind: "info", message: "Pour une seule personne" });
    answer = async () => html("<p>Pour une seule personne</p>", { "Set-Cookie": setting });
    renders.length = 0;
    const first = await fetch(`${base}/themes`);
    expect(first.headers.get("X-Page-Cache")).toBeNull();
    expect(first.headers.get("Set-Cookie")).toMatch(/^cts_flash=/);
    const second = await fetch(`${base}/themes`);
    expect(second.headers.get("X-Page-Cache")).toBeNull();
    expect(renders).toEqual(["/themes", "/themes"]);

    answer = async () => html("<p>Accueil</p>", { "Set-Cookie": "cts_flash=; Max-Age=0; Path=/" });
    await fetch(`${base}/syntheses`);
    expect((await fetch(`${base}/syntheses`)).headers.get("X-Page-Cache")).toBeNull();
    expect(renders).toEqual(["/themes", "/themes", "/syntheses", "/syntheses"]);
  });
});
