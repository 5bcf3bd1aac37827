import { expect, test } from "@playwright/test";
import { checkPage, visit } from "./support.ts";

const DEMO = { email: "demo@siao95.example", password: "demo-cts-95-2025" };

test.describe("an organiser", () => {
  test("is sent to the login page, logs in, reaches the back-office and logs out", async ({ page }) => {
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin\/connexion\?redirectTo=%2Fadmin/);
    await checkPage(page);

    await page.getByLabel("Adresse e-mail").fill(DEMO.email);
    await page.getByLabel("Mot de passe").fill(DEMO.password);
    await page.getByRole("button", { name: "Se connecter" }).click();

    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Bonjour");
    await checkPage(page);

    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await expect(page).toHaveURL(/\/admin\/connexion$/);
    await expect(page.getByRole("status")).toContainText("déconnecté");
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin\/connexion/);
  });

  test("gets one message for a wrong password, next to the form, and the fields stay labelled", async ({ page }) => {
    await visit(page, "/admin/connexion");
    await page.getByLabel("Adresse e-mail").fill(DEMO.email);
    await page.getByLabel("Mot de passe").fill("mauvais mot de passe");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await expect(page.getByRole("alert")).toHaveText("Adresse e-mail ou mot de passe incorrect.");
    await checkPage(page);
  });

  test("without JavaScript, sees field errors linked to the fields", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const response = await page.request.post(`${baseURL}/admin/connexion`, {
      form: { email: "pas-une-adresse", password: "" },
      headers: { Origin: baseURL! },
    });
    expect(response.status()).toBe(400);
    const html = await response.text();
    expect(html).toContain("Cette adresse e-mail n’est pas valide.");
    expect(html).toMatch(/aria-invalid="true"/);
    expect(html).toMatch(/aria-describedby="[^"]*email[^"]*"/);
    await context.close();
  });

  test("a form posted from another site is refused", async ({ request, baseURL }) => {
    const response = await request.post(`${baseURL}/admin/connexion`, {
      form: { email: DEMO.email, password: DEMO.password },
      headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
    });
    expect(response.status()).toBe(403);
  });
});
