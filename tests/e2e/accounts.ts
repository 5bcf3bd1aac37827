import { expect, type Page } from "@playwright/test";

export const ACCOUNTS = {
  admin: { email: "demo@siao95.example", password: "demo-cts-95-2025" },
  organiser: { email: "organisatrice@e2e.example", password: "organisatrice-e2e-95" },
  reviewer: { email: "relecteur@e2e.example", password: "relecteur-e2e-9500" },
  twoFactor: { email: "deux-facteurs@e2e.example", password: "deux-facteurs-e2e-95" },
} as const;

export async function loginAs(page: Page, who: keyof typeof ACCOUNTS): Promise<void> {
  await page.goto("/admin/connexion");
  await page.getByLabel("Adresse e-mail").fill(ACCOUNTS[who].email);
  await page.getByLabel("Mot de passe").fill(ACCOUNTS[who].password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/admin$/);
}
