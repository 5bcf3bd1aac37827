import { expect, test } from "@playwright/test";
import { loginAs } from "./accounts.ts";
import { checkPage, visit } from "./support.ts";

// The demo holds the 6 teams the 2025 synthesis names (whole département, as their communes are not
// stated) and 8 example services: 5 insertion, 4 veille sociale, 5 sanitaire et social in all
// (db/demo/dispositifs.ts). The import test changes them, so it comes last.

test.describe("the directory of outreach services", () => {
  // Each test scans several long pages with axe-core, which takes most of 30 s on a busy machine.
  test.describe.configure({ timeout: 90_000 });
  test("a filtered list lives in its URL: shared, it opens on the same list in a fresh context", async ({
    page,
    browser,
  }) => {
    await visit(page, "/");
    await page
      .getByRole("navigation", { name: "Navigation principale" })
      .getByRole("link", { name: "Dispositifs" })
      .click();
    await expect(page).toHaveURL(/\/dispositifs$/);
    await checkPage(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Répertoire des dispositifs d’aller-vers");
    await expect(page.locator(".directory-counts")).toHaveText(
      "14\u00a0dispositifs dans ce répertoire (dont 8\u00a0fiches d’exemple)\u00a0: 5\u00a0en insertion, 4\u00a0en veille sociale, 5\u00a0en sanitaire et social.",
    );
    const list = page.getByRole("region", { name: "Les dispositifs" });
    await expect(list.getByRole("article")).toHaveCount(14);
    await expect(list.getByText("exemple", { exact: true })).toHaveCount(8);

    const filters = page.getByRole("form", { name: "Filtrer les dispositifs" });
    await filters.getByRole("combobox", { name: "Catégorie" }).selectOption("veille_sociale");
    await filters.getByRole("combobox", { name: "Commune" }).selectOption({ label: "Cergy" });
    await filters.getByRole("button", { name: "Filtrer" }).click();
    await expect(page).toHaveURL(/[?&]categorie=veille_sociale(&|$)/);
    await expect(page).toHaveURL(/[?&]commune=cergy(&|$)/);
    await checkPage(page);
    // Cergy's own service, and those covering the whole département.
    await expect(list.getByRole("heading", { level: 3 })).toHaveText([
      "Cellule Mobile 115",
      "Équipe Mobile Charles de Gaulle",
      "Maraude réduction des risques",
    ]);
    await expect(page.locator(".directory-result")).toContainText("3\u00a0dispositifs sur 14");

    // Adding a public narrows the list further: the three filters combine.
    await filters.getByRole("combobox", { name: "Catégorie" }).selectOption("");
    await filters.getByRole("combobox", { name: "Public" }).selectOption({ label: "Personnes à la rue" });
    await filters.getByRole("button", { name: "Filtrer" }).click();
    await expect(page).toHaveURL(/[?&]public=personnes-a-la-rue(&|$)/);
    await checkPage(page);
    // Cergy's services for people on the street, whatever their category.
    await expect(list.getByRole("heading", { level: 3 })).toHaveText([
      "Maraude réduction des risques",
      "Soins infirmiers de rue",
    ]);

    const shared = page.url();
    const names = await list.getByRole("heading", { level: 3 }).allTextContents();
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await visit(other, shared);
    const otherList = other.getByRole("region", { name: "Les dispositifs" });
    await expect(otherList.getByRole("heading", { level: 3 })).toHaveText(names);
    await expect(other.getByRole("combobox", { name: "Public" })).toHaveValue("personnes-a-la-rue");
    await expect(other.getByRole("combobox", { name: "Commune" })).toHaveValue("cergy");
    await fresh.close();

    await page.getByRole("link", { name: "Tout afficher" }).click();
    await expect(page).toHaveURL(/\/dispositifs$/);
    await checkPage(page);
    await expect(list.getByRole("article")).toHaveCount(14);
    await expect(page.getByRole("combobox", { name: "Commune" })).toHaveValue("");
  });

  test("filters work without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    // axe-core needs scripts to run: these pages are scanned by the other tests, with them on.
    expect((await page.goto("/dispositifs"))?.status()).toBe(200);
    await page.getByRole("combobox", { name: "Catégorie" }).selectOption("sanitaire_social");
    await page.getByRole("button", { name: "Filtrer" }).click();
    await expect(page).toHaveURL(/categorie=sanitaire_social/);
    await expect(page.getByRole("region", { name: "Les dispositifs" }).getByRole("article")).toHaveCount(5);
    await context.close();
  });

  test("a service has its own page, and takes a correction request with French errors", async ({ page }) => {
    await visit(page, "/dispositifs");
    await page.getByRole("link", { name: "Soins infirmiers de rue" }).click();
    await expect(page).toHaveURL(/\/dispositifs\/soins-infirmiers-de-rue-exemple$/);
    await checkPage(page);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Soins infirmiers de rue");
    await expect(page.getByRole("heading", { level: 1 }).getByText("exemple", { exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "01 99 00 30 02" })).toHaveAttribute("href", "tel:0199003002");
    await expect(page.getByRole("link", { name: "essip@exemple.org" })).toHaveAttribute(
      "href",
      "mailto:essip@exemple.org",
    );
    await expect(page.locator(".meta-list")).toContainText("Pontoise, Cergy, Saint-Ouen-l’Aumône");

    const correction = page.getByRole("region", { name: "Signaler une correction" });
    await correction.getByRole("button", { name: "Envoyer la demande" }).click();
    await expect(correction.getByText("Indiquez votre nom.")).toBeVisible();
    await expect(correction.getByText("Choisissez ce qui est à corriger.")).toBeVisible();
    await checkPage(page);
    await correction.getByLabel(/^Votre nom/).fill("Nadia Relais");
    await correction.getByLabel(/^Votre adresse e-mail/).fill("pas-une-adresse");
    await correction.getByRole("combobox", { name: /^Ce qui est à corriger/ }).selectOption("phone");
    await correction.getByLabel(/^La correction/).fill("Nouveau numéro : 01 99 00 30 09");
    await correction.getByRole("button", { name: "Envoyer la demande" }).click();
    await expect(correction.getByText(/Cette adresse e-mail n’est pas valide/)).toBeVisible();
    await correction.getByLabel(/^Votre adresse e-mail/).fill("nadia@exemple.org");
    await correction.getByRole("button", { name: "Envoyer la demande" }).click();
    await expect(page).toHaveURL(/\/dispositifs\/[a-z0-9-]+$/);
    await expect(page.getByRole("status").filter({ hasText: "Votre demande a été transmise" })).toBeVisible();
    await checkPage(page);

    expect((await page.goto("/dispositifs/ce-dispositif-n-existe-pas"))?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dispositif introuvable");
    await checkPage(page);
  });

  test("the booklet prints the whole directory, one category per page", async ({ page }) => {
    await visit(page, "/dispositifs");
    await page.getByRole("link", { name: /Version imprimable/ }).click();
    await expect(page).toHaveURL(/\/dispositifs\/livret$/);
    await checkPage(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Référentiel 2025 des dispositifs d’aller-vers du Val-d’Oise",
    );
    const categories = page.locator("section.booklet__category");
    await expect(categories.locator("h2")).toHaveText([
      "Insertion (5)",
      "Veille sociale (4)",
      "Sanitaire et social (5)",
    ]);
    await expect(page.locator("article.booklet__entry")).toHaveCount(14);
    await page.emulateMedia({ media: "print" });
    await expect(page.locator(".site-header")).toBeHidden();
    await expect(page.getByRole("button", { name: "Imprimer" })).toBeHidden();
    expect(await categories.first().evaluate((element) => getComputedStyle(element).breakBefore)).toBe("page");
    expect(
      await page
        .locator("article.booklet__entry")
        .first()
        .evaluate((element) => getComputedStyle(element).breakInside),
    ).toBe("avoid");
    await page.emulateMedia({ media: "screen" });
  });

  test("the 2025 aller-vers edition, its synthesis and the search lead to the directory", async ({ page }) => {
    await visit(page, "/editions/cts-aller-vers-2025");
    const block = page.getByRole("region", { name: "Répertoire des dispositifs" });
    await expect(block).toContainText("Référentiel\u00a02025");
    await block.getByRole("link", { name: "Consulter le répertoire des dispositifs" }).click();
    await expect(page).toHaveURL(/\/dispositifs$/);
    await checkPage(page);
    await visit(page, "/syntheses/synthese-cts-aller-vers-2025");
    await expect(
      page
        .getByRole("region", { name: "Répertoire des dispositifs" })
        .getByRole("link", { name: /Version imprimable/ }),
    ).toHaveAttribute("href", "/dispositifs/livret");
    await visit(page, "/recherche?q=soins+infirmiers");
    const hits = page.getByRole("region", { name: /^Dispositifs/ });
    await hits.getByRole("link", { name: /Soins infirmiers de rue/ }).click();
    await expect(page).toHaveURL(/\/dispositifs\/soins-infirmiers-de-rue-exemple$/);
    await checkPage(page);
  });

  test("a reviewer cannot open the directory's back-office", async ({ page }) => {
    await loginAs(page, "reviewer");
    expect((await page.goto("/admin/dispositifs"))?.status()).toBe(403);
    expect((await page.goto("/admin/dispositifs/import"))?.status()).toBe(403);
    expect((await page.request.get("/admin/dispositifs/export.csv")).status()).toBe(403);
  });

  test("an organiser handles the correction, imports a CSV (preview, then confirm), and the same file twice changes nothing", async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await loginAs(page, "organiser");
    await page
      .getByRole("navigation", { name: "Espace organisation" })
      .getByRole("link", { name: "Dispositifs" })
      .click();
    await expect(page).toHaveURL(/\/admin\/dispositifs$/);
    await checkPage(page);

    // The request sent from the public page is waiting, and was emailed to the organisers.
    await page.getByRole("link", { name: /Demandes de correction/ }).click();
    await checkPage(page);
    const request = page.getByRole("row", { name: /Soins infirmiers de rue/ });
    await expect(request).toContainText("Nouveau numéro\u00a0: 01 99 00 30 09");
    await expect(request).toContainText("nadia@exemple.org");
    await request.getByRole("button", { name: /Marquer comme traitée/ }).click();
    await expect(page.getByRole("status")).toContainText("Demande marquée comme traitée");
    await visit(page, "/admin/courriels");
    await expect(page.locator("body")).toContainText("Demande de correction\u00a0: Soins infirmiers de rue (exemple)");

    // The export is the import's format.
    const exported = await page.request.get("/admin/dispositifs/export.csv");
    expect(exported.headers()["content-type"]).toContain("text/csv");
    const bytes = await exported.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString("utf8").split("\r\n")[0]).toBe(
      "Identifiant;Nom;Opérateur;Catégorie;Sous-catégorie;Publics;Communes;Description;Téléphone;E-mail;Site web;Référentiel;Exemple;Retiré",
    );

    const csv = [
      "Nom;Opérateur;Catégorie;Sous-catégorie;Publics;Communes;Téléphone",
      "Équipe de liaison e2e (exemple);Association exemple Liaison;Sanitaire et social;EMSP;Personnes à la rue;Cergy;01 99 00 70 01",
      "Maraude de nuit de l’Est du Val-d’Oise (exemple);Association exemple La Lanterne;Veille sociale;Maraude sociale;Personnes à la rue, Personnes isolées;Gonesse;01 99 00 20 01",
      "Sans catégorie;Association exemple;Logement;;;;",
      "",
    ].join("\r\n");
    const file = { name: "dispositifs.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") };

    await visit(page, "/admin/dispositifs/import");
    await page.getByLabel(/^Fichier CSV/).setInputFiles(file);
    await page.getByRole("button", { name: "Voir l’aperçu" }).click();
    const preview = page.getByRole("region", { name: "Aperçu de l’import" });
    await expect(preview).toBeVisible();
    await checkPage(page);
    await expect(preview.getByRole("status")).toContainText(
      "1\u00a0nouveau, 1\u00a0modifié, 0\u00a0inchangé, 1\u00a0ligne invalide",
    );
    await expect(preview.getByRole("row", { name: /Équipe de liaison e2e/ })).toContainText("Nouveau");
    const changed = preview.getByRole("row", { name: /Maraude de nuit/ });
    await expect(changed).toContainText("Modifié");
    await expect(changed).toContainText("Communes\u00a0: Gonesse, Goussainville, Villiers-le-Bel, Sarcelles → Gonesse");
    await expect(preview.getByRole("row", { name: /Sans catégorie/ })).toContainText(
      "Catégorie inconnue «\u00a0Logement\u00a0»",
    );

    // Nothing is written before the confirmation.
    expect(await (await page.request.get("/dispositifs")).text()).not.toContain("Équipe de liaison e2e");

    await preview.getByRole("button", { name: /Confirmer l’import/ }).click();
    await expect(page).toHaveURL(/\/admin\/dispositifs$/);
    await expect(page.getByRole("status")).toContainText(
      "Import terminé\u00a0: 1\u00a0dispositif créé, 1\u00a0modifié.",
    );
    await checkPage(page);

    await visit(page, "/admin/dispositifs/import");
    await page.getByLabel(/^Fichier CSV/).setInputFiles(file);
    await page.getByRole("button", { name: "Voir l’aperçu" }).click();
    await expect(preview.getByRole("status")).toContainText(
      "0\u00a0nouveau, 0\u00a0modifié, 2\u00a0inchangés, 1\u00a0ligne invalide",
    );
    await expect(preview).toContainText("Rien à importer");
    await expect(preview.getByRole("button", { name: /Confirmer l’import/ })).toHaveCount(0);
    await checkPage(page);

    await visit(page, "/dispositifs?commune=cergy");
    await expect(page.getByRole("region", { name: "Les dispositifs" })).toContainText("Équipe de liaison e2e");
    // The night maraude left Goussainville: only the services covering the whole département remain.
    await visit(page, "/dispositifs?commune=goussainville&categorie=veille_sociale");
    await expect(page.getByRole("region", { name: "Les dispositifs" }).getByRole("heading", { level: 3 })).toHaveText([
      "Cellule Mobile 115",
      "Équipe Mobile Charles de Gaulle",
    ]);
  });
});
