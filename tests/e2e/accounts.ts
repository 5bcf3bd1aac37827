import { expect, test, type Cookie, type Page } from "@playwright/test";
import { visit } from "./support.ts";

export const ACCOUNTS = {
  admin: { email: "demo@siao95.example", password: "demo-cts-95-2025" },
  organiser: { email: "organisatrice@e2e.example", password: "organisatrice-e2e-95" },
  reviewer: { email: "relecteur@e2e.example", password: "relecteur-e2e-9500" },
  twoFactor: { email: "deux-facteurs@e2e.example", password: "deux-facteurs-e2e-95" },
} as const;

// The login form itself is tested by auth.spec.ts; the other specs only need a session. Each
// worker fills the form once per account and app, then hands the session cookie to later tests.
const sessions = new Map<string, Cookie>();

/** Signs in as `who`, then opens (and checks) the page at `url`. */
export async function loginTo(page: Page, who: keyof typeof ACCOUNTS, url: string): Promise<void> {
  await loginAs(page, who);
  await visit(page, url);
}

export async function loginAs(page: Page, who: keyof typeof ACCOUNTS): Promise<void> {
  const key = `${test.info().project.name} ${who}`;
  const saved = sessions.get(key);
  if (saved) {
    await page.context().addCookies([saved]);
    await page.goto("/admin");
    // A session that ended meanwhile (a logout, a password change) sends to the login page.
    if (new URL(page.url()).pathname === "/admin") return;
  }
  await page.goto("/admin/connexion");
  await page.getByLabel("Adresse e-mail").fill(ACCOUNTS[who].email);
  await page.getByLabel("Mot de passe").fill(ACCOUNTS[who].password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  const session = (await page.context().cookies()).find((cookie) => cookie.name.endsWith("cts_session"));
  if (session) sessions.set(key, session);
}
