import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { loginAs } from "./accounts.ts";
import { e2eDatabasePath } from "./database.ts";
import { checkPage } from "./support.ts";

/** Private links of people the e2e seed registered a month ago (tests/e2e/seed-extra.ts). */
function seededLinks(): Record<string, string> {
  return JSON.parse(
    fs.readFileSync(path.join(path.dirname(e2eDatabasePath()), "e2e-private-links.json"), "utf8"),
  ) as Record<string, string>;
}

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

test("on a phone, the code from the private page, typed loosely, checks the person in", async ({
  page,
  browser,
  baseURL,
}) => {
  // The participant's own page shows the code under its QR code.
  await page.goto(seededLinks().code!);
  const section = page.getByRole("region", { name: "Code d’accueil" });
  await expect(section.getByRole("img", { name: /QR code du code d’accueil/ })).toBeVisible();
  const shown = (await section.locator("strong").textContent())!.trim();
  expect(shown).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await checkPage(page);

  await loginAs(page, "organiser");
  await page.goto("/admin/editions");
  await page.getByRole("link", { name: "Journée de test de l’accueil par code", exact: true }).click();
  await page.getByRole("link", { name: "Accueil du jour J" }).click();
  const counts = page.locator(".check-in__counts");
  await expect(counts).toContainText("0 personne présente sur 1 inscription");
  const field = page.getByRole("textbox", { name: "Code d’accueil" });
  // Chromium on Linux has no BarcodeDetector: the camera button is not offered, typing is.
  await expect(page.getByRole("button", { name: "Scanner le QR code" })).toHaveCount(0);
  const box = (await page.getByRole("button", { name: "Pointer", exact: true }).boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(44);

  // A wrong code: the message is next to the field, tied to it, and nobody is checked in.
  await field.fill("ABCD-EFGH");
  await page.getByRole("button", { name: "Pointer", exact: true }).tap();
  await expect(page.getByRole("alert")).toContainText("Aucune inscription de cette édition ne porte ce code");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAttribute("aria-describedby", /code-accueil-erreur/);
  await checkPage(page);
  await expect(counts).toContainText("0 personne présente sur 1 inscription");

  // The right one, in lower case with a space instead of the dash.
  await field.fill(shown.toLowerCase().replace("-", " "));
  await page.getByRole("button", { name: "Pointer", exact: true }).tap();
  await expect(page.getByRole("status").filter({ hasText: "Présent·e" })).toContainText("Noé SCANNÉ");
  await expect(counts).toContainText("1 personne présente sur 1 inscription");
  await expect(page.getByRole("listitem").filter({ hasText: "SCANNÉ" })).toContainText("Présent·e depuis");
  await expect(field).toHaveValue("");
  await checkPage(page);

  // Without JavaScript the same form posts and the page answers, refusal and success alike.
  const bare = await browser.newContext({ javaScriptEnabled: false, baseURL, viewport: { width: 390, height: 844 } });
  const plain = await bare.newPage();
  await loginAs(plain, "organiser");
  await plain.goto(new URL(page.url()).pathname);
  const plainField = plain.getByRole("textbox", { name: "Code d’accueil" });
  await plainField.fill("k7qm");
  await plain.getByRole("button", { name: "Pointer", exact: true }).click();
  await expect(plain.getByRole("alert")).toContainText("Code d’accueil invalide");
  await plain.getByRole("textbox", { name: "Code d’accueil" }).fill(shown);
  await plain.getByRole("button", { name: "Pointer", exact: true }).click();
  await expect(plain.getByRole("status").filter({ hasText: "Déjà pointé·e" })).toContainText("Noé SCANNÉ");
  await bare.close();
});
