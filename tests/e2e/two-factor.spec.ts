import { expect, test, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { ACCOUNTS, loginAs } from "./accounts.ts";
import { checkPage } from "./support.ts";

const who = ACCOUNTS.twoFactor;

/** What the person's authenticator app shows, `offsetSeconds` from now. */
function appCode(secret: string, offsetSeconds = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" });
  return totp.generate({ timestamp: Date.now() + offsetSeconds * 1000 });
}

async function passwordStep(page: Page): Promise<void> {
  await page.goto("/admin/connexion");
  await page.getByLabel("Adresse e-mail").fill(who.email);
  await page.getByLabel("Mot de passe").fill(who.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
}

test("an admin requires two-factor login, the person enrols with an authenticator app, then logs in with a code", async ({
  browser,
}) => {
  // Three people, two browsers, a dozen pages: more than the default 30 s on a busy machine.
  test.setTimeout(90_000);
  // The admin requires it for the account.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await loginAs(admin, "admin");
  await admin.goto("/admin/utilisateurs");
  await admin.getByRole("link", { name: "Compte à double authentification" }).click();
  await admin.getByRole("button", { name: "Exiger la double authentification" }).click();
  await expect(admin.getByRole("status")).toContainText("désormais exigée");
  await checkPage(admin);

  // At their next login, every back-office page leads to the enrolment page.
  const context = await browser.newContext();
  const page = await context.newPage();
  await passwordStep(page);
  await expect(page).toHaveURL(/\/admin\/double-authentification$/);
  await page.goto("/admin/editions");
  await expect(page).toHaveURL(/\/admin\/double-authentification$/);
  await expect(page.getByRole("alert")).toContainText("L’équipe d’administration exige la double authentification");
  await page.getByRole("button", { name: "Activer la double authentification" }).click();
  await expect(page.getByRole("img", { name: /Code QR/ })).toBeVisible();
  await checkPage(page);
  const secret = (await page.locator(".totp-secret").innerText()).replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  // A wrong code is refused next to the field, then the right one enables it.
  await page.getByLabel("Code à six chiffres affiché par l’application").fill("12345");
  await page.getByRole("button", { name: "Activer", exact: true }).click();
  const field = page.getByLabel("Code à six chiffres affiché par l’application");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator(`#${await field.getAttribute("aria-describedby")}`)).toContainText("six chiffres");
  await field.fill(appCode(secret));
  await page.getByRole("button", { name: "Activer", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("La double authentification est activée");
  await page.goto("/admin/editions");
  await expect(page).toHaveURL(/\/admin\/editions$/);
  await page.getByRole("button", { name: "Se déconnecter" }).click();

  // The password alone no longer opens a session.
  await passwordStep(page);
  await expect(page).toHaveURL(/\/admin\/connexion\/code/);
  await checkPage(page);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/connexion/);
  await passwordStep(page);
  await page.getByLabel("Code à six chiffres").fill("000000");
  await page.getByRole("button", { name: "Valider" }).click();
  await expect(page.getByText("Ce code n’est pas valide ou a déjà servi.")).toBeVisible();
  // The code of the next 30-second step: the current one was used to enrol, and is never accepted twice.
  await page.getByLabel("Code à six chiffres").fill(appCode(secret, 30));
  await page.getByRole("button", { name: "Valider" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await context.close();

  // Phone lost: the admin resets it.
  await admin.reload();
  await admin.getByRole("button", { name: "Réinitialiser (téléphone perdu)" }).click();
  await expect(admin.getByRole("status")).toContainText("Double authentification réinitialisée");
  await admin.getByRole("button", { name: "Ne plus l’exiger" }).click();
  await expect(admin.getByRole("status")).toContainText("n’est plus exigée");
  await adminContext.close();
});
