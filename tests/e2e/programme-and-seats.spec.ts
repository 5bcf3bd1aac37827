import { expect, test, type Page } from "@playwright/test";
import { addProgrammeItem } from "./programme.ts";
import { loginAs } from "./accounts.ts";
import { checkPage, fillRegistrationForm, visit } from "./support.ts";

const NBSP = "\u00a0";
/** The most a seat count on a cached page may lag (docs/decisions/019-seats-at-a-glance.md). */
const SEAT_COUNT_LIFETIME_MS = 5_000;

/**
 * Signs in as an organiser and creates a draft edition with a waiting list from the back-office:
 * its overview's address.
 */
async function organiserDraft(page: Page, title: string, date: string, capacity: string): Promise<string> {
  const values = { title, date, capacity, waitlist: true };
  await loginAs(page, "organiser");
  await visit(page, "/admin/editions/nouvelle");
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Créer le brouillon" }) });
  await form.getByRole("textbox", { name: /^Titre/ }).fill(values.title);
  await form.getByLabel("Date", { exact: false }).first().fill(values.date);
  await form.getByLabel("Heure de début").fill("09:00");
  await form.getByLabel("Heure de fin").fill("17:00");
  await form.getByRole("combobox", { name: /^Lieu/ }).selectOption({ label: "Maison Pour Tous, Goussainville" });
  await form.getByRole("spinbutton", { name: /Nombre de places/ }).fill(values.capacity);
  await form.getByRole("checkbox", { name: "Liste d’attente quand c’est complet" }).setChecked(values.waitlist);
  await form.getByLabel("Ouverture des inscriptions").fill("2026-01-01T09:00");
  await form.getByLabel("Clôture des inscriptions").fill(`${values.date}T08:00`);
  await form.getByRole("button", { name: "Créer le brouillon" }).click();
  await expect(page.getByRole("status")).toContainText("Brouillon créé");
  return page.url().replace(/\?.*$/, "");
}

test.describe("programme and seats", () => {
  test("publishing is refused while two items overlap, with the message next to the button, then goes through", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const overview = await organiserDraft(page, "Programme à vérifier", "2027-10-14", "50");
    await page.getByRole("link", { name: "Programme" }).click();
    await addProgrammeItem(page, { kind: "cloture", title: "Clôture", start: "15:15", end: "16:00" });
    // The break, remembered last, still comes first: the list follows the clock.
    await addProgrammeItem(page, { kind: "pause", title: "Pause", start: "15:00", end: "15:30" });
    await expect(page.locator("li.admin-programme__item h2")).toHaveText([
      `15${NBSP}h–15${NBSP}h${NBSP}30 · Pause`,
      `15${NBSP}h${NBSP}15–16${NBSP}h · Clôture`,
    ]);
    const overlap = `«${NBSP}Pause${NBSP}» (15${NBSP}h – 15${NBSP}h${NBSP}30) chevauche «${NBSP}Clôture${NBSP}» (15${NBSP}h${NBSP}15 – 16${NBSP}h)`;
    await expect(page.locator("#problemes-programme")).toContainText("À corriger avant de publier");
    await expect(page.locator("#problemes-programme")).toContainText(overlap);
    await checkPage(page);

    // Without a browser in the way: a 4xx that names the items.
    const refused = await page.request.post(`${overview}?index`, {
      form: { intent: "status", status: "published" },
      maxRedirects: 0,
    });
    expect(refused.status()).toBe(409);
    expect(await refused.text()).toContain("Pause");

    await page.goto(overview);
    const publish = page.getByRole("button", { name: "Publier" });
    await publish.click();
    const message = page.locator("#statut-erreur");
    await expect(message).toContainText("Publication impossible");
    await expect(message).toContainText(overlap);
    await expect(publish).toHaveAttribute("aria-describedby", "statut-erreur");
    await expect(page.getByRole("heading", { name: "Statut" }).locator("..")).toContainText(overlap);
    await checkPage(page);

    // The break moves earlier; publishing goes through.
    await page.getByRole("link", { name: "Programme" }).click();
    await page.getByRole("link", { name: `Modifier «${NBSP}Pause${NBSP}»` }).click();
    const edit = page.locator("li.admin-programme__item").filter({ has: page.getByLabel("Début") });
    await edit.getByLabel("Début").fill("14:30");
    await edit.getByLabel("Fin").fill("15:00");
    await edit.getByRole("button", { name: "Enregistrer la séquence" }).click();
    await expect(page.locator("#problemes-programme")).toHaveCount(0);
    await page.goto(overview);
    await page.getByRole("button", { name: "Publier" }).click();
    await expect(page.getByRole("status")).toContainText("Édition publiée");

    const anonymous = await page.context().browser()!.newContext();
    const reader = await anonymous.newPage();
    await visit(reader, "/editions/cts-programme-a-verifier-2027");
    const items = reader.getByRole("region", { name: "Programme" });
    await expect(items).toContainText("Pause");
    const text = await items.innerText();
    expect(text.indexOf("Pause")).toBeLessThan(text.indexOf("Clôture"));
    await anonymous.close();
  });

  test("the edition page counts seats down within seconds of a registration, without emptying the cache of other pages", async ({
    page,
    request,
  }) => {
    test.setTimeout(120_000);
    const overview = await organiserDraft(page, "Places à suivre", "2027-11-18", "1");
    await page.goto(overview);
    await page.getByRole("button", { name: "Publier" }).click();
    await expect(page.getByRole("status")).toContainText("Édition publiée");
    const PAGE = "/editions/cts-places-a-suivre-2027";

    const anonymous = await page.context().browser()!.newContext();
    const reader = await anonymous.newPage();
    await visit(reader, PAGE);
    await expect(reader.locator("main")).toContainText(`1${NBSP}place restante`);
    await expect(reader.getByRole("link", { name: "S’inscrire", exact: true })).toBeVisible();

    // Another cached page, stored before the registration.
    await request.get("/syntheses");
    expect((await request.get("/syntheses")).headers()["x-page-cache"]).toBe("hit");
    // The edition page is kept a few seconds only, and the checks above may have taken longer on
    // a busy machine: wait for a fresh rendering, then the next request is served from memory.
    while ((await request.get(PAGE)).headers()["x-page-cache"] !== "miss");
    expect((await request.get(PAGE)).headers()["x-page-cache"]).toBe("hit");

    await reader.getByRole("link", { name: "S’inscrire", exact: true }).click();
    await fillRegistrationForm(reader, {
      first: "Lina",
      last: "Places",
      email: "lina.places@example.org",
      meal: "Non",
    });
    // A fresh rendering of the edition page, just before the registration.
    let renderedAt = 0;
    while (!renderedAt) {
      const response = await request.get(PAGE);
      if (response.headers()["x-page-cache"] === "miss") renderedAt = Date.now();
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await reader.getByRole("button", { name: "Je m’inscris" }).click();
    await expect(reader.getByText("Votre place est confirmée.")).toBeVisible();
    const registeredAt = Date.now();

    // The registration did not move the content version: the other page is still served from
    // memory, and so is the edition page until its few seconds are over.
    expect((await request.get("/syntheses")).headers()["x-page-cache"]).toBe("hit");
    const justAfter = await request.get(PAGE);
    if (Date.now() - renderedAt < SEAT_COUNT_LIFETIME_MS - 500) {
      expect(justAfter.headers()["x-page-cache"]).toBe("hit");
      expect(await justAfter.text()).toContain(`1${NBSP}place restante`);
    }

    let lag = 0;
    for (;;) {
      const body = await (await request.get(PAGE)).text();
      lag = Date.now() - registeredAt;
      if (body.includes("Complet — liste d’attente ouverte")) break;
      expect(body).toContain(`1${NBSP}place restante`);
      expect(lag).toBeLessThan(SEAT_COUNT_LIFETIME_MS + 1_000);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(lag).toBeLessThan(SEAT_COUNT_LIFETIME_MS + 1_000);
    console.log(
      `seat count lag after a registration: ${lag} ms (page rendered ${registeredAt - renderedAt} ms before)`,
    );

    await visit(reader, PAGE);
    await expect(reader.getByRole("link", { name: "S’inscrire sur la liste d’attente" })).toBeVisible();
    await expect(reader.getByRole("link", { name: "S’inscrire", exact: true })).toHaveCount(0);
    await anonymous.close();
  });
});
