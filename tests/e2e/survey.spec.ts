import fs from "node:fs";
import path from "node:path";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { loginAs, loginTo } from "./accounts.ts";
import { countRows, e2eDatabasePath } from "./database.ts";
import { checkPage, fillRegistrationForm, followLink, openEmail, visit } from "./support.ts";

/** The path of the first link to the app found in the newest email to `address` whose subject matches. */
async function linkFromEmail(page: Page, address: string, subject: RegExp, path: RegExp): Promise<string> {
  const text = await openEmail(page, address, subject);
  const match = new RegExp(`http://localhost:\\d+(${path.source})`).exec(text);
  expect(match, `link in the email to ${address}`).not.toBeNull();
  return match![1]!;
}

/** Private links of people the e2e seed registered a month ago (tests/e2e/seed-extra.ts). */
function seededLinks(): Record<string, string> {
  return JSON.parse(
    fs.readFileSync(path.join(path.dirname(e2eDatabasePath()), "e2e-private-links.json"), "utf8"),
  ) as Record<string, string>;
}

/** Registers `who` to `slug` in a new tab of `people`: the tab, and the private link it ends on. */
async function register(
  people: BrowserContext,
  slug: string,
  who: { first: string; last: string; email: string; organisation: string; listed: boolean },
) {
  const page = await people.newPage();
  await visit(page, `/editions/${slug}/inscription`);
  const optIn = page.getByRole("checkbox", { name: "Apparaître dans la liste des participants" });
  await expect(optIn).not.toBeChecked();
  await fillRegistrationForm(page, {
    ...who,
    role: "coordinatrice",
    structureType: { label: "Hébergement" },
    meal: "Non",
  });
  if (who.listed) await optIn.check();
  await page.getByRole("button", { name: "Je m’inscris" }).click();
  await expect(page).toHaveURL(/\/inscription\/[A-Za-z0-9_-]{22}$/);
  return { page, link: new URL(page.url()).pathname };
}

test.describe("after the day", () => {
  test("check in, mark held, invite; the participant answers from the email; the organiser reads anonymous results", async ({
    page,
    browser,
  }) => {
    test.setTimeout(300_000);
    await loginTo(page, "organiser", "/admin/editions");
    const edition = (await page.getByRole("link", { name: "Édition passée de test" }).getAttribute("href"))!;

    // Before the edition is held, nobody is invited.
    await visit(page, `${edition}/questionnaire`);
    await expect(page.locator("main")).toContainText(
      "Le questionnaire s’ouvre quand l’édition est marquée comme tenue",
    );
    await expect(page.getByRole("button", { name: /Envoyer l’invitation/ })).toHaveCount(0);

    // Alice came, Bruno did not.
    await visit(page, `${edition}/accueil`);
    await page.getByRole("button", { name: /Présent·e\s*: Alice Présente/ }).click();
    await expect(page.getByRole("status")).toContainText("1 personne présente sur 2 inscriptions");
    await checkPage(page);

    await visit(page, edition);
    await page.getByRole("button", { name: "Marquer comme tenue" }).click();
    await expect(page.getByRole("status")).toContainText("Édition marquée comme tenue.");

    await page
      .getByRole("navigation", { name: "Rubriques de l’édition" })
      .getByRole("link", { name: "Questionnaire" })
      .click();
    await checkPage(page);
    await expect(page.locator("main")).toContainText("1\u00a0personne présente, 0\u00a0invitée, 1\u00a0à inviter");
    await page.getByRole("button", { name: "Envoyer l’invitation (1)" }).click();
    await expect(page.getByRole("status")).toContainText("1\u00a0invitation ajoutée à la file d’envoi.");
    await expect(page.getByRole("button", { name: /Envoyer l’invitation/ })).toHaveCount(0);
    // Another click (say, from a second tab) sends nothing more.
    const again = await page.request.post(`${edition}/questionnaire`, { form: { intent: "invite" }, maxRedirects: 0 });
    expect(again.headers()["location"]).toMatch(/\/questionnaire$/);
    expect(await (await page.request.get(`${edition}/questionnaire`)).text()).toContain("Aucune nouvelle invitation");
    const invitations = (address: string) =>
      countRows("select count(*) as n from emails where kind = 'survey.invitation' and to_address = ?", address);
    expect(invitations("alice.presente@example.org")).toBe(1);
    expect(invitations("bruno.absent@example.org")).toBe(0);

    // Alice follows the link of her email and answers without JavaScript; a second tab, with
    // JavaScript, runs the accessibility scan (axe needs scripts) on what she sees.
    const survey = await linkFromEmail(
      page,
      "alice.presente@example.org",
      /Votre avis sur la journée/,
      /\/inscription\/[A-Za-z0-9_-]{22}\/questionnaire/,
    );
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const alice = await noScript.newPage();
    const scanner = await (await browser.newContext()).newPage();
    await alice.goto(survey);
    await visit(scanner, survey);
    await expect(alice.getByRole("heading", { level: 1 })).toHaveText(
      "Votre avis sur «\u00a0Édition passée de test\u00a0»",
    );
    // Only the first question is required (the browser says so first); the server says it too.
    const incomplete = await alice.request.post(survey, { form: { keep: "Tout" }, maxRedirects: 0 });
    expect(incomplete.status()).toBe(400);
    const answered = await incomplete.text();
    expect(answered).toMatch(
      /<p id="([^"]+)" class="field__error">Indiquez votre satisfaction générale, de 1 à 5\.<\/p>/,
    );
    const errorId = /<p id="([^"]+)" class="field__error">Indiquez votre satisfaction/.exec(answered)![1]!;
    expect(answered).toContain(`aria-describedby="${errorId}"`);
    const overall = alice.getByRole("group", { name: /Dans l’ensemble/ });
    await overall.getByRole("radio", { name: "4 — satisfait·e" }).check();
    await alice
      .getByRole("group", { name: "Conférence d’ouverture" })
      .getByRole("radio", { name: "5 — très utile" })
      .check();
    await alice
      .getByRole("group", { name: "Table ronde du matin" })
      .getByRole("radio", { name: "3 — assez utile" })
      .check();
    await expect(
      alice.getByRole("group", { name: "Atelier de l’après-midi" }).getByRole("radio", { name: "Sans avis" }),
    ).toBeChecked();
    await alice.getByLabel("Ce qu’il faut garder").fill("Les échanges entre équipes mobiles");
    await alice.getByLabel("Ce qu’il faudrait changer").fill("Une pause de plus");
    await alice.getByLabel("Thèmes souhaités pour les prochaines éditions").fill("Santé mentale\nLogement d’abord");
    await alice.getByLabel("Commentaire libre").fill("Merci pour cette journée");
    await alice.getByRole("button", { name: "Envoyer mes réponses" }).click();
    await expect(alice.getByRole("status")).toContainText("Vos réponses sont enregistrées.");
    await visit(scanner, alice.url());
    // Her answers come back in the form; she changes her mind once.
    await expect(alice.getByLabel("Thèmes souhaités pour les prochaines éditions")).toHaveValue(
      "Santé mentale\nLogement d’abord",
    );
    await alice
      .getByRole("group", { name: /Dans l’ensemble/ })
      .getByRole("radio", { name: "5 — très satisfait·e" })
      .check();
    await alice.getByRole("button", { name: "Mettre à jour mes réponses" }).click();
    await expect(alice.getByRole("status")).toContainText("Vos réponses sont enregistrées.");
    expect(
      countRows(
        "select count(*) as n from survey_responses r join registrations g on g.id = r.registration_id where g.email = ? and r.overall = 5",
        "alice.presente@example.org",
      ),
    ).toBe(1);
    await visit(scanner, survey.replace(/\/questionnaire$/, ""));
    await expect(scanner.getByRole("link", { name: "Modifier mes réponses" })).toBeVisible();

    // Bruno, registered but not checked in, is told why he cannot answer.
    const bruno = seededLinks()["absent"]!;
    await visit(scanner, `${bruno}/questionnaire`);
    await expect(scanner.locator("main")).toContainText("réservé aux personnes dont la présence a été enregistrée");
    await expect(scanner.getByRole("button", { name: /Envoyer mes réponses/ })).toHaveCount(0);
    const refused = await scanner.request.post(`${bruno}/questionnaire`, { form: { overall: "5" }, maxRedirects: 0 });
    expect(refused.status()).toBe(403);
    await noScript.close();
    await scanner.context().close();

    // The organiser reads the results: figures, charts with their tables, texts, and no name.
    await visit(page, `${edition}/questionnaire`);
    const main = page.locator("main");
    await expect(
      page
        .getByRole("table", { name: /Note moyenne de chaque séquence/ })
        .getByRole("row", { name: /Conférence d’ouverture/ }),
    ).toContainText("5,0\u00a0/\u00a05");
    await expect(
      page.getByRole("figure").filter({ hasText: "Satisfaction générale" }).locator(".chart__rows"),
    ).toBeVisible();
    await expect(page.getByRole("table", { name: "Satisfaction générale" })).toContainText("5 — très satisfait·e");
    await expect(page.getByRole("table", { name: /Thèmes proposés/ })).toContainText("Logement d’abord");
    await expect(main).toContainText("Les échanges entre équipes mobiles");
    await expect(main).toContainText("Merci pour cette journée");
    await expect(main).not.toContainText("Alice");
    await expect(main).not.toContainText("alice.presente");
    const csv = await page.request.get(`${edition}/questionnaire.csv`);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const body = await csv.text();
    expect(body).toContain("Les échanges entre équipes mobiles");
    expect(body).not.toMatch(/Alice|alice\.presente|Présente/);

    // The demo edition's answers are offered as themes for the next edition.
    await visit(page, "/admin/editions/nouvelle");
    const suggestions = page.getByRole("group", { name: "Thèmes souhaités par les participants des éditions passées" });
    await suggestions.getByRole("link", { name: "Santé mentale et rue" }).click();
    await checkPage(page);
    await expect(page.getByRole("textbox", { name: /^Titre/ })).toHaveValue("Santé mentale et rue");
    await expect(page.getByRole("textbox", { name: "Nouveau thème" })).toHaveValue("Santé mentale et rue");
  });

  test("the participants' list: opt-in, seen only by that edition's people and by organisers, opt-out at any time", async ({
    page,
    browser,
  }) => {
    test.setTimeout(240_000);
    const people = await browser.newContext();
    const { page: dana, link: danaLink } = await register(people, "edition-e2e-autre", {
      first: "Dana",
      last: "Réseau",
      email: "dana.reseau@example.org",
      organisation: "Accueil de jour Horizon",
      listed: true,
    });
    const { page: eliott, link: eliottLink } = await register(people, "edition-e2e-autre", {
      first: "Eliott",
      last: "Discret",
      email: "eliott.discret@example.org",
      organisation: "SAMU social",
      listed: false,
    });
    // Someone registered to another edition.
    const { page: farid, link: faridLink } = await register(people, "cts-sante-mentale-2027", {
      first: "Farid",
      last: "Ailleurs",
      email: "farid.ailleurs@example.org",
      organisation: "CMP Nord",
      listed: true,
    });

    // Eliott sees Dana, not himself, and no address.
    await visit(eliott, eliottLink);
    await followLink(eliott, "Voir la liste et changer mon choix");
    const list = eliott.getByRole("table", { name: /Participants ayant choisi/ });
    await expect(list).toContainText("Dana Réseau");
    await expect(list).toContainText("Accueil de jour Horizon");
    await expect(list).not.toContainText("Eliott");
    await expect(eliott.locator("main")).not.toContainText("@example.org");
    const headers = (await eliott.request.get(`${eliottLink}/participants`)).headers();
    expect(headers["cache-control"]).toBe("no-store");
    expect(headers["x-robots-tag"]).toContain("noindex");

    // Farid, of another edition, does not.
    await visit(farid, `${faridLink}/participants`);
    await expect(farid.getByRole("table", { name: /Participants ayant choisi/ })).toContainText("Farid Ailleurs");
    await expect(farid.locator("main")).not.toContainText("Dana");
    // Nor does a visitor without a link, whatever they try.
    const anonymous = await browser.newContext();
    const visitor = await anonymous.newPage();
    const wrong = await visitor.goto("/inscription/AAAAAAAAAAAAAAAAAAAAAA/participants");
    expect(wrong?.status()).toBe(404);
    await visit(visitor, "/editions/edition-e2e-autre");
    await expect(visitor.locator("main")).not.toContainText("Dana");
    const admin = await visitor.goto("/admin/editions");
    expect(new URL(admin!.url()).pathname).toBe("/admin/connexion");
    await anonymous.close();

    // Eliott opts in; Dana opts out.
    await eliott.getByRole("button", { name: "Apparaître dans la liste" }).click();
    await expect(eliott.getByRole("status")).toContainText("Vous apparaissez désormais dans la liste.");
    await expect(list).toContainText("Eliott Discret");
    await checkPage(eliott);
    await visit(dana, `${danaLink}/participants`);
    await dana.getByRole("button", { name: "Ne plus apparaître dans la liste" }).click();
    await expect(dana.getByRole("status")).toContainText("Vous n’apparaissez plus dans la liste.");
    await eliott.reload();
    await expect(list).not.toContainText("Dana");

    // Organisers see the list in the back-office.
    await loginAs(page, "organiser");
    await visit(page, "/admin/editions");
    const edition = (await page.getByRole("link", { name: "Autre édition de test" }).getAttribute("href"))!;
    await page.goto(edition);
    await page
      .getByRole("navigation", { name: "Rubriques de l’édition" })
      .getByRole("link", { name: "Réseau" })
      .click();
    await checkPage(page);
    await expect(page.getByRole("table", { name: /Participants ayant choisi/ })).toContainText("Eliott Discret");
    await expect(page.getByRole("table", { name: /Participants ayant choisi/ })).not.toContainText("Dana");
    await people.close();
  });

  test("once held, the public edition page names the organisations present, never a person", async ({ page }) => {
    await visit(page, "/editions/edition-e2e-tenue");
    const present = page.getByRole("region", { name: "Les structures présentes" });
    await expect(present).toContainText("1\u00a0personne présente ce jour-là");
    await expect(present.getByRole("region", { name: /Hébergement/ })).toContainText("EMPP du Val-d’Oise");
    await expect(page.locator("main")).not.toContainText("Chloé");
    // A published edition that has not been held shows nothing of the kind.
    await visit(page, "/editions/edition-e2e-autre");
    await expect(page.getByRole("region", { name: "Les structures présentes" })).toHaveCount(0);
  });
});
