import { expect, test, type Page } from "@playwright/test";
import { loginAs } from "./accounts.ts";
import { checkPage, fillRegistrationForm, followLink, openEmail, visit } from "./support.ts";

/** The private link in that email. */
async function privateLinkFromBackOffice(page: Page, address: string, subject: RegExp): Promise<string> {
  const text = await openEmail(page, address, subject);
  const match = /http:\/\/localhost:\d+(\/inscription\/[A-Za-z0-9_-]{22})/.exec(text);
  expect(match, "private link in the email").not.toBeNull();
  return match![1]!;
}

/** The people of this spec are all « éducatrice » at the default organisation. */
function fillAsEducatrice(page: Page, first: string, last: string, email: string) {
  return fillRegistrationForm(page, { first, last, email, role: "éducatrice" });
}

test.describe("registering for an edition", () => {
  test("register, read the email in the back-office, follow the private link, cancel, and see the next person promoted", async ({
    page,
    browser,
  }) => {
    test.setTimeout(120_000);
    await followLink(page, "S’inscrire", "/editions/edition-e2e");
    await expect(page.getByText("1 place disponible.")).toBeVisible();
    await fillAsEducatrice(page, "Awa", "Diallo", "awa.diallo@example.org");
    await page.getByRole("button", { name: "Je m’inscris" }).click();
    await expect(page).toHaveURL(/\/inscription\/[A-Za-z0-9_-]{22}$/);
    await expect(page.getByRole("status").filter({ hasText: "Merci Awa" })).toBeVisible();
    await expect(page.getByText("Votre place est confirmée.")).toBeVisible();
    await checkPage(page);

    // The second person lands on the waiting list, without JavaScript.
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const other = await noScript.newPage();
    await other.goto("/editions/edition-e2e/inscription");
    await expect(other.getByText("Toutes les places sont prises")).toBeVisible();
    await fillAsEducatrice(other, "Bruno", "Martin", "bruno.martin@example.org");
    await other.getByRole("button", { name: "Rejoindre la liste d’attente" }).click();
    await expect(other).toHaveURL(/\/inscription\/[A-Za-z0-9_-]{22}$/);
    await expect(other.getByText("Vous êtes en 1re position sur la liste d’attente.")).toBeVisible();
    // The welcome travels in a one-time cookie, not in the address: a reload does not show it again.
    const welcome = other.getByRole("status").filter({ hasText: "Merci Bruno" });
    await expect(welcome).toHaveCount(1);
    await other.reload();
    await expect(other.getByText("Vous êtes en 1re position sur la liste d’attente.")).toBeVisible();
    await expect(welcome).toHaveCount(0);
    const brunoPage = other.url().replace(/\?.*$/, "");

    // The organiser reads Awa's confirmation in the captured mailbox.
    await loginAs(page, "admin");
    const awaLink = await privateLinkFromBackOffice(page, "awa.diallo@example.org", /Inscription confirmée/);
    await expect(page.locator("main")).toContainText("Invitation jointe (REQUEST)");

    // Awa cancels from her private link.
    const anonymous = await browser.newContext();
    const awa = await anonymous.newPage();
    await visit(awa, awaLink);
    await followLink(awa, "Me désinscrire");
    await awa.getByRole("button", { name: "Confirmer ma désinscription" }).click();
    await expect(awa.getByText("Votre désinscription est enregistrée.")).toBeVisible();
    await expect(awa.getByText("Cette inscription est annulée")).toBeVisible();

    // Bruno was promoted automatically and told so.
    await other.goto(brunoPage);
    await expect(other.getByText("Votre place est confirmée.")).toBeVisible();
    const brunoLink = await privateLinkFromBackOffice(page, "bruno.martin@example.org", /Une place s’est libérée/);
    expect(brunoPage.endsWith(brunoLink)).toBe(true);
    expect(await openEmail(page, "awa.diallo@example.org", /Désinscription confirmée/)).toContain("est annulée");
    await expect(page.locator("main")).toContainText("Invitation jointe (CANCEL)");
    const preview = await page.request.get(page.url().replace(/\?.*$/, "") + "/apercu");
    expect(preview.headers()["content-security-policy"]).toContain("sandbox");
    expect(await preview.text()).toContain("Désinscription confirmée");

    await noScript.close();
    await anonymous.close();
  });

  test("a second registration with the same address is answered kindly", async ({ page }) => {
    await page.goto("/editions/edition-e2e/inscription");
    await fillAsEducatrice(page, "Bruno", "Martin", "BRUNO.MARTIN@example.org");
    await page.getByRole("button", { name: /Je m’inscris|Rejoindre la liste d’attente/ }).click();
    await expect(page).toHaveURL(/\/editions\/edition-e2e\/inscription$/);
    await expect(page.getByRole("status")).toContainText("Vous êtes déjà inscrit·e à cette édition");
    await checkPage(page);
  });

  test("the private page is not cached and leaks no referrer; a wrong link gets a French 404", async ({ request }) => {
    const wrong = await request.get("/inscription/AAAAAAAAAAAAAAAAAAAAAA");
    expect(wrong.status()).toBe(404);
    expect(wrong.headers()["cache-control"]).toBe("no-store");
    expect(wrong.headers()["referrer-policy"]).toBe("no-referrer");
    expect(await wrong.text()).toContain("Lien personnel invalide");
  });

  test("calendar feeds can be subscribed to", async ({ request }) => {
    const all = await request.get("/calendrier.ics");
    expect(all.headers()["content-type"]).toContain("text/calendar");
    const body = await all.text();
    expect(body).toContain("METHOD:PUBLISH");
    expect(body).toContain("Santé mentale et grande précarité");
    const one = await request.get("/editions/cts-aller-vers-2025/calendrier.ics");
    expect(await one.text()).toContain("SUMMARY:CTS SIAO 95 — L’aller-vers");
  });
});

test.describe("bad input on the registration form", () => {
  const valid = {
    firstName: "Chloé",
    lastName: "Bernard",
    email: "chloe.bernard@example.org",
    organisation: "CHRS Exemple",
    role: "",
    structureType: "hebergement",
    accessNeeds: "",
    meal: "non",
    notice: "on",
  };
  const cases: Array<[string, Record<string, string>, string, string]> = [
    ["an empty first name", { firstName: "" }, "firstName", "Indiquez votre prénom."],
    ["a first name that is too long", { firstName: "a".repeat(101) }, "firstName", "100\u00a0caractères au maximum."],
    ["an invalid email", { email: "pas-une-adresse" }, "email", "Cette adresse e-mail n’est pas valide"],
    [
      "an unknown structure type",
      { structureType: "licorne" },
      "structureType",
      "Choisissez un type de structure dans la liste.",
    ],
    [
      "a script tag in the organisation",
      { organisation: "<script>alert(1)</script>" },
      "organisation",
      "caractères non autorisés",
    ],
    ["no meal answer", { meal: "" }, "meal", "Indiquez si vous déjeunerez sur place."],
    ["the notice not acknowledged", { notice: "" }, "notice", "Confirmez que vous avez pris connaissance de la notice"],
  ];
  for (const [name, change, field, message] of cases) {
    test(`rejects ${name} with a French message next to the field`, async ({ request }) => {
      const response = await request.post("/editions/edition-e2e/inscription", { form: { ...valid, ...change } });
      expect(response.status()).toBe(400);
      const html = await response.text();
      expect(html).toContain(message);
      expect(html).not.toContain("<script>alert(1)</script>");
      const errorId = new RegExp(
        `<p id="([^"]+)" class="field__error">[^<]*${message.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`,
      );
      const id = errorId.exec(html)?.[1];
      expect(id, "error paragraph with an id").toBeDefined();
      expect(html).toMatch(new RegExp(`aria-describedby="[^"]*${id}[^"]*"`));
      expect(html).toContain(`name="${field}"`);
    });
  }

  test("refuses a form filled by a robot (honeypot) without registering anyone", async ({ request }) => {
    const response = await request.post("/editions/edition-e2e/inscription", {
      form: { ...valid, email: "robot@example.org", siteWeb: "http://spam.example" },
    });
    expect(response.status()).toBe(400);
    expect(await response.text()).toContain("Votre envoi n’a pas pu être accepté.");
  });

  test("refuses a registration to a past edition with an explanation", async ({ request, page }) => {
    const response = await request.post("/editions/cts-aller-vers-2025/inscription", { form: valid });
    expect(response.status()).toBe(409);
    await visit(page, "/editions/cts-aller-vers-2025/inscription");
    await expect(page.locator("main")).toContainText("Cette édition a déjà eu lieu.");
    await expect(page.getByRole("button", { name: "Je m’inscris" })).toHaveCount(0);
  });
});

test.describe("a form sent back with errors", () => {
  const REGISTRATION = "/editions/cts-sante-mentale-2027/inscription";
  const NOTICE = "J’ai pris connaissance de la notice d’information ci-dessus.";

  test("the registration form names its only error in a summary on the first screen, linked to the field, and in the title", async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(REGISTRATION);
    await expect(page).toHaveTitle(/^Inscription — /);
    await expect(page.locator(".error-summary")).toHaveCount(0);
    await fillRegistrationForm(page, { first: "Nadia", last: "Oubli", email: "nadia.oubli@example.org" });
    await page.getByLabel(NOTICE).uncheck();
    await page.getByRole("button", { name: /Je m’inscris|Rejoindre la liste d’attente/ }).click();

    await expect(page).toHaveTitle(/^Erreur\u00a0: Inscription — /);
    await expect(page.locator("title")).toHaveCount(1);
    const summary = page.locator(".error-summary");
    await expect(summary.getByRole("heading")).toHaveText("Le formulaire contient 1\u00a0erreur");
    await expect(summary).toBeInViewport();
    const links = summary.getByRole("link");
    await expect(links).toHaveCount(1);
    await expect(links).toContainText("Confirmez que vous avez pris connaissance de la notice d’information.");
    await expect(links).toContainText("J’ai pris connaissance de la notice d’information ci-dessus\u00a0: Confirmez");
    const checkbox = page.getByLabel(NOTICE);
    expect(await links.getAttribute("href")).toBe(`#${await checkbox.getAttribute("id")}`);
    await links.click();
    await expect(checkbox).toBeFocused();
    await context.close();
  });

  test("the team form names each error of the second person, in the order of the form", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${REGISTRATION}/equipe`);
    await page.getByRole("textbox", { name: /^Structure/ }).fill("Foyer des Tilleuls");
    await page.getByLabel("Type de structure").selectOption({ label: "Hébergement" });
    const first = page.getByRole("group", { name: "Personne 1" });
    await first.getByLabel("Prénom").fill("Inès");
    await first.getByLabel("Nom", { exact: true }).fill("Complète");
    await first.getByLabel("Adresse e-mail").fill("ines.complete@example.org");
    const second = page.getByRole("group", { name: "Personne 2" });
    await second.getByLabel("Prénom").fill("Jules");
    await second.getByLabel("Adresse e-mail").fill("pas-une-adresse");
    await page.getByLabel(/J’ai pris connaissance de la notice d’information/).check();
    await page.getByRole("button", { name: "Inscrire ces personnes" }).click();

    await expect(page).toHaveTitle(/^Erreur\u00a0: Inscrire une équipe — /);
    await expect(page.locator("title")).toHaveCount(1);
    const summary = page.locator(".error-summary");
    await expect(summary.getByRole("heading")).toHaveText("Le formulaire contient 2\u00a0erreurs");
    await expect(summary).toBeInViewport();
    const links = summary.getByRole("link");
    await expect(links).toHaveText([
      "Personne 2, nom\u00a0: Indiquez son nom.",
      /^Personne 2, adresse e-mail\u00a0: Cette adresse e-mail n’est pas valide/,
    ]);
    const email = second.getByLabel("Adresse e-mail");
    const href = (await links.nth(1).getAttribute("href"))!;
    expect(decodeURIComponent(href.slice(1))).toBe(await email.getAttribute("id"));
    await links.nth(1).click();
    await expect(email).toBeFocused();
    await context.close();
  });

  test("with JavaScript, the first invalid field keeps the focus, the summary shows, and the page passes axe", async ({
    page,
  }) => {
    await visit(page, REGISTRATION);
    await fillRegistrationForm(page, { first: "Nadia", last: "Oubli", email: "nadia.oubli@example.org" });
    await page.getByLabel(NOTICE).uncheck();
    await page.getByRole("button", { name: /Je m’inscris|Rejoindre la liste d’attente/ }).click();
    await expect(page.getByLabel(NOTICE)).toBeFocused();
    await expect(page.locator(".error-summary").getByRole("link")).toHaveCount(1);
    await expect(page).toHaveTitle(/^Erreur\u00a0: Inscription — /);
    await expect(page.locator("title")).toHaveCount(1);
    await checkPage(page);
  });
});
