import { expect, test, type Locator } from "@playwright/test";
import { loginAs } from "./accounts.ts";
import { addProgrammeItem } from "./programme.ts";
import { checkPage, fillRegistrationForm, visit } from "./support.ts";

test.describe("the back-office", () => {
  test("create an edition with a programme, publish it, and see it public", async ({ page }) => {
    test.setTimeout(150_000);
    await loginAs(page, "organiser");
    await visit(page, "/admin/editions/nouvelle");
    // The page renders its own title, so that it can start with « Erreur » when a form comes back.
    await expect(page).toHaveTitle("Nouvelle édition · CTS · SIAO 95");
    await expect(page.locator("title")).toHaveCount(1);
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Créer le brouillon" }) });
    await form.getByRole("textbox", { name: /^Titre/ }).fill("Accès aux droits : les permanences hors les murs");
    await form.getByLabel("Date", { exact: false }).first().fill("2027-09-23");
    await form.getByRole("combobox", { name: /^Lieu/ }).selectOption({ label: "Maison Pour Tous, Goussainville" });
    await form.getByRole("checkbox", { name: "L’aller-vers" }).check();
    await form.getByRole("spinbutton", { name: /Nombre de places/ }).fill("80");
    await form.getByLabel("Ouverture des inscriptions").fill("2026-11-01T09:00");
    await form.getByLabel("Clôture des inscriptions").fill("2027-09-16T18:00");
    await form.getByRole("button", { name: "Créer le brouillon" }).click();
    await expect(page.getByRole("status")).toContainText("Brouillon créé");
    await checkPage(page);
    const adminUrl = page.url().replace(/\?.*$/, "");

    // A draft is invisible to the public.
    const anonymous = await page.context().browser()!.newContext();
    const reader = await anonymous.newPage();
    expect((await reader.goto("/editions/cts-acces-aux-droits-les-permanences-hors-les-murs-2027"))?.status()).toBe(
      404,
    );

    await page.getByRole("link", { name: "Programme" }).click();
    await checkPage(page);
    const item = await addProgrammeItem(page, {
      kind: "table_ronde",
      title: "Table ronde — aller vers les droits",
      start: "10:00",
      end: "12:00",
    });
    const speakers = item.getByRole("list", { name: /Intervenants/ }).getByRole("listitem");
    await (await openSpeakerForm(item)).selectOption({ label: "Katty MUHEL — SIAO 95" });
    await item.getByRole("button", { name: "Ajouter", exact: true }).click();
    // The page answers the addition before the next one: clicking the summary while the first
    // addition is in flight would fold the form that the answer then leaves folded.
    await expect(speakers).toHaveCount(1);
    await (await openSpeakerForm(item)).selectOption("new");
    await item.getByLabel("Nom de la nouvelle personne").fill("Nadia BENALI");
    await item.getByLabel("Sa fonction").fill("juriste");
    await item.getByLabel("Sa structure").fill("Point-justice de démonstration");
    await item.getByRole("button", { name: "Ajouter", exact: true }).click();
    await expect(speakers).toHaveCount(2);
    await checkPage(page);

    // A session outside the edition's hours is flagged.
    const late = await addProgrammeItem(page, {
      kind: "cloture",
      title: "Clôture tardive",
      start: "18:00",
      end: "18:30",
    });
    await expect(late).toContainText("finit après la fin de l’édition");

    // It blocks publishing until it is removed.
    await page.goto(adminUrl);
    await page.getByRole("button", { name: "Publier" }).click();
    await expect(page.locator("#statut-erreur")).toContainText("Clôture tardive");
    // Saving the edition's information says so too, rather than only at publishing.
    await page.getByRole("link", { name: "Informations" }).click();
    await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
    await expect(page.getByRole("status")).toContainText(
      "Modifications enregistrées. Attention\u00a0: 1\u00a0séquence du programme sort des horaires de l’édition\u00a0; l’onglet Programme la signale.",
    );
    await page.getByRole("link", { name: "Programme" }).click();
    // Deleting asks first: the first « Supprimer » deletes nothing.
    await late.getByRole("link", { name: /^Supprimer.*Clôture tardive/ }).click();
    await expect(late).toHaveCount(1);
    await expect(late.getByRole("group", { name: /^Supprimer/ })).toContainText(
      "Supprimer «\u00a0Clôture tardive\u00a0» du programme\u00a0?",
    );
    await checkPage(page);
    await late.getByRole("button", { name: /^Confirmer la suppression.*Clôture tardive/ }).click();
    await expect(page.getByRole("status")).toHaveText("Séquence «\u00a0Clôture tardive\u00a0» supprimée du programme.");
    await expect(late).toHaveCount(0);
    await expect(page.locator("li.admin-programme__item").filter({ hasText: "aller vers les droits" })).toHaveCount(1);
    await page.goto(adminUrl);
    await page.getByRole("button", { name: "Publier" }).click();
    await expect(page.getByRole("status")).toContainText("Édition publiée");

    await visit(reader, "/editions");
    await reader.getByRole("link", { name: "Accès aux droits\u00a0: les permanences hors les murs" }).click();
    await checkPage(reader);
    const programme = reader.getByRole("region", { name: "Programme" });
    await expect(programme).toContainText("Table ronde — aller vers les droits");
    await expect(programme).toContainText("Nadia BENALI — juriste, Point-justice de démonstration");
    await expect(programme).toContainText("Katty MUHEL");
    await expect(reader.getByRole("link", { name: "S’inscrire" })).toBeVisible();
    await anonymous.close();
  });

  test("delete a programme item and a person in two steps, without JavaScript", async ({ browser }) => {
    test.setTimeout(90_000);
    // axe needs scripts: the page of the question is checked by the test above.
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const page = await noScript.newPage();
    await loginAs(page, "organiser");
    await page.goto("/admin/editions");
    await page.getByRole("link", { name: "Autre édition de test", exact: true }).click();
    await page.getByRole("link", { name: "Programme" }).click();
    const item = await addProgrammeItem(page, {
      kind: "atelier",
      title: "Atelier à supprimer",
      start: "10:00",
      end: "10:30",
    });
    await (await openSpeakerForm(item)).selectOption({ label: "Katty MUHEL — SIAO 95" });
    await item.getByRole("button", { name: "Ajouter", exact: true }).click();
    await expect(item.getByRole("list", { name: /Intervenants/ }).getByRole("listitem")).toHaveCount(1);

    await item.getByRole("link", { name: /^Supprimer.*Atelier à supprimer/ }).click();
    await expect(page).toHaveURL(/[?&]supprimer=\d+/);
    await expect(item.getByRole("group", { name: /^Supprimer/ })).toContainText(
      "Supprimer «\u00a0Atelier à supprimer\u00a0» du programme\u00a0? Ses intervenants en sont retirés.",
    );
    // « Annuler » goes back and keeps the item.
    await item.getByRole("link", { name: /^Annuler/ }).click();
    await expect(page).not.toHaveURL(/supprimer=/);
    await expect(item.getByRole("group", { name: /^Supprimer/ })).toHaveCount(0);
    await item.getByRole("link", { name: /^Supprimer.*Atelier à supprimer/ }).click();
    await item.getByRole("button", { name: /^Confirmer la suppression.*Atelier à supprimer/ }).click();
    await expect(page.getByRole("status")).toHaveText(
      "Séquence «\u00a0Atelier à supprimer\u00a0» supprimée du programme.",
    );
    await expect(item).toHaveCount(0);

    // The list of people asks the same way.
    await page.goto("/admin/personnes");
    const create = page.locator("section").filter({ has: page.getByRole("heading", { name: "Nouvelle personne" }) });
    await create.getByRole("textbox", { name: /^Nom/ }).fill("Personne à supprimer");
    await create.getByRole("button", { name: "Créer" }).click();
    const row = page.getByRole("row").filter({ hasText: "Personne à supprimer" });
    await row.getByRole("link", { name: "Supprimer Personne à supprimer" }).click();
    await expect(row).toHaveCount(1);
    await expect(row.getByRole("group", { name: /^Supprimer/ })).toContainText(
      "Supprimer «\u00a0Personne à supprimer\u00a0» de la liste des intervenants\u00a0?",
    );
    await row.getByRole("button", { name: "Confirmer la suppression Personne à supprimer" }).click();
    await expect(page.getByRole("status")).toHaveText("Personne supprimée.");
    await expect(row).toHaveCount(0);
    await noScript.close();
  });

  test("export the registrations as CSV that French spreadsheets open, and print the sign-in sheet", async ({
    page,
  }) => {
    test.setTimeout(90_000);
    // Two people with accents register to the second test edition.
    for (const [first, last] of [
      ["Élodie", "Lefèvre"],
      ["Çağla", "Öztürk"],
    ] as const) {
      await page.goto("/editions/edition-e2e-autre/inscription");
      await fillRegistrationForm(page, {
        first,
        last,
        email: `${last
          .toLowerCase()
          .normalize("NFD")
          .replace(/\p{Diacritic}/gu, "")}@example.org`,
        organisation: 'CHRS "Le Relais"; Nord',
        structureType: "hebergement",
      });
      await page.getByRole("button", { name: "Je m’inscris" }).click();
      await expect(page.getByText("Votre place est confirmée.")).toBeVisible();
    }
    await loginAs(page, "organiser");
    await page.getByRole("navigation", { name: "Espace organisation" }).getByRole("link", { name: "Éditions" }).click();
    await page.getByRole("link", { name: "Autre édition de test" }).click();
    await checkPage(page);
    const downloadPromise = page.waitForEvent("download");
    await page.getByRole("link", { name: "Exporter en CSV" }).first().click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/^inscriptions-.+\.csv$/);
    const bytes = await (await import("node:fs/promises")).readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString("utf8");
    const lines = text.split("\r\n");
    expect(lines[0]!.split(";").slice(0, 4)).toEqual(["Nom", "Prénom", "Adresse e-mail", "Structure"]);
    expect(text).toContain("Lefèvre;Élodie;");
    expect(text).toContain("Öztürk;Çağla;");
    expect(text).toContain('"CHRS ""Le Relais""; Nord"');

    await page.getByRole("link", { name: "Feuille d’émargement" }).first().click();
    await checkPage(page);
    const rows = page.getByRole("table").getByRole("row");
    await expect(rows.nth(1)).toContainText("Lefèvre");
    await expect(rows.nth(2)).toContainText("Öztürk");
    // A full day (9 h to 15 h) is signed twice: once in the morning, once in the afternoon.
    await expect(page.getByRole("columnheader", { name: "Matin" })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: "Après-midi" })).toBeVisible();
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  });

  test("check a person in on a phone, and undo it", async ({ browser }) => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    await loginAs(page, "organiser");
    await page.goto("/admin/editions");
    await page.getByRole("link", { name: "Autre édition de test" }).click();
    await page.getByRole("link", { name: "Accueil du jour J" }).click();
    await checkPage(page);
    const counts = page.locator(".check-in__counts");
    await expect(counts).toContainText("0 personne présente sur 2 inscriptions");
    await page.getByLabel("Nom ou structure").fill("lefe");
    const early = page.getByRole("listitem").filter({ hasText: "LEFÈVRE" });
    await expect(page.getByRole("listitem").filter({ hasText: "ÖZTÜRK" })).toHaveCount(0);
    // Months before the day, check-in is closed (docs/lifecycle.md): the page says so, and refuses.
    await expect(page.getByText(/L’accueil est fermé/)).toBeVisible();
    await early.getByRole("button", { name: /Présent·e/ }).tap();
    await expect(early.getByRole("alert")).toContainText("L’accueil n’est pas ouvert");
    await expect(counts).toContainText("0 personne présente sur 2 inscriptions");

    // On a day that has begun, the same gestures check in and undo.
    await page.goto("/admin/editions");
    await page.getByRole("link", { name: "Journée de test déjà commencée", exact: true }).click();
    await page.getByRole("link", { name: "Accueil du jour J" }).click();
    await expect(page.getByText(/L’accueil est fermé/)).toHaveCount(0);
    await checkPage(page);
    await expect(counts).toContainText("0 personne présente sur 1 inscription");
    await page.getByLabel("Nom ou structure").fill("attes");
    const row = page.getByRole("listitem").filter({ hasText: "ATTESTÉE" });
    await row.getByRole("button", { name: /Présent·e/ }).tap();
    await expect(row).toContainText("Présent·e depuis");
    await expect(counts).toContainText("1 personne présente sur 1 inscription");
    await row.getByRole("button", { name: /^Annuler la présence\s: Inès Attestée$/ }).tap();
    await expect(counts).toContainText("0 personne présente sur 1 inscription");
    await phone.close();
  });

  test("write a message to the registrants and see it in the outbox", async ({ page }) => {
    await loginAs(page, "organiser");
    await page.goto("/admin/editions");
    await page.getByRole("link", { name: "Autre édition de test" }).click();
    await page.getByRole("link", { name: "Messages" }).click();
    await checkPage(page);
    await page.getByLabel("Objet").fill("Plan d’accès");
    await page.getByLabel("Message").fill("Le plan est **en ligne**.\n\n- entrée rue principale\n- ascenseur");
    await page.getByRole("button", { name: "Prévisualiser" }).click();
    await expect(
      page.getByRole("region", { name: "Aperçu" }).locator("strong").filter({ hasText: "en ligne" }),
    ).toBeVisible();
    await page.getByRole("button", { name: "Envoyer" }).click();
    await expect(page.getByRole("status").filter({ hasText: "envoyé" })).toContainText(/sur 2/);
    // Sent: the form starts afresh, so that a second click has nothing to send again.
    await expect(page.getByRole("textbox", { name: /^Objet/ })).toHaveValue("");
    await expect(page.getByRole("textbox", { name: /^Message/ })).toHaveValue("");
    await expect(page.getByRole("checkbox", { name: /^Personnes confirmées/ })).toBeChecked();
    await expect(page.getByRole("status").filter({ hasText: "envoyé" })).toContainText("2 envoyés sur 2", {
      timeout: 15_000,
    });
    await visit(page, "/admin/courriels");
    await expect(page.getByRole("row").filter({ hasText: "Plan d’accès" })).toHaveCount(2);
    await expect(
      page.getByText(/^Dernier envoi\u00a0: .+ à .+\. (Aucun courriel en attente|\d+ courriels? en attente)/),
    ).toBeVisible();

    // One of them went to spam: the organiser sends it again, and a copy joins the queue.
    await page.getByRole("row").filter({ hasText: "Plan d’accès" }).first().getByRole("link").click();
    // What the email is, in words: the organiser never reads an internal code.
    await expect(page.getByRole("definition").filter({ hasText: "Message des organisateurs" })).toHaveCount(1);
    await expect(page.locator("main")).not.toContainText("edition.message");
    await page.getByRole("button", { name: "Renvoyer ce courriel" }).click();
    await expect(page.getByRole("status")).toContainText(
      /Une copie du courriel n°\u00a0\d+ a été remise dans la file d’envoi\./,
    );
    await visit(page, "/admin/courriels");
    await expect(page.getByRole("row").filter({ hasText: "Plan d’accès" })).toHaveCount(3);
  });

  test("without JavaScript, a preview keeps the recipients ticked, and the message then goes", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await loginAs(page, "organiser");
    await page.goto("/admin/editions");
    await page.getByRole("link", { name: "Autre édition de test" }).click();
    await page.getByRole("link", { name: "Messages" }).click();
    const confirmed = page.getByRole("checkbox", { name: /^Personnes confirmées/ });
    await expect(confirmed).toBeChecked();
    await page.getByRole("textbox", { name: /^Objet/ }).fill("Accès en transports");
    await page.getByRole("textbox", { name: /^Message/ }).fill("Gare la plus proche\u00a0: *Goussainville*.");
    await page.getByRole("button", { name: "Prévisualiser" }).click();
    await expect(
      page.getByRole("region", { name: "Aperçu" }).locator("em").filter({ hasText: "Goussainville" }),
    ).toBeVisible();
    await expect(confirmed).toBeChecked();
    await expect(page.getByRole("checkbox", { name: /^Liste d’attente/ })).not.toBeChecked();
    await expect(page.getByRole("textbox", { name: /^Objet/ })).toHaveValue("Accès en transports");
    await page.getByRole("button", { name: "Envoyer" }).click();
    await expect(page.getByText("Choisissez au moins un groupe de destinataires.")).toHaveCount(0);
    await expect(page.getByRole("status").filter({ hasText: "envoyé" })).toContainText(/sur 2/);
    await expect(page.getByRole("textbox", { name: /^Objet/ })).toHaveValue("");
    await expect(page.getByRole("textbox", { name: /^Message/ })).toHaveValue("");
    await context.close();
  });
});

test("every back-office page passes the accessibility and typography checks", async ({ page }) => {
  test.setTimeout(180_000);
  await loginAs(page, "admin");
  await visit(page, "/admin/editions");
  const href = await page.getByRole("link", { name: "Autre édition de test" }).getAttribute("href");
  for (const url of [
    "/admin",
    "/admin/editions/nouvelle",
    href!,
    `${href}/modifier`,
    `${href}/inscriptions`,
    `${href}/inscriptions?statut=confirmed&tri=nom`,
    "/admin/personnes",
    "/admin/courriels",
    "/admin/utilisateurs",
    "/admin/utilisateurs/nouveau",
    "/admin/journal",
    "/admin/mot-de-passe",
  ]) {
    await visit(page, url);
  }
  await page.goto("/admin/utilisateurs");
  await page.getByRole("table").getByRole("link").first().click();
  await checkPage(page);
});

test("a missing page of the back-office answers 404 inside the back-office, menu included", async ({ page }) => {
  await loginAs(page, "organiser");
  for (const [url, title] of [
    ["/admin/editions/999999", "Édition introuvable"],
    ["/admin/courriels/999999", "Courriel introuvable"],
    ["/admin/syntheses/999999/documents", "Synthèse introuvable"],
  ] as const) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page).toHaveTitle(`${title} · CTS · SIAO 95`);
    const menu = page.getByRole("navigation", { name: "Espace organisation" });
    await expect(menu.getByRole("link", { name: "Éditions" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Revenir au tableau de bord" })).toBeVisible();
    await checkPage(page);
  }
});

/** Unfolds a session's « Ajouter un intervenant » form unless it is already open, and returns its person field. */
async function openSpeakerForm(item: Locator): Promise<Locator> {
  const person = item.getByRole("combobox", { name: /^Personne/ });
  if (!(await person.isVisible())) await item.getByText("Ajouter un intervenant").click();
  await expect(person).toBeVisible();
  return person;
}
