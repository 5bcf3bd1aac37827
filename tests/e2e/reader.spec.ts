import { expect, test } from "@playwright/test";
import { checkPage, visit } from "./support.ts";

test.describe("a reader", () => {
  test("finds the next edition and the past ones from the home page", async ({ page }) => {
    await visit(page, "/");
    await expect(page).toHaveTitle(/Coordinations territoriales semestrielles/);
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    const next = page.getByRole("region", { name: "Santé mentale et grande précarité" });
    await expect(next).toContainText("Prochaine édition");
    // The most recent past editions (the suite's own test days come before the 2025 one), and the way to all.
    const past = page.getByRole("region", { name: "Éditions passées" });
    await expect(past.getByRole("article").first()).toBeVisible();
    await past.getByRole("link", { name: "Toutes les éditions" }).click();
    await expect(page.getByRole("link", { name: "L’aller-vers", exact: true })).toBeVisible();
  });

  test("lists upcoming and past editions", async ({ page }) => {
    await visit(page, "/editions");
    const upcoming = page.getByRole("region", { name: "À venir" });
    const past = page.getByRole("region", { name: "Passées" });
    await expect(upcoming.getByRole("link", { name: "Santé mentale et grande précarité" })).toBeVisible();
    await expect(past.getByRole("link", { name: "L’aller-vers" })).toBeVisible();
    await expect(past).toContainText("jeudi 16 octobre 2025");
  });

  test("reads the aller-vers edition with its full programme", async ({ page }) => {
    const policyViolations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) policyViolations.push(message.text());
    });
    await visit(page, "/editions");
    await page.getByRole("link", { name: "L’aller-vers", exact: true }).first().click();
    await expect(page).toHaveURL(/\/editions\/cts-aller-vers-2025$/);
    await checkPage(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("L’aller-vers");
    await expect(page.locator("main")).toContainText("Maison Pour Tous, 95190 Goussainville");
    // An edition page is read as plain HTML: every partner opens it, most on a phone.
    await expect(page.locator("script")).toHaveCount(0);
    await expect(page.locator('link[rel="modulepreload"]')).toHaveCount(0);
    // The stylesheet is inlined: the policy lets it apply, and nothing else is needed to paint.
    await expect(page.locator('link[rel="stylesheet"]')).toHaveCount(0);
    expect(await page.locator("body").evaluate((body) => getComputedStyle(body).display)).toBe("flex");
    expect(policyViolations).toEqual([]);
    await expect(page.locator("main")).toContainText("date donnée à titre d’exemple");

    const programme = page.getByRole("region", { name: "Programme" });
    const titles = await programme.getByRole("heading", { level: 3 }).allInnerTexts();
    expect(titles[1]).toBe("Mots d’ouverture");
    expect(titles.filter((t) => t.startsWith("Table ronde"))).toHaveLength(2);

    const opening = programme.getByRole("list", { name: /Mots d’ouverture/ });
    await expect(opening.getByRole("listitem")).toHaveText([
      /Mme CHARENTON — adjointe au maire .* Ville de Goussainville/,
      /Mme PELISSIER — directrice, SIAO 95/,
    ]);
    await expect(programme.getByRole("list", { name: /une histoire sociale/ })).toContainText(
      "Mathilde SEMPÉ — doctorante en sociologie, Université de Versailles Saint-Quentin-en-Yvelines",
    );
    const second = programme.getByRole("list", { name: /droit commun/ });
    await expect(second.getByRole("listitem")).toHaveCount(8);
    await expect(second.getByRole("listitem").first()).toContainText("Katty MUHEL");
    await expect(second.getByRole("listitem").last()).toContainText(
      "Emilie DUVAL — responsable de la mission d’appui à l’encadrement des territoires EST, SSD",
    );
    await expect(programme).toContainText("9\u00a0h\u00a030");
  });

  test("sees the upcoming edition open for registration", async ({ page }) => {
    await visit(page, "/editions");
    await page.getByRole("link", { name: "Santé mentale et grande précarité" }).click();
    await checkPage(page);
    await expect(page.locator("main")).toContainText("Inscriptions ouvertes jusqu’au");
    // Out of 120: other specs may have registered people already.
    await expect(page.locator("main")).toContainText(/\d+\s+places restantes/);
    await expect(page.getByRole("link", { name: "S’inscrire", exact: true })).toBeVisible();
  });

  test("gets a French 404 page for an unknown address", async ({ page }) => {
    const response = await page.goto("/nimporte-quoi");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page introuvable");
    await checkPage(page);
    const missingEdition = await page.goto("/editions/n-existe-pas");
    expect(missingEdition?.status()).toBe(404);
  });

  test("reads every page without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    // axe-core needs scripts to run, so this page is scanned by the tests above, with them on.
    for (const url of ["/", "/admin/connexion", "/editions", "/editions/cts-aller-vers-2025"]) {
      const response = await page.goto(url);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    }
    await expect(page.getByRole("heading", { name: "Programme" })).toBeVisible();
    await expect(page.getByRole("list", { name: /droit commun/ }).getByRole("listitem")).toHaveCount(8);
    await context.close();
  });
});
