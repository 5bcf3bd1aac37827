import { expect, test, type Page } from "@playwright/test";
import { loginAs } from "./accounts.ts";
import { checkPage, visit } from "./support.ts";

// The pages of issue 18 as their users see them: sizes, order on a phone, links and wording.

const MINIMAL_PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

async function openAdminEdition(page: Page, title: string): Promise<string> {
  await page.goto("/admin/editions");
  await page.getByRole("link", { name: title, exact: true }).click();
  return new URL(page.url()).pathname;
}

test.describe("back-office pages", () => {
  test("the dashboard's charts keep a fixed size and readable text with one day of data", async ({ page }) => {
    await loginAs(page, "organiser");
    // One person, registered on one day.
    await openAdminEdition(page, "Journée de test déjà commencée");
    await checkPage(page);
    for (const size of [
      { width: 390, height: 844 },
      { width: 1280, height: 800 },
    ]) {
      await page.setViewportSize(size);
      const charts = page.locator("figure.chart");
      await expect(charts).toHaveCount(2);
      for (const chart of await charts.all()) {
        const box = (await chart.boundingBox())!;
        expect(box.height, "a chart stays smaller than the screen").toBeLessThan(size.height / 2);
      }
      // The bars are drawn, at their length (the CSP allows no inline style to set it).
      const longest = async (selector: string, side: "width" | "height") =>
        Math.max(
          ...(await page
            .locator(selector)
            .evaluateAll((nodes, key) => nodes.map((node) => node.getBoundingClientRect()[key]), side)),
        );
      expect(await longest(".chart__bar rect", "width")).toBeGreaterThan(100);
      expect(await longest(".chart__columns rect", "height")).toBeGreaterThan(100);
      const sizes = await page
        .locator(".chart__label, .chart__value, .chart__ticks span, .chart__max")
        .evaluateAll((nodes) => nodes.map((node) => parseFloat(getComputedStyle(node).fontSize)));
      expect(sizes.length).toBeGreaterThan(0);
      for (const fontSize of sizes) {
        expect(fontSize).toBeGreaterThanOrEqual(12);
        expect(fontSize).toBeLessThanOrEqual(20);
      }
    }
  });

  test("check-in on a phone: the search comes first, the targets are big", async ({ browser }) => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    await loginAs(page, "organiser");
    const base = await openAdminEdition(page, "Autre édition de test");
    await page.goto(`${base}/accueil`);
    await checkPage(page);
    const search = page.getByRole("searchbox", { name: "Nom ou structure" });
    const searchBox = (await search.boundingBox())!;
    expect(searchBox.y + searchBox.height, "the search box is on the first screen").toBeLessThan(844);
    const tabs = (await page.getByRole("navigation", { name: "Rubriques de l’édition" }).boundingBox())!;
    const menu = (await page.getByRole("navigation", { name: "Espace organisation" }).boundingBox())!;
    expect(tabs.y).toBeGreaterThan(searchBox.y);
    expect(menu.y).toBeGreaterThan(searchBox.y);
    for (const target of [
      search,
      page.getByRole("button", { name: "Chercher" }),
      page.getByText("Inscrire une personne sur place"),
    ]) {
      expect((await target.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    }
    const presence = page.locator(".check-in__button");
    for (const button of await presence.all()) expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await phone.close();
  });

  test("programme buttons keep their height, the date fields look like the others, tables scroll inside", async ({
    page,
  }) => {
    await loginAs(page, "organiser");
    const base = await openAdminEdition(page, "Santé mentale et grande précarité");
    await page.goto(`${base}/programme`);
    await checkPage(page);
    const edit = page.getByRole("link", { name: /^Modifier/ }).first();
    const editBox = (await edit.boundingBox())!;
    expect(editBox.height, "« Modifier » is a button, not a column").toBeLessThan(56);

    await page.goto(`${base}/modifier`);
    const style = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((node) => {
          const css = getComputedStyle(node);
          return `${css.borderTopWidth} ${css.borderTopStyle} ${css.borderTopColor} ${css.paddingLeft}`;
        });
    expect(await style('input[type="datetime-local"]')).toBe(await style('input[type="text"]'));

    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of [`${base}/inscriptions`, "/admin/personnes", "/admin/dispositifs", "/admin/courriels"]) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `no horizontal scrolling of ${path}`).toBeLessThanOrEqual(0);
      const wrappers = page.locator(".table-wrap");
      for (const wrapper of await wrappers.all()) {
        await expect(wrapper).toHaveAttribute("role", "region");
        await expect(wrapper).toHaveAttribute("tabindex", "0");
        await expect(wrapper).toHaveAttribute("aria-label", /.+/);
      }
    }
  });

  test("the synthesis editor's preview is whole, beside the form on a desktop", async ({ page }) => {
    await loginAs(page, "organiser");
    await page.goto("/admin/syntheses");
    await page
      .getByRole("link", { name: /aller à la rencontre/ })
      .first()
      .click();
    const preview = page.getByRole("region", { name: "Aperçu" });
    const box = (await preview.boundingBox())!;
    const body = (await page.getByRole("textbox", { name: /^Texte/ }).boundingBox())!;
    expect(box.x, "beside the form").toBeGreaterThan(body.x + body.width - 1);
    expect(box.y, "starting at the top of the form").toBeLessThan(body.y);
    // Not clipped: the panel is as tall as what it shows.
    const clipped = await preview.evaluate((node) => node.scrollHeight > node.clientHeight + 1);
    expect(clipped).toBe(false);
  });

  test("documents take their type from their content and their titles can be edited", async ({ page }) => {
    await loginAs(page, "organiser");
    const base = await openAdminEdition(page, "Autre édition de test");
    await page.goto(`${base}/documents`);
    await checkPage(page);
    await expect(page.getByRole("combobox", { name: /^Type/ })).toHaveCount(0);
    await page.getByRole("textbox", { name: /^Titre/ }).fill("Plan d’accès");
    await page.getByLabel(/^Fichier/).setInputFiles({ name: "plan.pdf", mimeType: "image/png", buffer: MINIMAL_PDF });
    await page.getByRole("button", { name: /Ajouter le document/ }).click();
    await expect(page.getByRole("status")).toContainText("Document ajouté");
    const item = page.locator(".attachments__item").filter({ hasText: "Plan d’accès" });
    await expect(item.locator(".attachments__meta")).toContainText(/^Document · PDF/);

    await item.getByText("Modifier le titre").click();
    await item.getByRole("textbox", { name: "Nouveau titre" }).fill("Plan d’accès à la salle");
    await item.getByRole("button", { name: "Enregistrer le titre" }).click();
    await expect(page.getByRole("status")).toContainText("Titre modifié");
    await checkPage(page);
    await expect(page.getByRole("link", { name: "Plan d’accès à la salle" })).toBeVisible();
  });

  test("the accept menu offers only programme items where someone speaks", async ({ page, request }) => {
    // A proposal, sent as a browser without JavaScript sends it.
    await page.goto("/editions");
    await page.getByRole("link", { name: "Santé mentale et grande précarité", exact: true }).first().click();
    const editionPath = new URL(page.url()).pathname;
    const posted = await request.post(`${editionPath}/contribuer`, {
      form: {
        name: "Yanis Benali",
        email: "yanis.benali@example.org",
        role: "éducateur",
        organisation: "Équipe mobile de nuit",
        title: "Les nuits de l’équipe mobile",
        abstract: "Ce que voit une équipe mobile entre minuit et six heures.",
        format: "retour_experience",
        notice: "on",
      },
      maxRedirects: 0,
    });
    expect(posted.status()).toBe(303);

    await loginAs(page, "organiser");
    const base = await openAdminEdition(page, "Santé mentale et grande précarité");
    await page.goto(`${base}/contributions`);
    await page.getByRole("link", { name: "Les nuits de l’équipe mobile" }).click();
    await checkPage(page);
    const options = await page
      .getByRole("combobox", { name: /Séquence du programme/ })
      .locator("option")
      .allTextContents();
    expect(options.length).toBeGreaterThan(1);
    for (const option of options) expect(option).not.toMatch(/Accueil|Déjeuner|Pause/);
  });

  test("publishing a synthesis of an edition still to come asks for a confirmation", async ({ page }) => {
    await loginAs(page, "organiser");
    await visit(page, "/admin/syntheses/nouvelle");
    await page.getByRole("textbox", { name: /^Titre/ }).fill("Synthèse écrite trop tôt");
    await page.getByRole("textbox", { name: /^Texte/ }).fill("## Ce qui s’est dit\n\nRien encore.");
    const linked = page.getByRole("combobox", { name: "Édition liée" });
    const value = await linked.locator("option", { hasText: "Autre édition de test" }).getAttribute("value");
    await linked.selectOption(value!);
    await page.getByRole("radio", { name: "Publiée" }).check();
    await page.getByRole("button", { name: "Enregistrer" }).click();
    const confirm = page.getByRole("checkbox", { name: "Publier quand même" });
    await expect(confirm).toBeVisible();
    await expect(page.locator(".field__error").filter({ hasText: "n’a pas encore eu lieu" })).toBeVisible();
    await checkPage(page);
    await confirm.check();
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await expect(page.getByRole("status")).toContainText("Synthèse enregistrée");
  });
});

test.describe("public pages", () => {
  test("/themes lists the themes; an edition's themes are links; its page lists its documents", async ({ page }) => {
    await visit(page, "/themes");
    await expect(page.getByRole("heading", { level: 1, name: "Thèmes" })).toBeVisible();
    const theme = page.getByRole("heading", { level: 2, name: "L’aller-vers" });
    await expect(theme.getByRole("link")).toHaveAttribute("href", "/themes/aller-vers");
    await expect(page.getByRole("link", { name: /aller à la rencontre/ }).first()).toBeVisible();

    await visit(page, "/editions/cts-aller-vers-2025");
    const tag = page.getByRole("list", { name: "Thèmes" }).getByRole("link").first();
    await tag.click();
    await expect(page).toHaveURL(/\/themes\/[a-z-]+$/);

    await visit(page, "/editions/cts-aller-vers-2025");
    const documents = page.getByRole("region", { name: "Documents" });
    await expect(documents.getByRole("link")).not.toHaveCount(0);
  });

  test("the synthesis' table of contents numbers each heading once", async ({ page }) => {
    await visit(page, "/syntheses/synthese-cts-aller-vers-2025");
    const toc = page.getByRole("navigation", { name: "Sommaire" });
    await expect(toc.getByRole("link").first()).toHaveText(/^1\. Une journée/);
    const numbered = await toc
      .locator("li")
      .evaluateAll((items) =>
        items.filter((item) => getComputedStyle(item).listStyleType !== "none" && /^\d/.test(item.textContent ?? "")),
      );
    expect(numbered).toHaveLength(0);
  });

  test("the printable booklet prints the full address and says « exemple » once", async ({ page, baseURL }) => {
    await visit(page, "/dispositifs/livret");
    await expect(page.locator(".booklet__cover")).toContainText(`${baseURL}/dispositifs`);
    const names = await page.locator(".booklet__entry h3").allTextContents();
    for (const name of names) expect(name).not.toMatch(/\(exemple\).*exemple/i);
  });
});
