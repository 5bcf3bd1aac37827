import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { registerFunctions } from "#app/lib/db.server.ts";
import { loginAs } from "./accounts.ts";
import { e2eDatabasePath } from "./database.ts";

const PAGE = "/editions/edition-e2e-autre";

/** A stored page is shared by every reader: nothing in it may belong to one request. */
function expectNoScriptPolicy(csp: string | undefined): void {
  expect(csp).toContain("script-src 'none'");
  expect(csp).not.toContain("nonce-");
}

test.describe("the public-page cache", () => {
  test("serves a stored page compressed, answers 304, and shows an organiser's edit on the very next request", async ({
    request,
    page,
  }) => {
    const first = await request.get(PAGE);
    expect(first.status()).toBe(200);
    const second = await request.get(PAGE);
    expect(second.headers()["x-page-cache"]).toBe("hit");
    expect(second.headers()["cache-control"]).toBe("public, no-cache");
    expect(second.headers()["etag"]).toBe(first.headers()["etag"]);

    // A stored page allows no script and ships none.
    expectNoScriptPolicy(second.headers()["content-security-policy"]);
    expect(second.headers()["content-security-policy"]).toBe(first.headers()["content-security-policy"]);
    const html = await second.text();
    expect(html).not.toContain("<script");
    expect(html).not.toContain("nonce=");

    const notModified = await request.get(PAGE, { headers: { "If-None-Match": second.headers()["etag"]! } });
    expect(notModified.status()).toBe(304);
    expect(await notModified.body()).toHaveLength(0);

    // Compressed once when stored, sent as the client asks.
    for (const encoding of ["br", "gzip"]) {
      const compressed = await request.get(PAGE, { headers: { "Accept-Encoding": encoding } });
      expect(compressed.headers()["content-encoding"]).toBe(encoding);
      expect(await compressed.text()).toBe(html);
    }

    // An organiser edits the presentation; the next anonymous request shows it.
    await loginAs(page, "organiser");
    await page.goto("/admin/editions");
    await page.getByRole("link", { name: "Autre édition de test", exact: true }).click();
    await page.getByRole("link", { name: "Informations" }).click();
    const text = `Présentation revue à ${Date.now()}.`;
    await page.getByLabel("Présentation").fill(text);
    await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
    // Earlier specs may have registered people here: their updated invites are previewed first.
    const saved = page.getByText("Modifications enregistrées.");
    const confirm = page.getByRole("button", { name: "Confirmer, enregistrer et envoyer" });
    await expect(saved.or(confirm)).toBeVisible();
    if (await confirm.isVisible()) await confirm.click();
    await expect(saved).toBeVisible();

    const after = await request.get(PAGE);
    expect(after.headers()["x-page-cache"]).toBe("miss");
    expect(after.headers()["etag"]).not.toBe(first.headers()["etag"]);
    expect(await after.text()).toContain(text);
    expectNoScriptPolicy(after.headers()["content-security-policy"]);
    const stale = await request.get(PAGE, { headers: { "If-None-Match": first.headers()["etag"]! } });
    expect(stale.status()).toBe(200);

    // The organiser, logged in, never gets a stored page.
    const organiserView = await page.request.get(PAGE);
    expect(organiserView.headers()["x-page-cache"]).toBe("bypass");
  });

  test("a write by another process (a command-line script) also reaches the page", async ({ request }) => {
    await request.get("/dispositifs");
    expect((await request.get("/dispositifs")).headers()["x-page-cache"]).toBe("hit");
    const db = new Database(e2eDatabasePath());
    registerFunctions(db);
    const row = db
      .prepare("select id, description from dispositifs where retired_at is null order by id limit 1")
      .get() as {
      id: number;
      description: string | null;
    };
    const marker = `Description mise à jour par un script ${Date.now()}.`;
    try {
      db.prepare("update dispositifs set description = ? where id = ?").run(marker, row.id);
      const after = await request.get("/dispositifs");
      expect(after.headers()["x-page-cache"]).toBe("miss");
      expect(await after.text()).toContain(marker);
    } finally {
      db.prepare("update dispositifs set description = ? where id = ?").run(row.description, row.id);
      db.close();
    }
  });

  test("every page the cache may store ships no script and allows none; pages with scripts keep a nonce per response", async ({
    request,
  }) => {
    for (const path of [
      "/",
      "/editions",
      PAGE,
      "/syntheses",
      "/dispositifs",
      "/dispositifs/livret",
      "/mentions-legales",
      "/donnees-personnelles",
      "/accessibilite",
    ]) {
      await request.get(path);
      const stored = await request.get(path);
      expect(stored.headers()["x-page-cache"], path).toBe("hit");
      expectNoScriptPolicy(stored.headers()["content-security-policy"]);
      expect(await stored.text(), path).not.toContain("<script");
    }
    const form = "/editions/edition-e2e-autre/inscription";
    const [a, b] = [await request.get(form), await request.get(form)];
    const nonce = (response: typeof a) =>
      /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1];
    expect(nonce(a)).toBeTruthy();
    expect(nonce(a)).not.toBe(nonce(b));
    expect(await a.text()).toContain(`nonce="${nonce(a)}"`);
  });
});
