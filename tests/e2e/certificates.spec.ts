import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { loginAs } from "./accounts.ts";
import { countRows, e2eDatabasePath } from "./database.ts";
import { checkPage, visit } from "./support.ts";

const PARTICIPANT = { name: "Inès Attestée", email: "ines.attestee@example.org" };

/** The private link the participant received by email, read from the outbox (never written to). */
function privateLinkOf(email: string): string {
  const db = new Database(e2eDatabasePath(), { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare("select text from emails where to_address = ? and kind like 'registration.%' order by id desc limit 1")
      .get(email) as { text: string } | undefined;
    const match = /\/inscription\/([A-Za-z0-9_-]{22})/.exec(row?.text ?? "");
    if (!match) throw new Error(`no private link emailed to ${email}`);
    return `/inscription/${match[1]}`;
  } finally {
    db.close();
  }
}

/** The text of a PDF, read with pdf.js. */
async function pdfText(file: string): Promise<string> {
  const require = createRequire(import.meta.url);
  const standardFontDataUrl = `${path.join(path.dirname(require.resolve("pdfjs-dist/package.json")), "standard_fonts")}/`;
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(fs.readFileSync(file)),
    standardFontDataUrl,
    verbosity: 0,
  }).promise;
  const content = await (await doc.getPage(1)).getTextContent();
  const text = content.items.map((item) => ("str" in item ? item.str : "")).join("\n");
  await doc.destroy();
  return text.replace(/\u00a0/g, " ");
}

test("after the day: check in, mark held, issue the certificates, download one, verify it, revoke it", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  await loginAs(page, "organiser");
  await page.goto("/admin/editions");
  await page.getByRole("link", { name: "Journée de test déjà commencée", exact: true }).click();
  const base = new URL(page.url()).pathname;

  // Before the day is marked as held, the tab explains why nothing can be issued.
  await page.getByRole("link", { name: "Attestations" }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/attestations$`));
  await checkPage(page);
  await expect(page.locator("main")).toContainText("une fois l’édition marquée comme tenue");
  await expect(page.getByRole("button", { name: "Délivrer toutes les attestations" })).toHaveCount(0);

  // Who signs: two new fields of the edition form.
  await page.getByRole("link", { name: "Informations" }).click();
  await page.getByLabel("Fonction du ou de la signataire").fill("Directrice du SIAO 95");
  await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
  // The message sits next to the field, linked to it, and the summary above the form points to it.
  const signatoryName = page.getByLabel("Nom du ou de la signataire");
  await expect(signatoryName).toHaveAccessibleDescription(/Indiquez aussi le nom de la personne qui signe\./);
  await expect(signatoryName).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("link", { name: /^Nom du ou de la signataire\s*: Indiquez aussi/ })).toHaveAttribute(
    "href",
    "#edition-signatoryName",
  );
  await checkPage(page);
  await signatoryName.fill("Mme Exemple");
  await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Modifications enregistrées.");

  // The participant arrives and is checked in.
  await page.getByRole("link", { name: "Accueil du jour J" }).click();
  const row = page.getByRole("listitem").filter({ hasText: "ATTESTÉE" });
  await row.getByRole("button", { name: /Présent·e/ }).click();
  await expect(row).toContainText("Présent·e depuis");

  // The organiser marks the day as held.
  await page.getByRole("link", { name: "Vue d’ensemble" }).click();
  await page.getByRole("button", { name: "Marquer comme tenue" }).click();
  await expect(page.getByRole("status")).toContainText("Édition marquée comme tenue.");
  // After the day, a confirmation (« à bientôt », an invite for a past date) is no longer offered.
  await page
    .getByRole("navigation", { name: "Rubriques de l’édition" })
    .getByRole("link", { name: "Inscriptions" })
    .click();
  await expect(page.getByRole("row").filter({ hasText: "ATTESTÉE" })).toHaveCount(1);
  await expect(page.getByRole("button", { name: /Renvoyer la confirmation/ })).toHaveCount(0);

  // Certificates for everyone checked in; a second click issues nothing more.
  await page.getByRole("link", { name: "Attestations" }).click();
  await expect(page.locator("main")).toContainText("signées par Mme Exemple, Directrice du SIAO 95");
  await expect(page.locator("main")).toContainText("ne touche ni aux attestations déjà délivrées");
  await page.getByRole("button", { name: "Délivrer toutes les attestations" }).click();
  await expect(page.getByRole("status")).toHaveText("1\u00a0attestation délivrée.");
  await checkPage(page);
  // Nothing left to issue: the button gives way to a sentence; a stale tab's click issues nothing more.
  await expect(page.getByRole("button", { name: "Délivrer toutes les attestations" })).toHaveCount(0);
  await expect(page.locator("main")).toContainText("Chaque personne présente a son attestation.");
  await expect(page.locator("main")).not.toContainText("Délivrer toutes les attestations");
  const again = await page.request.post(page.url(), { form: { intent: "issue-all" } });
  expect(again.status()).toBe(200);
  expect(await again.text()).toContain("Aucune nouvelle attestation à délivrer");
  const line = page.getByRole("row").filter({ hasText: "ATTESTÉE Inès" });
  await expect(line).toContainText("Délivrée");
  const code = (await line.getByRole("link", { name: /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2}$/ }).innerText()).trim();

  // By email, once.
  await page.getByRole("button", { name: "Envoyer les attestations par e-mail" }).click();
  await expect(page.getByRole("status")).toHaveText("1\u00a0courriel mis en file d’envoi.");
  await page.getByRole("button", { name: "Envoyer les attestations par e-mail" }).click();
  await expect(page.getByRole("status")).toContainText(
    "Aucun nouveau courriel à envoyer. 1\u00a0personne l’avait déjà reçu.",
  );
  expect(
    countRows(
      "select count(*) as n from emails where kind = 'certificate.issued' and to_address = ?",
      PARTICIPANT.email,
    ),
  ).toBe(1);

  // All of the edition's certificates in one PDF.
  const all = await page.request.get(`${base}/attestations.pdf`);
  expect(all.status()).toBe(200);
  expect(all.headers()["content-type"]).toBe("application/pdf");
  expect((await all.body()).subarray(0, 5).toString()).toBe("%PDF-");

  // The participant downloads it from their private link.
  const visitor = await browser.newContext();
  const participant = await visitor.newPage();
  await visit(participant, privateLinkOf(PARTICIPANT.email));
  const section = participant.getByRole("region", { name: "Attestation de présence" });
  await expect(section).toContainText(`Code de vérification\u00a0: ${code}`);
  const [download] = await Promise.all([
    participant.waitForEvent("download"),
    section.getByRole("link", { name: "Télécharger mon attestation (PDF)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`attestation-${code}.pdf`);
  const text = await pdfText((await download.path())!);
  for (const expected of [
    PARTICIPANT.name,
    "Structure : Accueil de jour d’exemple",
    "« Journée de test déjà commencée »",
    "Mme Exemple",
    `Code de vérification : ${code}`,
  ]) {
    expect(text).toContain(expected);
  }

  // Anyone checks it through the form, typed loosely, without JavaScript.
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const checker = await noScript.newPage();
  await checker.goto("/attestation");
  await checker.getByLabel("Code de vérification").fill("pas un code");
  await checker.getByRole("button", { name: "Vérifier" }).click();
  await expect(checker.getByText("Ce code n’a pas la forme attendue")).toBeVisible();
  await checker.getByLabel("Code de vérification").fill(code.replaceAll("-", "").toLowerCase());
  await checker.getByRole("button", { name: "Vérifier" }).click();
  await expect(checker).toHaveURL(new RegExp(`/attestation/${code}$`));
  await noScript.close();

  await visit(participant, "/attestation");
  const verification = await participant.goto(`/attestation/${code}`);
  expect(verification?.headers()["x-robots-tag"]).toContain("noindex");
  await checkPage(participant);
  await expect(participant.getByRole("heading", { level: 1 })).toHaveText("Attestation authentique");
  await expect(participant.locator("main")).toContainText(PARTICIPANT.name);
  await expect(participant.locator("main")).toContainText("Journée de test déjà commencée");
  await expect(participant.locator("main")).not.toContainText("Accueil de jour d’exemple");

  // An unknown code is a French 404.
  const unknown = await participant.goto("/attestation/ZZZZ-ZZZZ-ZZ");
  expect(unknown?.status()).toBe(404);
  await expect(participant.getByRole("heading", { level: 1 })).toHaveText("Code inconnu");
  await checkPage(participant);

  // The organiser revokes it, with a confirmation step that says what it does and can be left.
  await page.getByRole("link", { name: /^Révoquer/ }).click();
  const step = page.getByRole("group", { name: "Révoquer" });
  await expect(step).toContainText("L’attestation ne sera plus valable");
  await checkPage(page);
  await step.getByRole("link", { name: /^Annuler/ }).click();
  await expect(page.getByRole("button", { name: /Confirmer la révocation/ })).toHaveCount(0);
  await expect(page.getByRole("row").filter({ hasText: "ATTESTÉE Inès" })).toContainText("Délivrée");
  await page.getByRole("link", { name: /^Révoquer/ }).click();
  await page.getByRole("button", { name: /Confirmer la révocation/ }).click();
  await expect(page.getByRole("status")).toContainText("Attestation révoquée");
  await expect(page.getByRole("row").filter({ hasText: "ATTESTÉE Inès" })).toContainText("Révoquée");
  await checkPage(page);

  await participant.goto(`/attestation/${code}`);
  await expect(participant.getByRole("heading", { level: 1 })).toHaveText("Attestation révoquée");
  await expect(participant.locator("main")).not.toContainText(PARTICIPANT.name);
  await checkPage(participant);
  await visit(participant, privateLinkOf(PARTICIPANT.email));
  await expect(participant.getByRole("region", { name: "Attestation de présence" })).toContainText(
    "révoquée par les organisateurs",
  );
  expect((await participant.request.get(`${privateLinkOf(PARTICIPANT.email)}/attestation.pdf`)).status()).toBe(404);
  await visitor.close();
});
