import { expect, test, type Browser, type Page } from "@playwright/test";
import { loginAs } from "./accounts.ts";
import { checkPage, fillRegistrationForm, followLink, openEmail, visit } from "./support.ts";

const TOKEN = "[A-Za-z0-9_-]{22}";

async function register(page: Page, slug: string, first: string, last: string, email: string) {
  await page.goto(`/editions/${slug}/inscription`);
  await fillRegistrationForm(page, { first, last, email });
  await page.getByRole("button", { name: /Je m’inscris|Rejoindre la liste d’attente/ }).click();
  await expect(page).toHaveURL(new RegExp(`/inscription/${TOKEN}$`));
  await expect(page.getByRole("status").filter({ hasText: "Un e-mail vient de partir" })).toBeVisible();
  return new URL(page.url()).pathname;
}

/**
 * Someone registers to the hand-over edition in a browser of their own, then follows `linkName` from
 * their private page: that browser, the page, and the private link.
 */
async function registerThenFollow(browser: Browser, who: [string, string, string], linkName: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const link = await register(page, "edition-e2e-cession", ...who);
  await followLink(page, linkName);
  return { context, page, link };
}

function pathIn(text: string, pattern: RegExp): string {
  const match = pattern.exec(text);
  expect(match, `${pattern} in the email`).not.toBeNull();
  return match![1]!;
}

test.describe("what a registrant does from their private link", () => {
  test("hand over a place: the colleague gets it with their own link, both emails are in the outbox, the old link is dead", async ({
    page,
    browser,
  }) => {
    test.setTimeout(120_000);
    const who: [string, string, string] = ["Chloé", "Cédante", "chloe.cedante@example.org"];
    const { context, page: holder, link: oldLink } = await registerThenFollow(browser, who, "Céder ma place");
    for (const [label, value] of [
      ["Son prénom", "Yanis"],
      ["Son nom", "Repreneur"],
      ["Son adresse e-mail", "chloe.cedante@example.org"],
      ["Sa structure", "CHRS Les Tilleuls"],
    ] as const)
      await holder.getByLabel(label).fill(value);
    await holder.getByRole("radio", { name: "Non" }).check();
    await holder.getByRole("button", { name: "Céder ma place" }).click();
    // Her own address is refused, next to the field.
    const email = holder.getByLabel("Son adresse e-mail");
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(holder.getByText("Cette adresse est déjà inscrite à cette édition")).toBeVisible();
    await checkPage(holder);
    await email.fill("yanis.repreneur@example.org");
    await holder.getByRole("button", { name: "Céder ma place" }).click();
    await expect(holder).toHaveURL(/\/inscription-cedee$/);
    await expect(holder.getByRole("heading", { name: "Place cédée" })).toBeVisible();
    await checkPage(holder);

    const dead = await holder.goto(oldLink);
    expect(dead?.status()).toBe(404);
    await expect(holder.getByText("Ce lien personnel n’est pas valide.")).toBeVisible();

    await loginAs(page, "admin");
    expect(await openEmail(page, "chloe.cedante@example.org", /Votre place est cédée/)).toContain("Yanis Repreneur");
    await expect(page.locator("main")).toContainText("Invitation jointe (CANCEL)");
    const newText = await openEmail(page, "yanis.repreneur@example.org", /Chloé Cédante vous cède sa place/);
    await expect(page.locator("main")).toContainText("Invitation jointe (REQUEST)");
    const newLink = pathIn(newText, new RegExp(`http://localhost:\\d+(/inscription/${TOKEN})`));
    await visit(holder, newLink);
    await expect(holder.getByText("Votre place est confirmée.")).toBeVisible();
    await expect(holder.getByText("yanis.repreneur@example.org")).toBeVisible();
    await context.close();
  });

  test("correct an email address: nothing changes until the link sent to the new address is followed, once", async ({
    page,
    browser,
  }) => {
    test.setTimeout(240_000);
    const who: [string, string, string] = ["Denis", "Coquille", "denis.coqulle@example.org"];
    const { context, page: person, link } = await registerThenFollow(browser, who, "Corriger mon adresse e-mail");
    await person.getByLabel("Nouvelle adresse e-mail").fill("denis.coquille@example.org");
    await person.getByRole("button", { name: "Envoyer le lien de confirmation" }).click();
    await expect(
      person.getByText("Un lien de confirmation vient de partir vers denis.coquille@example.org."),
    ).toBeVisible();
    await checkPage(person);
    await person.goto(link);
    await expect(person.getByText("denis.coqulle@example.org")).toBeVisible();
    // The details form has no address field: it would look editable, and the address only changes by the link.
    const details = person.getByRole("region", { name: "Mes informations" });
    await expect(details.getByLabel("Prénom")).toHaveValue("Denis");
    await expect(details.getByRole("textbox", { name: /Adresse e-mail/ })).toHaveCount(0);

    await loginAs(page, "admin");
    const request = await openEmail(page, "denis.coquille@example.org", /Confirmez votre nouvelle adresse/);
    const confirm = pathIn(request, new RegExp(`http://localhost:\\d+(/inscription/nouvelle-adresse/${TOKEN})`));
    await visit(person, confirm);
    await person.getByRole("button", { name: "Confirmer cette adresse" }).click();
    await expect(person).toHaveURL(new RegExp(`${link}$`));
    await expect(person.getByText("Votre adresse e-mail est mise à jour")).toBeVisible();
    await checkPage(person);

    await openEmail(page, "denis.coquille@example.org", /Adresse e-mail mise à jour/);
    await expect(page.locator("main")).toContainText("Invitation jointe (REQUEST)");
    expect(await openEmail(page, "denis.coqulle@example.org", /Votre adresse d’inscription a changé/)).toContain(
      "denis.coquille@example.org",
    );

    await visit(person, confirm);
    await expect(person.getByText("Ce lien de confirmation a déjà servi.")).toBeVisible();
    await context.close();
  });

  test("a team of three with one seat left, without JavaScript: one confirmed, two on the waiting list, said clearly", async ({
    page,
    browser,
  }) => {
    test.setTimeout(60_000);
    await followLink(
      page,
      "Inscrire plusieurs collègues d’une même structure",
      "/editions/edition-e2e-equipe/inscription",
    );
    await expect(page.getByText(/^1 place disponible\./)).toBeVisible();

    const context = await browser.newContext({ javaScriptEnabled: false });
    const noScript = await context.newPage();
    await noScript.goto("/editions/edition-e2e-equipe/inscription/equipe");
    await noScript.getByRole("textbox", { name: /^Structure/ }).fill("Foyer des Lilas");
    await noScript.getByLabel("Type de structure").selectOption({ label: "Hébergement" });
    const team = [
      ["Amina", "Premier", "amina.equipe@example.org"],
      ["Boris", "Second", "boris.equipe@example.org"],
      ["Célia", "Troisième", "celia.equipe@example.org"],
    ] as const;
    for (const [index, [first, last, email]] of team.entries()) {
      const row = noScript.getByRole("group", { name: `Personne ${index + 1}` });
      await row.getByLabel("Prénom").fill(first);
      await row.getByLabel("Nom", { exact: true }).fill(last);
      await row.getByLabel("Adresse e-mail").fill(email);
    }
    await noScript.getByLabel(/J’ai pris connaissance de la notice d’information/).check();
    await noScript.getByRole("button", { name: "Inscrire ces personnes" }).click();
    await expect(noScript.getByText("Les 3 personnes sont inscrites")).toBeVisible();
    const confirmed = noScript.locator("section", {
      has: noScript.getByRole("heading", { name: "Place confirmée (1)" }),
    });
    await expect(confirmed).toContainText("Amina Premier");
    const waiting = noScript.locator("section", {
      has: noScript.getByRole("heading", { name: "Sur la liste d’attente (2)" }),
    });
    await expect(waiting).toContainText("Boris Second");
    await expect(waiting).toContainText("1re position");
    await expect(waiting).toContainText("Célia Troisième");
    await expect(waiting).toContainText("2e position");
    await context.close();
  });

  test("a team member already registered is refused next to their row, and nobody of the team is registered", async ({
    request,
  }) => {
    const response = await request.post("/editions/edition-e2e-equipe/inscription/equipe", {
      form: {
        organisation: "CHRS d’essai",
        structureType: "autre",
        "members[0].firstName": "Nouvelle",
        "members[0].lastName": "Personne",
        "members[0].email": "nouvelle.equipe@example.org",
        "members[1].firstName": "Déjà",
        "members[1].lastName": "Inscrite",
        "members[1].email": "personneequipe-deja-1@example.org",
        notice: "on",
      },
    });
    expect(response.status()).toBe(409);
    const html = await response.text();
    expect(html).toMatch(/aria-describedby="[^"]*members\[1\]\.email[^"]*"/);
    expect(html).toContain("Cette personne est déjà inscrite à cette édition");
    const again = await request.post("/editions/edition-e2e-equipe/inscription/equipe", {
      form: {
        organisation: "CHRS d’essai",
        structureType: "autre",
        "members[0].firstName": "Nouvelle",
        "members[0].lastName": "Personne",
        "members[0].email": "nouvelle.equipe@example.org",
        notice: "on",
      },
    });
    // Had the first post registered her, this one would refuse her address.
    expect(again.status()).toBe(200);
    expect(await again.text()).toContain("La personne est inscrite");
  });
});
