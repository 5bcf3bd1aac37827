import { expect, test } from "@playwright/test";
import { loginAs } from "./accounts.ts";
import { checkPage, fillRegistrationForm } from "./support.ts";

test("an organiser changes the time of an edition and every confirmed person is sent an updated invite", async ({
  page,
}) => {
  test.setTimeout(90_000);
  // Someone registered to the demo edition first.
  await page.goto("/editions/cts-sante-mentale-2027/inscription");
  await fillRegistrationForm(page, {
    first: "Dalila",
    last: "Haddad",
    email: "dalila.haddad@example.org",
    organisation: "Équipe mobile",
    structureType: "sante_medico_social",
    meal: "Non",
  });
  await page.getByRole("button", { name: "Je m’inscris" }).click();
  await expect(page.getByText("Votre place est confirmée.")).toBeVisible();

  await loginAs(page, "admin");
  await page.getByRole("link", { name: "Santé mentale et grande précarité", exact: true }).click();
  await expect(page.locator(".edition-title")).toHaveText("Santé mentale et grande précarité");
  await page.getByRole("link", { name: "Informations" }).click();
  await checkPage(page);

  await page.getByLabel("Heure de début").fill("09:30");
  await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
  // Nothing is saved or sent before the organiser has seen what the save will send.
  const preview = page.getByRole("alert").filter({ hasText: "Avant d’enregistrer" });
  await expect(preview).toContainText("1\u00a0personne recevra une invitation mise à jour.");
  await preview.getByText(/^Exemple de courriel envoyé à Dalila Haddad/).click();
  await expect(preview.locator("pre")).toContainText("Horaires\u00a0: 9\u00a0h\u00a030–16\u00a0h\u00a030");
  await checkPage(page);
  await page.getByRole("button", { name: "Confirmer, enregistrer et envoyer" }).click();
  await expect(page.getByRole("status")).toContainText(
    "1\u00a0personne confirmée prévenue avec une invitation mise à jour",
  );
  await checkPage(page);

  // A bad value is refused next to its field, which takes the focus; the summary above the form and the title say so too.
  const endTime = page.getByLabel("Heure de fin");
  await endTime.fill("08:00");
  await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
  await expect(endTime).toHaveAccessibleDescription("L’heure de fin doit suivre l’heure de début.");
  await expect(endTime).toBeFocused();
  await expect(
    page.getByRole("link", { name: "Heure de fin\u00a0: L’heure de fin doit suivre l’heure de début." }),
  ).toHaveAttribute("href", `#${await endTime.getAttribute("id")}`);
  await expect(page).toHaveTitle(/^Erreur\u00a0: Informations de l’édition/);
  await checkPage(page);

  await page.goto("/admin/courriels");
  const row = page.getByRole("row").filter({ hasText: "dalila.haddad@example.org" }).filter({ hasText: "Changement" });
  await row.getByRole("link").click();
  await expect(page.locator("main")).toContainText("Invitation jointe (REQUEST)");
  await expect(page.locator("pre.email-text").first()).toContainText(
    "Horaires\u00a0: 9\u00a0h\u00a030–16\u00a0h\u00a030 (au lieu de 9\u00a0h–16\u00a0h\u00a030)",
  );
  await expect(page.locator("pre.email-text").last()).toContainText("SEQUENCE:1");
  await checkPage(page);
});
