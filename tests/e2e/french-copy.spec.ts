import { expect, test, type Page } from "@playwright/test";
import { loginAs } from "./accounts.ts";
import { visit } from "./support.ts";

// The French copy of issue 18: elision before names, curly apostrophes, epicene role labels, one
// name for the organisers' space, and a privacy notice that says what each form keeps.

/** An elided French word written with a typewriter apostrophe. */
const STRAIGHT_ELISION = /(?:^|[^\p{L}])(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|aujourd)'\p{L}/iu;
const UPCOMING = "/editions/cts-sante-mentale-2027";

async function visibleText(page: Page): Promise<string> {
  return page.locator("body").innerText();
}

test("a name after « de » is elided: « commune d’Osny »", async ({ page }) => {
  await visit(page, "/dispositifs?commune=osny");
  const text = await visibleText(page);
  expect(text).toContain("commune d’Osny");
  expect(text).not.toMatch(/\bde [AEIOUÉ]/u);
});

test("the registration form writes « Services de l’État » with a curly apostrophe, like every text on it", async ({
  page,
}) => {
  await visit(page, `${UPCOMING}/inscription`);
  await expect(page.locator("option", { hasText: "Services de l’État" })).toHaveCount(1);
  const text = await visibleText(page);
  expect(text.match(STRAIGHT_ELISION)).toBeNull();
  // The registration's notice keeps statistics of people, in light inclusive writing.
  expect(text).toContain("nombre de personnes inscrites et présentes par type de structure");
});

test("the contribution form says what it keeps and why, not what a registration keeps", async ({ page }) => {
  await visit(page, `${UPCOMING}/contribuer`);
  const notice = page.getByRole("region", { name: "Vos données personnelles" });
  await expect(notice).toContainText("les commentaires de la relecture sont gardés le temps de préparer la journée");
  await expect(notice).toContainText("Restent dans les archives le titre, le résumé, le format et les notes");
  await expect(notice).not.toContainText("par type de structure");
  expect((await visibleText(page)).match(STRAIGHT_ELISION)).toBeNull();
});

test("the organisers' space has one name, before and after login, and epicene role labels", async ({ page }) => {
  await visit(page, "/admin/connexion");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Espace organisation");
  await expect(page.getByRole("banner").getByRole("link", { name: "Espace organisation" })).toBeVisible();

  await loginAs(page, "admin");
  await expect(page.getByRole("banner").getByRole("link", { name: "Espace organisation" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Espace organisation" })).toBeVisible();
  await visit(page, "/admin/utilisateurs");
  const table = page.locator("main table");
  await expect(table).toContainText("Administration");
  await expect(table).toContainText("Relecture");
  await expect(table).toContainText("Organisation");
  const text = await visibleText(page);
  for (const word of ["Back-office", "Administrateur", "Relecteur", "Organisateur", "Espace organisateurs"]) {
    expect(text).not.toContain(word);
  }
});
