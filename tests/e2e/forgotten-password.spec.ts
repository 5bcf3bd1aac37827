import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { checkPage, visit } from "./support.ts";
import { e2eDatabasePath } from "./database.ts";

// Seeded by tests/e2e/seed-extra.ts (E2E_ACCOUNTS.forgetful), for this test alone.
const ACCOUNT = { email: "oubli@e2e.example" };
const NEW_PASSWORD = "une phrase toute neuve pour la relecture";

/** The link of the last « Mot de passe oublié ? » email to an address, read from the outbox as its recipient would. */
function linkEmailedTo(address: string): string | null {
  const db = new Database(e2eDatabasePath(), { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare("select text from emails where to_address = ? and kind = 'account.password_forgotten' order by id desc")
      .get(address) as { text: string } | undefined;
    return /\/admin\/invitation\/[A-Za-z0-9_-]+/.exec(row?.text ?? "")?.[0] ?? null;
  } finally {
    db.close();
  }
}

test("a reviewer who forgot the password gets a link by email, chooses a new one, and logs in with it", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await visit(page, "/admin/connexion");
  await page.getByRole("link", { name: "Mot de passe oublié\u00a0?" }).click();
  await expect(page).toHaveURL(/\/admin\/mot-de-passe-oublie$/);
  await checkPage(page);

  // An address without an account gets the same words, and no email.
  await page.getByLabel("Adresse e-mail").fill("personne@e2e.example");
  await page.getByRole("button", { name: "Recevoir le lien" }).click();
  const answer = await page.getByRole("status").innerText();
  expect(answer).toContain("Si un compte actif existe pour cette adresse");
  expect(linkEmailedTo("personne@e2e.example")).toBeNull();

  await page.getByLabel("Adresse e-mail").fill(ACCOUNT.email);
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === "POST"),
    page.getByRole("button", { name: "Recevoir le lien" }).click(),
  ]);
  await expect(page.getByRole("status")).toHaveText(answer);
  // The email is queued as data; its text exists once the mail worker has rendered it (decision 024).
  await expect.poll(() => linkEmailedTo(ACCOUNT.email), { timeout: 20_000 }).not.toBeNull();
  const link = linkEmailedTo(ACCOUNT.email);

  await visit(page, link!);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Choisir un nouveau mot de passe");
  await page.getByLabel(/^Mot de passe/).fill(NEW_PASSWORD);
  await page.getByLabel("Le même mot de passe, une seconde fois").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Enregistrer mon mot de passe" }).click();
  await expect(page).toHaveURL(/\/admin\/connexion$/);
  await expect(page.getByRole("status")).toContainText("Votre mot de passe est enregistré.");

  await page.getByLabel("Adresse e-mail").fill(ACCOUNT.email);
  await page.getByLabel("Mot de passe").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).not.toHaveURL(/\/admin\/connexion/);
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible();

  // The link served once.
  const again = await page.goto(link!);
  expect(again?.status()).toBe(410);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lien déjà utilisé");
});
