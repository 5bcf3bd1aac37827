import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import routes from "#app/routes.ts";
import { ACCOUNTS } from "./accounts.ts";
import { e2eDatabasePath } from "./database.ts";

// The back-office's gate (docs/decisions/027) against every route app/routes.ts lists under
// /admin, new ones included: a visitor never gets past the session middleware, whatever the
// spelling of the request, and a reviewer gets 403 everywhere but the few pages that are theirs.

type RouteEntry = { path?: string; file: string; index?: boolean; children?: RouteEntry[] };
type AdminRoute = { pattern: string; file: string; index: boolean; hasLoader: boolean; hasAction: boolean };

function flatten(entries: RouteEntry[], parent = ""): Array<{ pattern: string; file: string; index: boolean }> {
  return entries.flatMap((entry) => {
    const own = entry.path === undefined ? parent : `${parent}/${entry.path}`.replace(/\/+/g, "/");
    const here =
      entry.path !== undefined || entry.index ? [{ pattern: own, file: entry.file, index: !!entry.index }] : [];
    return [...here, ...flatten(entry.children ?? [], own)];
  });
}

/** The pages one reaches before logging in, which keep their own checks. */
const LOGIN_PAGES = [
  "/admin/connexion",
  "/admin/connexion/code",
  "/admin/deconnexion",
  "/admin/invitation/:token",
  "/admin/mot-de-passe-oublie",
];

const ADMIN_ROUTES: AdminRoute[] = flatten(routes as RouteEntry[])
  .filter(({ pattern }) => pattern.startsWith("/admin") && !LOGIN_PAGES.includes(pattern))
  .map((route) => {
    const source = fs.readFileSync(path.join("app", route.file), "utf8");
    return {
      ...route,
      hasLoader: /export\s+(async\s+)?function\s+loader\b/.test(source),
      hasAction: /export\s+(async\s+)?function\s+action\b/.test(source),
    };
  });

/** What a reviewer may open (GET) and post to; every other back-office route answers them 403. */
const REVIEWER_PAGES = [
  "/admin",
  "/admin/mot-de-passe",
  "/admin/double-authentification",
  "/admin/editions/:editionId/contributions",
  "/admin/editions/:editionId/contributions/:contributionId",
];
const REVIEWER_POSTS = [
  "/admin/mot-de-passe",
  "/admin/double-authentification",
  "/admin/editions/:editionId/contributions/:contributionId",
];

function ids(): Record<string, string> {
  const db = new Database(e2eDatabasePath(), { readonly: true, fileMustExist: true });
  try {
    const one = (sql: string) => String((db.prepare(sql).get() as { v: unknown } | undefined)?.v ?? "1");
    return {
      editionId: one("select id as v from editions where slug = 'edition-e2e'"),
      contributionId: one("select id as v from contributions order by id limit 1"),
      articleId: one("select id as v from articles order by id limit 1"),
      dispositifId: one("select id as v from dispositifs order by id limit 1"),
      emailId: one("select id as v from emails order by id limit 1"),
      userId: one("select id as v from users where email = 'relecteur@e2e.example'"),
    };
  } finally {
    db.close();
  }
}

function url(route: AdminRoute, params: Record<string, string>, spelling: "page" | "data" | "post" = "page"): string {
  const filled = route.pattern.replace(/:(\w+)/g, (_, name: string) => params[name] ?? "1");
  if (spelling === "data") return `${filled}.data`;
  // An index route's forms post to ?index, or the post goes to its layout.
  return spelling === "post" && route.index ? `${filled}?index` : filled;
}

async function contextFor(who: "anonymous" | "reviewer", baseURL: string): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL });
  if (who === "reviewer") {
    const response = await context.post("/admin/connexion", {
      form: { email: ACCOUNTS.reviewer.email, password: ACCOUNTS.reviewer.password },
      maxRedirects: 0,
    });
    expect(response.status(), "login as reviewer").toBe(302);
  }
  return context;
}

/** A redirect to the login page, as a document answer or inside a data request's answer. */
async function sentToLogin(response: Awaited<ReturnType<APIRequestContext["get"]>>): Promise<boolean> {
  if (response.status() === 302)
    return (response.headers()["location"] ?? "").startsWith("/admin/connexion?redirectTo=");
  // A data request is answered 202 with the redirect encoded in its body, for the browser's router to follow.
  if (response.status() === 202) return (await response.text()).includes("/admin/connexion?redirectTo=");
  return false;
}

test("every back-office route: a visitor is sent to the login page, a reviewer is refused what is not theirs", async ({
  baseURL,
}) => {
  test.setTimeout(120_000);
  expect(ADMIN_ROUTES.length, "back-office routes found in app/routes.ts").toBeGreaterThan(40);
  // Files and previews are among them: they answer no page, and are gated all the same.
  for (const file of ["export-csv.ts", "badges.ts", "certificates-pdf.ts", "survey-csv.ts", "email-preview.ts"])
    expect(ADMIN_ROUTES.some((route) => route.file.endsWith(file))).toBe(true);
  const params = ids();
  const failures: string[] = [];

  const anonymous = await contextFor("anonymous", baseURL!);
  for (const route of ADMIN_ROUTES) {
    for (const spelling of ["page", "data"] as const) {
      const target = url(route, params, spelling);
      const response = await anonymous.get(target, { maxRedirects: 0 });
      if (!(await sentToLogin(response))) failures.push(`GET ${target} as a visitor: ${response.status()}`);
    }
    const target = url(route, params, "post");
    const posted = await anonymous.post(target, { form: { intent: "x" }, maxRedirects: 0 });
    // A route without an action may refuse the method before the gate; it never answers with data.
    const refused = route.hasAction
      ? await sentToLogin(posted)
      : (await sentToLogin(posted)) || posted.status() === 405;
    if (!refused) failures.push(`POST ${target} as a visitor: ${posted.status()}`);
  }
  // The login page is told where the visitor was going, without the data request's spelling.
  const data = await anonymous.get(`/admin/editions/${params["editionId"]}/inscriptions.data`, { maxRedirects: 0 });
  expect(await data.text()).toContain(
    `/admin/connexion?redirectTo=${encodeURIComponent(`/admin/editions/${params["editionId"]}/inscriptions`)}`,
  );
  await anonymous.dispose();

  const reviewer = await contextFor("reviewer", baseURL!);
  for (const route of ADMIN_ROUTES) {
    // The article preview only takes posts: a GET has nothing to answer, whoever asks.
    if (route.hasLoader && !REVIEWER_PAGES.includes(route.pattern)) {
      const target = url(route, params);
      const response = await reviewer.get(target, { maxRedirects: 0 });
      if (response.status() !== 403) failures.push(`GET ${target} as a reviewer: ${response.status()}`);
    }
    if (route.hasAction && !REVIEWER_POSTS.includes(route.pattern)) {
      const target = url(route, params, "post");
      const response = await reviewer.post(target, { form: { intent: "x" }, maxRedirects: 0 });
      if (response.status() !== 403) failures.push(`POST ${target} as a reviewer: ${response.status()}`);
    }
  }
  await reviewer.dispose();
  expect(failures).toEqual([]);
});
