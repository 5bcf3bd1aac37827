import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { loginAs } from "./accounts.ts";
import { countRows, e2eDatabasePath } from "./database.ts";
import { checkPage, visit } from "./support.ts";

/** Private links of people the e2e seed registered a month ago (tests/e2e/seed-extra.ts). */
function seededLinks(): Record<string, string> {
  return JSON.parse(
    fs.readFileSync(path.join(path.dirname(e2eDatabasePath()), "e2e-private-links.json"), "utf8"),
  ) as Record<string, string>;
}

test("once the edition has started, the private page shows presence and certificate, and no way to cancel", async ({
  page,
  baseURL,
}) => {
  // Chloé was checked in yesterday at « Édition tenue de test », which is now held.
  const link = seededLinks().tenue!;
  await visit(page, link);
  const main = page.locator("main");
  await expect(main).toContainText("Présence enregistrée.");
  await expect(page.getByRole("heading", { name: "Attestation de présence" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Télécharger mon attestation (PDF)" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Me désinscrire" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "S’inscrire à nouveau" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Enregistrer mes modifications" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /Liste des participants|Voir la liste/ })).toBeVisible();

  // The cancel page, reached by its address, says why instead of offering the button.
  await visit(page, `${link}/annulation`);
  await expect(page.getByRole("alert")).toHaveText(
    "L’édition a commencé\u00a0: il n’est plus possible de se désinscrire.",
  );
  await expect(page.getByRole("button", { name: "Confirmer ma désinscription" })).toHaveCount(0);

  // And the form posted directly, as an old tab or a script would: refused, nothing changes.
  const cancelledBefore = countRows("select count(*) as n from registrations where status = 'cancelled'");
  const response = await page.request.post(`${link}/annulation`, {
    form: { confirmer: "1" },
    headers: { Origin: baseURL! },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(409);
  expect(await response.text()).toContain("il n’est plus possible de se désinscrire");
  expect(countRows("select count(*) as n from registrations where status = 'cancelled'")).toBe(cancelledBefore);
  await visit(page, link);
  await expect(page.locator("main")).toContainText("Présence enregistrée.");
  await checkPage(page);

  // Erasing stays possible, and says the day's count keeps the anonymous presence.
  await visit(page, `${link}/effacement`);
  await expect(page.locator("main")).toContainText("reste comptée, sans votre nom");
  await expect(page.locator("main")).not.toContainText("Votre place sera libérée");
});

test("a walk-in needs no email address, and is refused once the day is over", async ({ page }) => {
  await loginAs(page, "organiser");
  await page.goto("/admin/editions");
  // It began yesterday morning: check-in time ended at midnight, and it is not held.
  await page.getByRole("link", { name: "Journée d’hier jamais clôturée", exact: true }).click();
  await page.getByRole("link", { name: "Accueil du jour J" }).click();
  await page.getByText("Inscrire une personne sur place").click();
  const before = countRows("select count(*) as n from registrations");
  await page.getByRole("textbox", { name: /^Prénom/ }).fill("Karim");
  await page.getByRole("textbox", { name: /^Nom/ }).fill("Sans-Adresse");
  await expect(page.getByLabel("Adresse e-mail (facultative)")).not.toHaveAttribute("required");
  await page.getByRole("textbox", { name: /^Structure/ }).fill("Accueil de jour");
  await page.getByLabel("Type de structure").selectOption("veille_sociale_115");
  await page.getByRole("button", { name: /Inscrire et marquer/ }).click();
  await expect(page.getByText(/L’accueil n’est pas ouvert/)).toBeVisible();
  await expect(page.getByText("Indiquez votre adresse e-mail.")).toHaveCount(0);
  await checkPage(page);
  expect(countRows("select count(*) as n from registrations")).toBe(before);
});
