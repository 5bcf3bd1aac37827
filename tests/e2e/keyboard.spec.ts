import { expect, test, type Page } from "@playwright/test";

/** Moves the focus with Tab until it reaches the element with that accessible name (at most 60 steps). */
async function tabTo(page: Page, name: RegExp): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element) return "";
      const labelled = element.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : null;
      return `${labelled ?? ""} ${element.getAttribute("aria-label") ?? ""} ${element.textContent ?? ""}`.trim();
    });
    if (name.test(focused)) return;
  }
  throw new Error(`focus never reached ${name}`);
}

test("the registration form can be completed with the keyboard only, with a visible focus", async ({ page }) => {
  await page.goto("/editions/cts-sante-mentale-2027");
  // From the top of the page: the skip link first, then to the registration button.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Aller au contenu" })).toBeFocused();
  await tabTo(page, /^S’inscrire$/);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).not.toBe("none");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/inscription$/);

  await tabTo(page, /^Prénom/);
  for (const typed of [
    "Clavier",
    "Seulement",
    "clavier.seulement@example.org",
    "Association du clavier",
    "coordinatrice",
  ]) {
    await page.keyboard.type(typed);
    await page.keyboard.press("Tab");
  }
  // A select opens and moves with the arrow keys.
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(page.getByLabel("Type de structure")).toHaveValue("veille_sociale_115");
  await tabTo(page, /^\s*Oui/);
  await page.keyboard.press("Space");
  await expect(page.getByRole("radio", { name: "Oui" })).toBeChecked();
  await tabTo(page, /J’ai pris connaissance/);
  await page.keyboard.press("Space");
  await tabTo(page, /Je m’inscris/);
  await page.keyboard.press("Enter");
  await expect(page.getByText("Votre place est confirmée.")).toBeVisible();
});

test("a field error is announced and reachable with the keyboard", async ({ page }) => {
  await page.goto("/editions/cts-sante-mentale-2027/inscription");
  await tabTo(page, /Je m’inscris/);
  await page.keyboard.press("Enter");
  const firstName = page.getByRole("textbox", { name: /^Prénom/ });
  await expect(firstName).toHaveAttribute("aria-invalid", "true");
  const described = await firstName.getAttribute("aria-describedby");
  expect(described).toBeTruthy();
  await expect(page.locator(`[id="${described!.split(" ")[0]}"]`)).toHaveText("Indiquez votre prénom.");
});

test("the contribution form can be completed with the keyboard only", async ({ page }) => {
  await page.goto("/editions/cts-sante-mentale-2027/contribuer");
  await tabTo(page, /^Nom et prénom/);
  await page.keyboard.type("Clavier Contributeur");
  await page.keyboard.press("Tab");
  await page.keyboard.type("contribution.clavier@example.org");
  await tabTo(page, /^Fonction/);
  await page.keyboard.type("infirmier en EMPP");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Équipe mobile du clavier");
  await tabTo(page, /^Titre/);
  await page.keyboard.type("Aller vers, au clavier");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Un résumé saisi sans souris, pour vérifier que chaque champ se rejoint avec Tab.");
  // A radio group: Tab enters it, the arrows choose.
  for (
    let i = 0;
    i < 10 && (await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)) !== "format";
    i++
  ) {
    await page.keyboard.press("Tab");
  }
  await page.keyboard.press("ArrowDown");
  const chosen = page.locator('input[name="format"]:checked');
  await expect(chosen).toHaveCount(1);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).not.toBe("none");
  await tabTo(page, /J’ai pris connaissance/);
  await page.keyboard.press("Space");
  await tabTo(page, /Envoyer ma proposition/);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/contribution\/[A-Za-z0-9_-]{22}$/);
  await expect(page.getByRole("status")).toContainText("Votre proposition est enregistrée");
});
