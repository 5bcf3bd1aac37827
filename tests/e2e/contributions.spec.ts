import { expect, test, type Page } from "@playwright/test";
import { loginAs } from "./accounts.ts";
import { checkPage, followLink, visit } from "./support.ts";

// The demo edition « Santé mentale et grande précarité » has its call for contributions open
// and two tables rondes. Its slug carries a year that depends on the day the demo is loaded.
const EDITION = "Santé mentale et grande précarité";

const SPEAKER = {
  name: "Inès Moreau",
  email: "ines.moreau@example.org",
  role: "infirmière",
  organisation: "Équipe mobile psychiatrie précarité",
};
const CO_SPEAKER = {
  name: "Karim Benali",
  role: "travailleur pair",
  organisation: "Association Exemple",
  email: "karim.benali@example.org",
};
const TITLE = "Dormir dehors et se soigner, un an de maraude santé";
const ABSTRACT =
  "Depuis un an, notre équipe mobile sort chaque semaine avec la maraude du 115.\n\nNous raconterons trois situations, ce qui a permis un premier rendez-vous de soin, et ce qui manque encore.";

/** The public page of the demo edition, found as a reader finds it. */
async function demoEditionPath(page: Page): Promise<string> {
  await visit(page, "/editions");
  await page.getByRole("link", { name: EDITION, exact: true }).first().click();
  await checkPage(page);
  return new URL(page.url()).pathname;
}

/** Opens the demo edition's contributions tab in the back-office. */
async function openContributionsTab(page: Page): Promise<void> {
  await visit(page, "/admin/editions");
  await page.getByRole("link", { name: EDITION, exact: true }).click();
  await page
    .getByRole("navigation", { name: "Rubriques de l’édition" })
    .getByRole("link", { name: "Contributions" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Contributions" })).toBeVisible();
  await checkPage(page);
}

test.describe("the call for contributions", () => {
  test("a speaker proposes without JavaScript, a reviewer scores, the organiser accepts and notifies, and the speaker is in the programme", async ({
    page,
    browser,
  }) => {
    test.setTimeout(180_000);
    const editionPath = await demoEditionPath(page);
    await page.getByRole("link", { name: "Proposer une contribution" }).click();
    await expect(page).toHaveURL(/\/contribuer$/);
    await checkPage(page);
    const callPath = new URL(page.url()).pathname;
    await expect(page.getByRole("heading", { name: "Les formats" })).toBeVisible();
    await expect(page.locator("main")).toContainText("Atelier");

    // With JavaScript: a live count of the abstract, and more co-speaker rows on demand.
    const abstract = page.getByRole("textbox", { name: /^Résumé/ });
    await abstract.fill("x".repeat(1501));
    await expect(page.locator("p.char-count")).toContainText(/1\scaractère de trop/);
    await abstract.fill(ABSTRACT);
    await expect(page.locator("p.char-count")).toContainText(/il en reste/);
    await expect(page.getByRole("group", { name: /^Co-intervenant·e \d$/ })).toHaveCount(3);
    await page.getByRole("button", { name: "Ajouter un co-intervenant" }).click();
    await expect(page.getByRole("group", { name: "Co-intervenant·e 4" })).toBeVisible();
    await checkPage(page);

    // The proposal itself, from a browser without JavaScript: three fixed co-speaker rows.
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const form = await noScript.newPage();
    await form.goto(callPath);
    await expect(form.getByRole("button", { name: "Ajouter un co-intervenant" })).toHaveCount(0);
    await expect(form.getByRole("group", { name: /^Co-intervenant·e \d$/ })).toHaveCount(3);
    const you = form.getByRole("group", { name: "Vous", exact: true });
    await you.getByRole("textbox", { name: /^Nom et prénom/ }).fill(SPEAKER.name);
    await you.getByRole("textbox", { name: /^Adresse e-mail/ }).fill(SPEAKER.email);
    await you.getByRole("textbox", { name: /^Fonction/ }).fill(SPEAKER.role);
    await you.getByRole("textbox", { name: /^Structure/ }).fill(SPEAKER.organisation);
    const co = form.getByRole("group", { name: "Co-intervenant·e 1" });
    await co.getByRole("textbox", { name: /^Nom et prénom/ }).fill(CO_SPEAKER.name);
    await co.getByRole("textbox", { name: /^Fonction/ }).fill(CO_SPEAKER.role);
    await co.getByRole("textbox", { name: /^Structure/ }).fill(CO_SPEAKER.organisation);
    await co.getByRole("textbox", { name: /^Adresse e-mail/ }).fill(CO_SPEAKER.email);
    await form.getByRole("textbox", { name: /^Titre/ }).fill(TITLE);
    await form.getByRole("textbox", { name: /^Résumé/ }).fill(ABSTRACT);
    await form.getByRole("radio", { name: "Intervention dans une table ronde" }).check();
    const tableRonde2 = await form.locator("option", { hasText: "Table ronde 2" }).getAttribute("value");
    await form.getByRole("combobox", { name: /^Table ronde souhaitée/ }).selectOption(tableRonde2!);
    await form.getByRole("textbox", { name: /^Disponibilités/ }).fill("Disponible l’après-midi seulement");
    await form.getByLabel("J’ai pris connaissance de la notice d’information ci-dessus.").check();
    await form.getByRole("button", { name: "Envoyer ma proposition" }).click();
    await expect(form).toHaveURL(/\/contribution\/[A-Za-z0-9_-]{22}$/);
    await expect(form.getByText("Votre proposition est enregistrée.")).toBeVisible();
    const privateLink = new URL(form.url()).pathname;
    await noScript.close();

    // The speaker corrects it from the private link.
    const anonymous = await browser.newContext();
    const own = await anonymous.newPage();
    await visit(own, privateLink);
    await expect(own.getByText("Votre proposition est en cours d’examen")).toBeVisible();
    await own.getByRole("textbox", { name: /^Disponibilités/ }).fill("Disponible l’après-midi, à partir de 13 h");
    await own.getByRole("button", { name: "Enregistrer mes modifications" }).click();
    await expect(own.getByText("Vos modifications sont enregistrées.")).toBeVisible();
    await expect(own.getByRole("textbox", { name: /^Disponibilités/ })).toHaveValue(
      "Disponible l’après-midi, à partir de 13 h",
    );
    await checkPage(own);

    // A reviewer scores it, blind to the others' scores, and cannot decide.
    const reviewerContext = await browser.newContext();
    const reviewer = await reviewerContext.newPage();
    await loginAs(reviewer, "reviewer");
    await checkPage(reviewer);
    await followLink(reviewer, /^Contributions de «.Santé mentale et grande précarité.»$/);
    await expect(reviewer.getByRole("navigation", { name: "Rubriques de l’édition" }).getByRole("link")).toHaveText([
      "Contributions",
    ]);
    await followLink(reviewer, TITLE);
    await expect(reviewer.getByRole("region", { name: "Avis de la relecture" })).toContainText(
      "s’afficheront une fois la vôtre donnée",
    );
    await expect(reviewer.locator("main")).not.toContainText(SPEAKER.email);
    await expect(reviewer.getByRole("region", { name: "Décision" })).toHaveCount(0);
    await reviewer.getByRole("radio", { name: "4 — très intéressante" }).check();
    await reviewer
      .getByRole("textbox", { name: /^Commentaire/ })
      .fill("Très concret, une vraie expérience de terrain.");
    await reviewer.getByRole("button", { name: "Enregistrer ma note" }).click();
    await expect(reviewer.getByRole("status")).toContainText("Votre note est enregistrée.");
    await expect(reviewer.getByRole("region", { name: "Avis de la relecture" })).toContainText("Note moyenne");
    await checkPage(reviewer);
    const refused = await reviewer.request.post(reviewer.url().replace(/[?#].*$/, ""), {
      form: { intent: "accept", sessionId: tableRonde2! },
      maxRedirects: 0,
    });
    expect(refused.status()).toBe(403);
    await reviewerContext.close();

    // The organiser filters, reads the scores, accepts into the wished table ronde.
    await loginAs(page, "organiser");
    await openContributionsTab(page);
    await page.getByRole("combobox", { name: "Format" }).selectOption("atelier");
    await page.getByRole("button", { name: "Filtrer" }).click();
    await expect(page).toHaveURL(/format=atelier/);
    await expect(page.getByRole("link", { name: TITLE })).toHaveCount(0);
    await page.getByRole("combobox", { name: "Format" }).selectOption("table_ronde");
    await page.getByRole("combobox", { name: "Table ronde souhaitée" }).selectOption(tableRonde2!);
    await page.getByRole("button", { name: "Filtrer" }).click();
    await expect(page).toHaveURL(new RegExp(`seance=${tableRonde2}`));
    const row = page.getByRole("row").filter({ hasText: TITLE });
    await expect(row).toContainText(/4,0\s\/\s5/);
    await checkPage(page);
    await row.getByRole("link", { name: TITLE }).click();
    await checkPage(page);
    await expect(page.getByRole("region", { name: "Avis de la relecture" })).toContainText(
      "Très concret, une vraie expérience de terrain.",
    );
    await expect(page.locator("main")).toContainText(SPEAKER.email);
    const decision = page.getByRole("region", { name: "Décision" });
    await expect(decision.getByRole("combobox", { name: /^Séquence du programme/ })).toHaveValue(tableRonde2!);
    await decision
      .getByRole("textbox", { name: /^Message joint/ })
      .fill("Merci, nous vous attendons à 13 h 15 pour préparer la table ronde.");
    await decision.getByRole("button", { name: "Accepter la contribution" }).click();
    await expect(page.getByRole("status")).toContainText("Contribution acceptée");
    await checkPage(page);

    // One click sends every decision; there is nothing left to send twice.
    await page.getByRole("link", { name: "Toutes les contributions" }).click();
    await page.getByRole("button", { name: "Notifier toutes les décisions" }).click();
    await expect(page.getByRole("status").filter({ hasText: "envoyée" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Notifier toutes les décisions" })).toHaveCount(0);
    await expect(page.getByText("Aucune décision en attente d’envoi.")).toBeVisible();
    await checkPage(page);

    // The acceptance, with the session, its time and an invite, for the speaker and the co-speaker.
    await visit(page, "/admin/courriels");
    await expect(
      page.getByRole("row").filter({ hasText: CO_SPEAKER.email }).filter({ hasText: "Contribution retenue" }),
    ).toHaveCount(1);
    await page
      .getByRole("row")
      .filter({ hasText: SPEAKER.email })
      .filter({ hasText: "Contribution retenue" })
      .first()
      .getByRole("link")
      .click();
    await checkPage(page);
    await expect(page.locator("main")).toContainText("Invitation jointe (REQUEST)");
    const text = await page.locator("pre.email-text").first().innerText();
    expect(text).toMatch(/Séquence\s:\sTable ronde 2/);
    expect(text).toMatch(/Horaires\s:\sde 13\sh\s30 à 15\sh\s45/);
    expect(text).toContain("nous vous attendons à 13 h 15");
    expect(text).toContain(privateLink);
    await expect(page.locator("pre.email-text").last()).toContainText("UID:cts-contribution-");

    // The speaker's name is in the public programme, under the table ronde.
    await visit(own, editionPath);
    const programme = own.getByRole("region", { name: "Programme" });
    const speakers = programme.getByRole("list", { name: /Table ronde 2/ });
    await expect(speakers).toContainText(`${SPEAKER.name} — ${SPEAKER.role}, ${SPEAKER.organisation}`);
    await expect(speakers).toContainText(CO_SPEAKER.name);
    await visit(own, privateLink);
    await expect(own.getByText("Votre contribution est retenue.")).toBeVisible();
    await expect(own.locator("main")).toContainText(/de 13\sh\s30 à 15\sh\s45/);
    await expect(own.getByRole("link", { name: "Ajouter à mon agenda (fichier .ics)" })).toBeVisible();
    await expect(own.getByRole("textbox", { name: /^Titre/ })).toHaveCount(0);
    await anonymous.close();
  });

  test("a withdrawn accepted contribution leaves the programme and the organisers are told", async ({
    page,
    browser,
    request,
  }) => {
    test.setTimeout(120_000);
    const editionPath = await demoEditionPath(page);
    const tableRonde1 = await (async () => {
      await visit(page, `${editionPath}/contribuer`);
      return page.locator("option", { hasText: "Table ronde 1" }).getAttribute("value");
    })();
    // A plain form post, as a browser without JavaScript sends it.
    const posted = await request.post(`${editionPath}/contribuer`, {
      form: {
        name: "Lucie Fontaine",
        email: "lucie.fontaine@example.org",
        role: "cheffe de service",
        organisation: "CHRS Les Tilleuls",
        title: "Héberger sans condition de soin",
        abstract: "Comment un CHRS accueille des personnes qui refusent les soins.",
        format: "retour_experience",
        wishedSessionId: tableRonde1!,
        notice: "on",
      },
      maxRedirects: 0,
    });
    expect(posted.status()).toBe(303);
    const privateLink = posted.headers()["location"]!.replace(/\?.*$/, "");

    await loginAs(page, "organiser");
    await openContributionsTab(page);
    await page.getByRole("link", { name: "Héberger sans condition de soin" }).click();
    await page
      .getByRole("region", { name: "Décision" })
      .getByRole("button", { name: "Accepter la contribution" })
      .click();
    await expect(page.getByRole("status")).toContainText("Contribution acceptée");
    await page.getByRole("link", { name: "Toutes les contributions" }).click();
    await page.getByRole("button", { name: "Notifier toutes les décisions" }).click();
    await expect(page.getByRole("status").filter({ hasText: "envoyée" })).toBeVisible();

    const anonymous = await browser.newContext();
    const speaker = await anonymous.newPage();
    await visit(speaker, editionPath);
    await expect(speaker.getByRole("region", { name: "Programme" })).toContainText("Lucie Fontaine");
    await visit(speaker, privateLink);
    await followLink(speaker, "Retirer ma contribution");
    await speaker.getByRole("button", { name: "Confirmer le retrait" }).click();
    await expect(speaker.getByText("Le retrait de votre contribution est enregistré.")).toBeVisible();
    await expect(speaker.getByText("Vous avez retiré cette contribution")).toBeVisible();
    await expect(speaker.getByRole("link", { name: "Retirer ma contribution" })).toHaveCount(0);
    await checkPage(speaker);
    await visit(speaker, editionPath);
    await expect(speaker.getByRole("region", { name: "Programme" })).not.toContainText("Lucie Fontaine");
    await anonymous.close();

    await visit(page, "/admin/courriels");
    await expect(
      page
        .getByRole("row")
        .filter({ hasText: "organisatrice@e2e.example" })
        .filter({ hasText: "Contribution retirée" }),
    ).toHaveCount(1);
    await page
      .getByRole("row")
      .filter({ hasText: "lucie.fontaine@example.org" })
      .filter({ hasText: "Contribution retirée" })
      .getByRole("link")
      .click();
    await expect(page.locator("main")).toContainText("Invitation jointe (CANCEL)");
    await checkPage(page);
  });

  test("without JavaScript, a proposal sent back names its errors above the form and in the title", async ({
    page,
    browser,
  }) => {
    const editionPath = await demoEditionPath(page);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const noScript = await context.newPage();
    await noScript.goto(`${editionPath}/contribuer`);
    await noScript
      .getByRole("textbox", { name: /^Nom et prénom/ })
      .first()
      .fill("Paul Martin");
    await noScript
      .getByRole("textbox", { name: /^Adresse e-mail/ })
      .first()
      .fill("paul.martin@example.org");
    await noScript
      .getByRole("textbox", { name: /^Fonction/ })
      .first()
      .fill("éducateur");
    await noScript.getByRole("textbox", { name: /^Titre/ }).fill("Un accueil de jour ouvert le dimanche");
    await noScript.getByRole("textbox", { name: /^Résumé/ }).fill("Ce que change une ouverture le dimanche.");
    await noScript.getByRole("button", { name: "Envoyer ma proposition" }).click();

    await expect(noScript).toHaveTitle(/^Erreur\u00a0: Appel à contributions — /);
    await expect(noScript.locator("title")).toHaveCount(1);
    const summary = noScript.locator(".error-summary");
    await expect(summary.getByRole("heading")).toHaveText("Le formulaire contient 3\u00a0erreurs");
    const links = summary.getByRole("link");
    await expect(links).toHaveText([
      /^Structure\u00a0: /,
      "Format\u00a0: Choisissez un format dans la liste.",
      /^J’ai pris connaissance de la notice d’information ci-dessus\u00a0: Confirmez/,
    ]);
    // A group of radio buttons is reached through its fieldset, which reads its legend and its error.
    await links.nth(1).click();
    await expect(noScript.getByRole("group", { name: /^Format/ })).toBeFocused();
    await context.close();
  });

  test("the server checks what the browser checks, and refuses a closed call", async ({ page, request }) => {
    const editionPath = await demoEditionPath(page);
    const valid = {
      name: "Paul Martin",
      email: "paul.martin@example.org",
      role: "éducateur",
      organisation: "Accueil de jour",
      title: "Un accueil de jour ouvert le dimanche",
      abstract: "Ce que change une ouverture le dimanche.",
      format: "atelier",
      notice: "on",
    };
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ abstract: "a".repeat(1501) }, "abstract", "1\u00a0caractère de trop (1\u202f501 / 1\u202f500)."],
      [{ title: "<script>alert(1)</script>" }, "title", "caractères non autorisés"],
      [{ email: "pas-une-adresse" }, "email", "Cette adresse e-mail n’est pas valide"],
      [{ format: "conference" }, "format", "Choisissez un format dans la liste."],
      [{ name: "" }, "name", "Indiquez votre nom et votre prénom."],
    ];
    for (const [change, field, message] of cases) {
      const response = await request.post(`${editionPath}/contribuer`, { form: { ...valid, ...change } });
      expect(response.status(), field).toBe(400);
      const html = await response.text();
      expect(html).toMatch(
        new RegExp(`<p id="contribution-${field}-error" class="field__error">[^<]*${message.slice(0, 15)}`),
      );
      expect(html).toMatch(new RegExp(`aria-describedby="[^"]*contribution-${field}-error`));
      expect(html).not.toContain("<script>alert(1)</script>");
    }
    const robot = await request.post(`${editionPath}/contribuer`, {
      form: { ...valid, siteWeb: "http://spam.example" },
    });
    expect(robot.status()).toBe(400);
    expect(await robot.text()).toContain("Votre envoi n’a pas pu être accepté.");

    // The test edition has no call for contributions: an explanation instead of the form.
    expect((await request.post("/editions/edition-e2e/contribuer", { form: valid })).status()).toBe(409);
    await visit(page, "/editions/edition-e2e/contribuer");
    await expect(page.locator("main")).toContainText("Cette édition ne lance pas d’appel à contributions.");
    await expect(page.getByRole("button", { name: "Envoyer ma proposition" })).toHaveCount(0);

    const wrong = await request.get("/contribution/AAAAAAAAAAAAAAAAAAAAAA");
    expect(wrong.status()).toBe(404);
    expect(wrong.headers()["cache-control"]).toBe("no-store");
    expect(wrong.headers()["referrer-policy"]).toBe("no-referrer");
    expect(await wrong.text()).toContain("Lien personnel invalide");
  });
});
