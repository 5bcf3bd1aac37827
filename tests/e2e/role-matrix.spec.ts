import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { ACCOUNTS } from "./accounts.ts";

type Role = keyof typeof ACCOUNTS | "anonymous";
type Expectation = "ok" | "login" | "forbidden";

const ORGANISERS: Role[] = ["admin", "organiser"];
const EVERYONE: Role[] = ["admin", "organiser", "reviewer"];
const ADMINS: Role[] = ["admin"];

async function contextFor(role: Role, baseURL: string): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL });
  if (role !== "anonymous") {
    const response = await context.post("/admin/connexion", {
      form: { email: ACCOUNTS[role].email, password: ACCOUNTS[role].password },
      maxRedirects: 0,
    });
    expect(response.status(), `login as ${role}`).toBe(302);
  }
  return context;
}

function expected(role: Role, allowed: Role[]): Expectation {
  if (role === "anonymous") return "login";
  return allowed.includes(role) ? "ok" : "forbidden";
}

async function firstId(context: APIRequestContext, url: string, pattern: RegExp): Promise<number> {
  const html = await (await context.get(url)).text();
  const match = pattern.exec(html);
  if (!match) throw new Error(`no id found on ${url}`);
  return Number(match[1]);
}

test.describe("who may open what in the back-office", () => {
  test("every role against every admin page and action, including ids of another edition", async ({ baseURL }) => {
    test.setTimeout(120_000);
    const admin = await contextFor("admin", baseURL!);
    // Ids that exist: the two test editions, one registration in each, an email, a user, a session.
    const editionA = await firstId(admin, "/admin/editions", /href="\/admin\/editions\/(\d+)">Édition de test</);
    const editionB = await firstId(admin, "/admin/editions", /href="\/admin\/editions\/(\d+)">Autre édition de test</);
    for (const [slug, email] of [
      ["edition-e2e", "matrice.a@example.org"],
      ["edition-e2e-autre", "matrice.b@example.org"],
    ]) {
      await admin.post(`/editions/${slug}/inscription`, {
        form: {
          firstName: "Matrice",
          lastName: "Test",
          email: email!,
          organisation: "Test",
          structureType: "autre",
          meal: "non",
          notice: "on",
        },
        maxRedirects: 0,
      });
    }
    const registrationB = await firstId(
      admin,
      `/admin/editions/${editionB}/inscriptions?q=matrice`,
      /name="registrationId" value="(\d+)"/,
    );
    // A contribution to the demo edition, whose call is open (edition A has none).
    const demo = await firstId(
      admin,
      "/admin/editions",
      /href="\/admin\/editions\/(\d+)">Santé mentale et grande précarité</,
    );
    const demoSlug = /href="\/editions\/(cts-sante-mentale-\d+)"/.exec(
      await (await admin.get("/editions")).text(),
    )![1]!;
    const submitted = await admin.post(`/editions/${demoSlug}/contribuer`, {
      form: {
        name: "Matrice Test",
        email: "matrice.contribution@example.org",
        role: "test",
        organisation: "Test",
        title: "Matrice des rôles",
        abstract: "Test.",
        format: "atelier",
        notice: "on",
      },
      maxRedirects: 0,
    });
    expect(submitted.status(), "contribution submitted").toBe(303);
    const contributionId = await firstId(
      admin,
      `/admin/editions/${demo}/contributions`,
      new RegExp(`href="/admin/editions/${demo}/contributions/(\\d+)"[^>]*>Matrice des rôles<`),
    );
    const emailId = await firstId(admin, "/admin/courriels", /href="\/admin\/courriels\/(\d+)"/);
    const userId = await firstId(admin, "/admin/utilisateurs", /href="\/admin\/utilisateurs\/(\d+)"/);

    const pages: Array<[string, Role[]]> = [
      ["/admin", EVERYONE],
      ["/admin/mot-de-passe", EVERYONE],
      ["/admin/double-authentification", EVERYONE],
      ["/admin/editions", ORGANISERS],
      ["/admin/editions/nouvelle", ORGANISERS],
      [`/admin/editions/${editionA}`, ORGANISERS],
      [`/admin/editions/${editionA}/modifier`, ORGANISERS],
      [`/admin/editions/${editionA}/programme`, ORGANISERS],
      [`/admin/editions/${editionA}/inscriptions`, ORGANISERS],
      [`/admin/editions/${editionA}/accueil`, ORGANISERS],
      [`/admin/editions/${editionA}/messages`, ORGANISERS],
      [`/admin/editions/${editionA}/inscriptions.csv`, ORGANISERS],
      [`/admin/editions/${editionA}/emargement`, ORGANISERS],
      [`/admin/editions/${editionA}/badges.pdf`, ORGANISERS],
      [`/admin/editions/${editionA}/attestations`, ORGANISERS],
      [`/admin/editions/${editionA}/attestations.pdf`, ORGANISERS],
      // After the day: survey results (and their CSV) and the participants' list are the organisers'.
      [`/admin/editions/${editionA}/questionnaire`, ORGANISERS],
      [`/admin/editions/${editionA}/questionnaire.csv`, ORGANISERS],
      [`/admin/editions/${editionA}/reseau`, ORGANISERS],
      // Reviewers open the contributions tab and its pages, and nothing else of an edition.
      [`/admin/editions/${editionA}/contributions`, EVERYONE],
      [`/admin/editions/${demo}/contributions`, EVERYONE],
      [`/admin/editions/${demo}/contributions?statut=submitted&format=atelier&seance=aucune`, EVERYONE],
      [`/admin/editions/${demo}/contributions/${contributionId}`, EVERYONE],
      ["/admin/personnes", ORGANISERS],
      ["/admin/courriels", ORGANISERS],
      [`/admin/courriels/${emailId}`, ORGANISERS],
      [`/admin/courriels/${emailId}/apercu`, ORGANISERS],
      ["/admin/utilisateurs", ADMINS],
      ["/admin/utilisateurs/nouveau", ADMINS],
      [`/admin/utilisateurs/${userId}`, ADMINS],
      ["/admin/journal", ADMINS],
    ];
    // Empty posts: an allowed role gets past the role check and is told the form is incomplete (4xx, not 403).
    const actions: Array<[string, Role[]]> = [
      ["/admin/editions/nouvelle", ORGANISERS],
      // The overview is an index route: its forms post to ?index.
      [`/admin/editions/${editionA}?index`, ORGANISERS],
      [`/admin/editions/${editionA}/modifier`, ORGANISERS],
      [`/admin/editions/${editionA}/programme`, ORGANISERS],
      [`/admin/editions/${editionA}/inscriptions`, ORGANISERS],
      [`/admin/editions/${editionA}/accueil`, ORGANISERS],
      [`/admin/editions/${editionA}/messages`, ORGANISERS],
      [`/admin/editions/${editionA}/attestations`, ORGANISERS],
      [`/admin/editions/${editionA}/questionnaire`, ORGANISERS],
      // « Notifier toutes les décisions » is the organisers'; scoring is everyone's.
      [`/admin/editions/${demo}/contributions`, ORGANISERS],
      [`/admin/editions/${demo}/contributions/${contributionId}`, EVERYONE],
      ["/admin/personnes", ORGANISERS],
      ["/admin/utilisateurs/nouveau", ADMINS],
      [`/admin/utilisateurs/${userId}`, ADMINS],
      ["/admin/mot-de-passe", EVERYONE],
      ["/admin/double-authentification", EVERYONE],
    ];

    const failures: string[] = [];
    for (const role of ["anonymous", "reviewer", "organiser", "admin"] as const) {
      const context = role === "admin" ? admin : await contextFor(role, baseURL!);
      for (const [url, allowed] of pages) {
        const response = await context.get(url, { maxRedirects: 0 });
        const want = expected(role, allowed);
        const got =
          response.status() === 302 && (response.headers()["location"] ?? "").startsWith("/admin/connexion")
            ? "login"
            : response.status() === 403
              ? "forbidden"
              : response.status() === 200
                ? "ok"
                : `status ${response.status()}`;
        if (got !== want) failures.push(`GET ${url} as ${role}: expected ${want}, got ${got}`);
      }
      for (const [url, allowed] of actions) {
        const response = await context.post(url, { form: {}, maxRedirects: 0 });
        const want = expected(role, allowed);
        const status = response.status();
        const got =
          status === 302 && (response.headers()["location"] ?? "").startsWith("/admin/connexion")
            ? "login"
            : status === 403
              ? "forbidden"
              : status >= 400 && status < 500
                ? "ok"
                : `status ${status}`;
        if (got !== want) failures.push(`POST ${url} as ${role}: expected ${want}, got ${got}`);
      }
      if (role !== "admin") await context.dispose();
    }
    expect(failures).toEqual([]);

    // IDOR: the URL says edition A, the id belongs to edition B. Nothing happens to it.
    const organiser = await contextFor("organiser", baseURL!);
    for (const [url, form] of [
      [`/admin/editions/${editionA}/inscriptions`, { intent: "cancel", registrationId: String(registrationB) }],
      [`/admin/editions/${editionA}/inscriptions`, { intent: "resend", registrationId: String(registrationB) }],
      [`/admin/editions/${editionA}/accueil`, { intent: "present", registrationId: String(registrationB) }],
      [`/admin/editions/${editionA}/attestations`, { intent: "issue", registrationId: String(registrationB) }],
      [`/admin/editions/${editionA}/attestations`, { intent: "regenerate", registrationId: String(registrationB) }],
      [`/admin/editions/${editionA}/attestations`, { intent: "revoke", registrationId: String(registrationB) }],
    ] as const) {
      const response = await organiser.post(url, { form, maxRedirects: 0 });
      expect(response.status(), `${url} ${form.intent} with another edition's registration`).toBe(404);
    }
    // A contribution of the demo edition, reached through edition A's URL: nothing happens to it.
    const decisions: Array<Record<string, string>> = [
      { intent: "accept", sessionId: "1" },
      { intent: "decline", message: "Non" },
      { intent: "lock" },
      { intent: "review", score: "3" },
    ];
    for (const form of decisions) {
      const response = await organiser.post(`/admin/editions/${editionA}/contributions/${contributionId}`, {
        form,
        maxRedirects: 0,
      });
      expect(response.status(), `${form.intent} of another edition's contribution`).toBe(404);
    }
    expect(
      (
        await organiser.get(`/admin/editions/${editionA}/contributions/${contributionId}`, { maxRedirects: 0 })
      ).status(),
    ).toBe(404);
    expect((await organiser.get(`/admin/editions/${demo}/contributions/abc`, { maxRedirects: 0 })).status()).toBe(404);
    const untouched = await (await organiser.get(`/admin/editions/${demo}/contributions/${contributionId}`)).text();
    expect(untouched).toContain("Aucun avis pour le moment.");
    expect(untouched).not.toContain("modification verrouillée");
    // A reviewer may score, never decide, lock or send the answers.
    const reviewer = await contextFor("reviewer", baseURL!);
    const organisersOnly: Array<[string, Record<string, string>]> = [
      [`/admin/editions/${demo}/contributions/${contributionId}`, { intent: "accept", sessionId: "1" }],
      [`/admin/editions/${demo}/contributions/${contributionId}`, { intent: "decline", message: "Non" }],
      [`/admin/editions/${demo}/contributions/${contributionId}`, { intent: "lock" }],
      [`/admin/editions/${demo}/contributions`, { intent: "notify" }],
      [`/admin/editions/${demo}/questionnaire`, { intent: "invite" }],
      [`/admin/editions/${demo}/questionnaire`, { intent: "closing", surveyClosesAt: "2020-01-01T00:00" }],
    ];
    for (const [url, form] of organisersOnly) {
      const response = await reviewer.post(url, { form, maxRedirects: 0 });
      expect(response.status(), `reviewer ${form.intent}`).toBe(403);
    }
    await reviewer.dispose();
    const stillThere = await (await organiser.get(`/admin/editions/${editionB}/inscriptions?q=matrice`)).text();
    expect(stillThere).toContain("Confirmée");
    expect(stillThere).not.toContain("présente");
    expect((await organiser.get("/admin/editions/999999", { maxRedirects: 0 })).status()).toBe(404);
    expect((await organiser.get("/admin/editions/abc/inscriptions", { maxRedirects: 0 })).status()).toBe(404);
    await organiser.dispose();
    await admin.dispose();
  });
});
