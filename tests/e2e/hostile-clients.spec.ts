import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import fc from "fast-check";
import { expect, test } from "@playwright/test";
import routes from "#app/routes.ts";
import { hostileBody, KNOWN_KILLERS, type HostileBody } from "#tests/support/hostile-bodies.ts";
import { ACCOUNTS } from "./accounts.ts";
import { prepareDatabase, startApp, type OwnApp } from "./own-app.ts";

// An attacker's view of the app, on an app of its own (production build, heap limits of
// `npm run serve`): generated bodies to every route that takes a post, as every kind of visitor,
// the login flooded in parallel, and private pages asked for under other spellings.
// `npm run fuzz` runs the same with more cases (FUZZ_RUNS) and a one-second bound per answer.

const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 6);
/** Catches a request that hangs or burns seconds of CPU; `npm run fuzz` sets 1 s. */
const SLOWEST_ALLOWED_MS = Number(process.env.FUZZ_MAX_MS ?? 5_000);

test.describe.configure({ mode: "serial" });

type RouteEntry = { path?: string; file: string; index?: boolean; children?: RouteEntry[] };

/** Every URL pattern of app/routes.ts with the file that serves it. */
function flatten(entries: RouteEntry[], parent = ""): Array<{ pattern: string; file: string }> {
  return entries.flatMap((entry) => {
    const own = entry.path === undefined ? parent : `${parent}/${entry.path}`.replace(/\/+/g, "/");
    const here = entry.path !== undefined || entry.index ? [{ pattern: own || "/", file: entry.file }] : [];
    return [...here, ...flatten(entry.children ?? [], own)];
  });
}

const ALL_ROUTES = flatten(routes as RouteEntry[]).filter(({ pattern }) => pattern !== "/*");
const POST_ROUTES = ALL_ROUTES.filter(({ file }) =>
  /export\s+(async\s+)?function\s+action\b|export\s+const\s+action\b/.test(
    fs.readFileSync(path.join("app", file), "utf8"),
  ),
);

type Identity = "anonymous" | "admin" | "organiser" | "reviewer";
const IDENTITIES: Identity[] = ["anonymous", "admin", "organiser", "reviewer"];

let app: OwnApp;
let dbFile = "";
const params: Record<string, string> = {};
const cookies: Partial<Record<Identity, string>> = {};

function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0]!)
    .filter((pair) => !pair.endsWith("="))
    .join("; ");
}

async function logIn(who: Exclude<Identity, "anonymous">): Promise<string> {
  const response = await fetch(`${app.base}/admin/connexion`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: ACCOUNTS[who].email, password: ACCOUNTS[who].password }).toString(),
    redirect: "manual",
  });
  expect(response.status, `login as ${who}`).toBe(302);
  return cookieOf(response);
}

function fill(pattern: string): string {
  return pattern.replace(/:(\w+)/g, (_, name: string) => params[name] ?? "1");
}

async function send(url: string, hostile: HostileBody, cookie: string | undefined) {
  const headers: Record<string, string> = {};
  if (hostile.contentType !== null) headers["Content-Type"] = hostile.contentType;
  if (cookie) headers["Cookie"] = cookie;
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: "POST",
      headers,
      body: hostile.body as Uint8Array<ArrayBuffer>,
      redirect: "manual",
    });
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - started };
  } catch (error) {
    // The server may close a connection on an oversized body before reading it all; it must
    // still have answered (413) or be alive.
    return { status: 0, ms: performance.now() - started, error: String(error) };
  }
}

/** Posts a public form as a browser would, and reads the token of the private page it redirects to. */
async function privateToken(url: string, page: "inscription" | "contribution", form: Record<string, string>) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
    redirect: "manual",
  });
  return new RegExp(`/${page}/([^?/]+)`).exec(response.headers.get("Location") ?? "")?.[1] ?? "";
}

async function healthy(): Promise<boolean> {
  try {
    return (await fetch(`${app.base}/healthz`)).ok;
  } catch {
    return false;
  }
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const prepared = prepareDatabase({ extra: true });
  dbFile = prepared.file;
  app = await startApp(dbFile, { PUBLIC_FORM_RATE_LIMIT: "1000000" });

  // Real values for every parameter, so that posts reach the actions and not a 404.
  const db = new Database(dbFile, { readonly: true });
  const one = (sql: string) => String((db.prepare(sql).get() as { v: unknown } | undefined)?.v ?? "1");
  params["slug"] = one("select slug as v from editions where slug = 'edition-e2e-autre'");
  params["editionId"] = one("select id as v from editions where slug = 'edition-e2e-autre'");
  params["articleId"] = one("select id as v from articles order by id limit 1");
  params["dispositifId"] = one("select id as v from dispositifs order by id limit 1");
  params["emailId"] = one("select id as v from emails order by id limit 1");
  params["attachmentId"] = one("select id as v from attachments order by id limit 1");
  params["userId"] = one("select id as v from users where email = 'relecteur@e2e.example'");
  params["fileName"] = "document.pdf";
  db.close();

  params["token"] = await privateToken(`${app.base}/editions/${params["slug"]}/inscription`, "inscription", {
    firstName: "Awa",
    lastName: "Fuzz",
    email: "awa.fuzz@example.org",
    organisation: "CHRS d’essai",
    structureType: "hebergement",
    meal: "non",
    notice: "on",
  });
  expect(params["token"], "a private registration link").not.toBe("");

  params["contributionToken"] = await privateToken(
    `${app.base}/editions/cts-sante-mentale-2027/contribuer`,
    "contribution",
    {
      name: "Awa Fuzz",
      email: "awa.contribution@example.org",
      role: "infirmière",
      organisation: "EMPP d’essai",
      title: "Une proposition",
      abstract: "Ce que nous avons appris.",
      format: "atelier",
      notice: "on",
    },
  );
  expect(params["contributionToken"], "a private contribution link").not.toBe("");
  const again = new Database(dbFile, { readonly: true });
  params["contributionId"] = String((again.prepare("select max(id) as v from contributions").get() as { v: number }).v);
  params["code"] = String(
    (again.prepare("select code as v from certificates limit 1").get() as { v: string } | undefined)?.v ??
      "ABCD-EFGH-JK",
  );
  again.close();

  for (const who of ["admin", "organiser", "reviewer"] as const) cookies[who] = await logIn(who);
});

test.afterAll(async () => {
  await app?.stop();
  if (dbFile) fs.rmSync(path.dirname(dbFile), { recursive: true, force: true });
});

test("generated bodies to every route that takes a post, as every visitor: never a 5xx, never down", async () => {
  test.setTimeout(600_000);
  expect(POST_ROUTES.length, "routes with an action").toBeGreaterThan(30);
  const failures: string[] = [];
  let tried = 0;
  let slowest = { ms: 0, what: "" };
  for (const route of POST_ROUTES) {
    // A contribution's private pages take the contribution's token, not the registration's.
    const url = `${app.base}${fill(route.pattern.startsWith("/contribution/") ? route.pattern.replace(":token", ":contributionToken") : route.pattern)}`;
    for (const who of IDENTITIES) {
      // Logging out would end the session the next routes use; it is tried anonymously.
      if (who !== "anonymous" && route.pattern === "/admin/deconnexion") continue;
      const cookie = cookies[who];
      const record = (hostile: HostileBody, result: Awaited<ReturnType<typeof send>>) => {
        tried++;
        if (result.ms > slowest.ms) slowest = { ms: result.ms, what: `${route.pattern} as ${who}: ${hostile.label}` };
        if (result.status >= 500) failures.push(`${route.pattern} as ${who}: ${hostile.label} → ${result.status}`);
        return result.status < 500 && result.ms < SLOWEST_ALLOWED_MS;
      };
      for (const killer of KNOWN_KILLERS) record(killer, await send(url, killer, cookie));
      await fc.assert(
        fc.asyncProperty(hostileBody, async (hostile) => record(hostile, await send(url, hostile, cookie))),
        { numRuns: RUNS_PER_ROUTE, endOnFailure: true },
      );
      if (!(await healthy())) failures.push(`${route.pattern} as ${who}: the server stopped answering`);
      if (failures.length > 0) break;
    }
    if (failures.length > 0) break;
  }
  console.log(
    `hostile bodies: ${tried} requests to ${POST_ROUTES.length} routes, slowest ${Math.round(slowest.ms)} ms (${slowest.what})`,
  );
  expect(failures).toEqual([]);
  expect(slowest.ms).toBeLessThan(SLOWEST_ALLOWED_MS);
  expect(await healthy()).toBe(true);
});

test("hostile query strings on every page: never a 5xx", async () => {
  test.setTimeout(300_000);
  const query = fc
    .array(
      fc.tuple(
        fc.oneof(
          fc.constantFrom(
            "q",
            "page",
            "statut",
            "theme",
            "annee",
            "categorie",
            "public",
            "commune",
            "x[99999999]",
            "a[0][0][0][0][0]",
          ),
          fc.string({ maxLength: 12 }),
        ),
        fc.oneof(
          fc.string({ maxLength: 20 }),
          fc.constantFrom("-1", "1e309", "99999999999999999999", "%", "%FF", "\u0000", "'\"<>"),
        ),
      ),
      { maxLength: 6 },
    )
    .map((pairs) => pairs.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join("&"));
  const failures: string[] = [];
  let tried = 0;
  for (const route of ALL_ROUTES) {
    for (const who of ["anonymous", "admin"] as const) {
      await fc.assert(
        fc.asyncProperty(query, async (search) => {
          tried++;
          const response = await fetch(`${app.base}${fill(route.pattern)}?${search}`, {
            headers: cookies[who] ? { Cookie: cookies[who]! } : {},
            redirect: "manual",
          });
          await response.arrayBuffer();
          if (response.status >= 500) failures.push(`GET ${route.pattern}?${search} as ${who} → ${response.status}`);
          return response.status < 500;
        }),
        { numRuns: Math.max(3, Math.floor(RUNS_PER_ROUTE / 2)), endOnFailure: true },
      );
    }
  }
  console.log(`hostile queries: ${tried} requests to ${ALL_ROUTES.length} routes`);
  expect(failures).toEqual([]);
});

test("30 wrong passwords at once: at most 5 reach the check; the owner's known browser and a neighbour still get in", async () => {
  const post = (email: string, password: string, cookie?: string) =>
    fetch(`${app.base}/admin/connexion`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
      body: new URLSearchParams({ email, password }).toString(),
      redirect: "manual",
    });
  const flood = await Promise.all(
    Array.from({ length: 30 }, () => post(ACCOUNTS.organiser.email, "pas le bon mot de passe")),
  );
  const statuses = flood.map((response) => response.status);
  const reachedCheck = statuses.filter((status) => status === 401).length;
  console.log(
    `concurrent login: ${reachedCheck} of 30 reached the password check, ${statuses.filter((s) => s === 429).length} throttled`,
  );
  expect(reachedCheck).toBeLessThanOrEqual(5);
  expect(statuses.filter((status) => status !== 401 && status !== 429)).toEqual([]);
  const throttled = flood.find((response) => response.status === 429)!;
  expect(Number(throttled.headers.get("Retry-After"))).toBeGreaterThan(0);
  expect(await throttled.text()).toContain("Trop de tentatives de connexion");

  // The organiser's own browser logged in earlier (beforeAll) and carries its device cookie.
  const known = await post(ACCOUNTS.organiser.email, ACCOUNTS.organiser.password, cookies.organiser);
  expect(known.status).toBe(302);

  // A flood of other accounts' failures from this address does not lock out someone who knows their password.
  await Promise.all(Array.from({ length: 40 }, (_, i) => post(`inconnu${i}@example.org`, "devine")));
  expect((await post(ACCOUNTS.reviewer.email, ACCOUNTS.reviewer.password)).status).toBe(302);
});

test("private pages keep their protective headers under every spelling of their URL", async () => {
  const registration = `/inscription/${params["token"]}`;
  const contribution = `/contribution/${params["contributionToken"]}`;
  const privateUrls = [registration, `${registration}/donnees.json`, `${registration}/invitation.ics`, contribution];
  const spellings = (url: string): string[] => {
    const [, first, ...rest] = url.split("/");
    const tail = rest.join("/");
    return [
      url,
      `/${first!.toUpperCase()}/${tail}`,
      `/${first![0]!.toUpperCase()}${first!.slice(1)}/${tail}`,
      `/%${first!.charCodeAt(0).toString(16)}${first!.slice(1)}/${tail}`,
      `/%${first!.charCodeAt(0).toString(16).toUpperCase()}${first!.slice(1).toUpperCase()}/${tail}`,
      `//${first}/${tail}`,
      `/./${first}/${tail}`,
      `/editions/%2e%2e/${first}/${tail}`,
      `/editions/..%2f${first}/${tail}`,
      `/${first}\\${tail}`,
      `/${first}/${tail}/`,
      `${url}?a=1`,
    ];
  };
  const failures: string[] = [];
  const check = async (url: string, cookie: string | undefined, expected: Record<string, string>) => {
    const response = await fetch(`${app.base}${url}`, {
      headers: cookie ? { Cookie: cookie } : {},
      redirect: "manual",
    });
    await response.arrayBuffer();
    if (response.status >= 300) return;
    for (const [name, value] of Object.entries(expected)) {
      if (!(response.headers.get(name) ?? "").includes(value))
        failures.push(`${url} (${response.status}): ${name} is « ${response.headers.get(name)} »`);
    }
  };
  let answered = 0;
  for (const url of privateUrls) {
    for (const spelling of spellings(url)) {
      answered++;
      await check(spelling, undefined, {
        "Cache-Control": "no-store",
        "Referrer-Policy": "no-referrer",
        "X-Robots-Tag": "noindex",
      });
    }
  }
  for (const url of [
    "/admin",
    "/admin/editions",
    `/admin/editions/${params["editionId"]}/inscriptions`,
    "/admin/courriels",
  ]) {
    for (const spelling of spellings(url.length > 6 ? url : "/admin/")) {
      answered++;
      await check(spelling, cookies.admin, { "Cache-Control": "no-store" });
    }
  }
  expect(answered).toBeGreaterThan(80);
  expect(failures).toEqual([]);
});

test("the lost-link form answers a known and an unknown address exactly alike (docs/decisions/013)", async () => {
  const ask = async (email: string) => {
    const response = await fetch(`${app.base}/editions/${params["slug"]}/inscription/lien`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email }).toString(),
      redirect: "manual",
    });
    return { status: response.status, location: response.headers.get("Location"), body: await response.text() };
  };
  expect(await ask("awa.fuzz@example.org")).toEqual(await ask("personne.inconnue@example.org"));
});
