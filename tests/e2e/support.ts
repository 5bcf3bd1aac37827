import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

// axe takes up to a second a page; a page whose markup has the same shape as one already scanned
// in this worker (same elements, attributes and classes, other texts or ids) gives the same result.
// A flash notice (one paragraph, the same on every page) does not make a page another shape.
const scannedShapes = new Set<string>();

function pageShape(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    for (const element of Array.from(document.querySelectorAll("body *"))) {
      if (element.closest(".flash, .flash-area")) continue;
      const attributes = Array.from(element.attributes)
        .filter((attribute) => !["id", "value", "href", "action", "aria-describedby", "for"].includes(attribute.name))
        .map((attribute) =>
          attribute.name === "class" || attribute.name.startsWith("aria-") || attribute.name === "role"
            ? `${attribute.name}=${attribute.value}`
            : attribute.name,
        )
        .join(",");
      parts.push(
        `${element.tagName}[${attributes}]${element.childElementCount === 0 && !element.textContent?.trim() ? "∅" : ""}`,
      );
    }
    return parts.join(";");
  });
}

/** Every page a test visits is scanned: accessibility (axe-core) and French spacing. */
export async function checkPage(page: Page): Promise<void> {
  const shape = await pageShape(page);
  if (!scannedShapes.has(shape)) {
    const results = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
      .analyze();
    const violations = results.violations.map(
      (v) => `${v.impact ?? "?"} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
    expect(violations, `axe-core violations on ${page.url()}`).toEqual([]);
    scannedShapes.add(shape);
  }

  const text = await page.locator("body").innerText();
  const badSpacing = text.match(/.{0,20}(?: [;:?!»]|« ).{0,20}/g) ?? [];
  expect(badSpacing, `ordinary space where French needs a non-breaking one on ${page.url()}`).toEqual([]);
}

export async function visit(page: Page, url: string): Promise<void> {
  const response = await page.goto(url);
  expect(response?.status(), `status of ${url}`).toBeLessThan(400);
  await checkPage(page);
}

export type Registrant = {
  first: string;
  last: string;
  email: string;
  organisation?: string;
  role?: string;
  /** An option's value, or `{ label }`. */
  structureType?: string | { label: string };
  meal?: "Oui" | "Non";
};

/** Fills the public registration form and ticks the notice; what a test leaves out gets a plain default. */
export async function fillRegistrationForm(page: Page, who: Registrant): Promise<void> {
  await page.getByRole("textbox", { name: /^Prénom/ }).fill(who.first);
  await page.getByRole("textbox", { name: /^Nom/ }).fill(who.last);
  await page.getByLabel("Adresse e-mail").fill(who.email);
  await page.getByRole("textbox", { name: /^Structure/ }).fill(who.organisation ?? "Association Exemple");
  if (who.role !== undefined) await page.getByLabel("Fonction").fill(who.role);
  await page.getByLabel("Type de structure").selectOption(who.structureType ?? { label: "Veille sociale / 115" });
  await page.getByRole("radio", { name: who.meal ?? "Oui" }).check();
  await page.getByLabel("J’ai pris connaissance de la notice d’information ci-dessus.").check();
}

/** Opens the newest email to `address` whose subject matches in the back-office outbox, returns its text. */
export async function openEmail(page: Page, address: string, subject: RegExp): Promise<string> {
  await visit(page, "/admin/courriels");
  const row = page.getByRole("row").filter({ hasText: address }).filter({ hasText: subject }).first();
  await row.getByRole("link").click();
  await checkPage(page);
  return page.locator("pre.email-text").first().innerText();
}
