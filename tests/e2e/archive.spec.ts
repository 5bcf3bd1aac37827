import { expect, test } from "@playwright/test";
import { loginTo } from "./accounts.ts";
import { checkPage, visit } from "./support.ts";

const MINIMAL_PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

test.describe("the archive", () => {
  test("a past edition's page says it took place and leads to its synthesis first", async ({ page }) => {
    await visit(page, "/editions/cts-aller-vers-2025");
    const notice = page.locator("main .notice").filter({ hasText: "Cette journée a eu lieu le" });
    await expect(notice).toContainText("2025");
    await expect(page.locator("main dl.meta-list dt")).not.toContainText(["Places"]);
    await expect(page.getByRole("link", { name: /Ajouter cette édition à mon agenda/ })).toHaveCount(0);
    await notice.getByRole("link").click();
    await expect(page).toHaveURL(/\/syntheses\/synthese-cts-aller-vers-2025$/);
    // An edition still ahead says nothing of the kind, and tells its seats.
    await visit(page, "/editions/cts-sante-mentale-2027");
    await expect(page.getByText("Cette journée a eu lieu")).toHaveCount(0);
    await expect(page.locator("main dl.meta-list dt").filter({ hasText: "Places" })).toHaveCount(1);
  });

  test("a reader browses the syntheses, reads the 2025 one and follows its theme", async ({ page }) => {
    await visit(page, "/syntheses");
    await page.getByRole("combobox", { name: "Thème" }).selectOption("aller-vers");
    await page.getByRole("button", { name: "Filtrer" }).click();
    await expect(page).toHaveURL(/theme=aller-vers/);
    await checkPage(page);
    await page.getByRole("link", { name: /L’aller-vers\s: aller à la rencontre/ }).click();
    await checkPage(page);
    await expect(page.getByRole("navigation", { name: "Sommaire" }).getByRole("link")).not.toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Notes" })).toBeVisible();
    await expect(page.locator("figure.quote figcaption").first()).toContainText("d’après");
    await expect(page.getByRole("complementary", { name: "Pour aller plus loin" })).toBeVisible();
    const documents = page.getByRole("region", { name: "Documents" });
    await expect(documents.getByRole("listitem")).toHaveCount(2);
    await expect(documents).toContainText("PDF");
    const share = page.getByRole("region", { name: "Partager" });
    await expect(share.getByRole("link", { name: /LinkedIn/ })).toHaveAttribute(
      "href",
      /linkedin\.com\/sharing\/share-offsite\/\?url=/,
    );
    await expect(page.getByRole("link", { name: "Retour en haut" })).toHaveAttribute("href", "#haut");
    // Footnote and back-link both lead somewhere.
    await page.locator("sup.footnote-ref a").first().click();
    await expect(page).toHaveURL(/#fn1$/);
    // The synthesis links its edition, and the edition links back.
    await page.getByRole("link", { name: "L’aller-vers", exact: true }).first().click();
    await expect(page).toHaveURL(/\/editions\/cts-aller-vers-2025$/);
    await expect(page.getByRole("region", { name: "Synthèse" }).getByRole("link")).toContainText(
      "aller à la rencontre",
    );
    await visit(page, "/themes/aller-vers");
    await expect(page.getByRole("region", { name: "Éditions" })).toContainText("L’aller-vers");
    await expect(page.getByRole("region", { name: "Synthèses" })).toContainText("aller à la rencontre");
    await expect(page.getByRole("region", { name: "Documents" })).toContainText("Référentiel 2025");
  });

  test("search finds the programme and syntheses without accents, and answers absurd queries politely", async ({
    page,
  }) => {
    await visit(page, "/recherche?q=equipe+mobile+charles");
    await expect(page.getByRole("region", { name: /Programme/ })).toContainText("Aller-vers");
    await visit(page, "/recherche?q=marau");
    await expect(page.locator("mark").first()).toBeVisible();
    await visit(page, "/recherche?q=le+la+les");
    await expect(page.getByRole("status")).toContainText("Précisez votre recherche");
    await visit(page, `/recherche?q=${"x".repeat(300)}`);
    await expect(page.getByRole("status")).toContainText("trop longue");
    await visit(page, "/recherche?q=%22%29%28*+OR+NEAR");
    await expect(page.getByRole("status")).toContainText("Aucun résultat");
  });

  test("an organiser writes a synthesis with a footnote and a document, publishes it, and a reader finds and downloads it", async ({
    page,
    browser,
  }) => {
    test.setTimeout(120_000);
    await loginTo(page, "organiser", "/admin/syntheses/nouvelle");
    await page.getByRole("textbox", { name: /^Titre/ }).fill("Écoute des équipes mobiles de nuit");
    await page
      .getByRole("textbox", { name: /^Texte/ })
      .fill(
        "## 1. Constat\n\nLes équipes de nuit rencontrent des situations complexes[^1].\n\n[^1]: Observation des maraudes du Val-d’Oise.",
      );
    // The preview renders like the public page.
    await expect(page.getByRole("region", { name: "Aperçu" }).locator("section.footnotes")).toBeVisible();
    await page.getByRole("radio", { name: "Publiée" }).check();
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await expect(page.getByRole("status")).toContainText("Synthèse enregistrée");
    await checkPage(page);

    await page.getByRole("link", { name: /Documents joints/ }).click();
    await checkPage(page);
    await page.getByRole("textbox", { name: /^Titre/ }).fill("Compte rendu des maraudes");
    await page
      .getByLabel(/^Fichier/)
      .setInputFiles({ name: "compte-rendu.pdf", mimeType: "application/pdf", buffer: MINIMAL_PDF });
    await page.getByRole("button", { name: /Ajouter le document/ }).click();
    await expect(page.getByRole("status")).toContainText("Document ajouté");

    const reader = await browser.newContext();
    const readerPage = await reader.newPage();
    await visit(readerPage, "/recherche?q=ecoute+equipes");
    await readerPage.getByRole("link", { name: /Écoute des équipes mobiles de nuit/ }).click();
    await checkPage(readerPage);
    const download = readerPage.waitForEvent("download");
    await readerPage.getByRole("link", { name: "Compte rendu des maraudes" }).click();
    expect((await download).suggestedFilename()).toBe("compte-rendu.pdf");
    await reader.close();
  });

  test("feed, sitemap and Open Graph are there", async ({ request, page }) => {
    const feed = await request.get("/syntheses/flux.xml");
    expect(feed.headers()["content-type"]).toContain("application/atom+xml");
    expect(await feed.text()).toContain("<title>L’aller-vers\u00a0: aller à la rencontre, et tenir ensemble</title>");
    const sitemap = await request.get("/sitemap.xml");
    expect(await sitemap.text()).toContain("/syntheses/synthese-cts-aller-vers-2025</loc>");
    await page.goto("/syntheses/synthese-cts-aller-vers-2025");
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", /aller à la rencontre/);
    await expect(page.locator('meta[name="description"]')).toHaveAttribute(
      "content",
      /coordination territoriale de 2025/,
    );
    // A synthesis is read as plain HTML: not one script, not one module preload.
    await expect(page.locator("script")).toHaveCount(0);
    await expect(page.locator('link[rel="modulepreload"]')).toHaveCount(0);
  });
});
