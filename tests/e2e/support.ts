import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
// axe-core itself, injected by hand (see axeViolations).
import axe from "axe-core";

// axe takes seconds a page on a busy machine; a page whose markup has the same shape as one
// already scanned in this run gives the same result. The shape keeps elements, attributes, classes
// and roles, and leaves out texts, ids and what points to an id. A run of like siblings (rows,
// cards, options) counts once: axe judges each of them alike, so a list that grew by one is not a
// new shape. A flash notice (one paragraph, the same on every page) does not make another shape.
// Both workers run the same build, so a shape scanned by one is not scanned again by the other:
// playwright.config.ts gives them one folder, E2E_AXE_SHAPES, where each scanned shape leaves a file.
const scannedShapes = new Set<string>();
const SHAPES_DIR = process.env.E2E_AXE_SHAPES;
/** E2E_AXE_LOG=<file> appends one line per page checked: whether axe ran, and how long it took. */
const AXE_LOG = process.env.E2E_AXE_LOG;
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

/**
 * A click may just have started a navigation: the shape is read from a document that has its
 * body, and read again if the document is replaced while it is being read.
 */
async function pageShape(page: Page): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.waitForFunction(() => document.body !== null && document.readyState !== "loading");
      return await readShape(page);
    } catch (error) {
      const replaced = /Execution context was destroyed|reading 'attributes'|navigat/i.test(String(error));
      if (!replaced || attempt === 3) throw error;
      await page.waitForLoadState("domcontentloaded");
    }
  }
}

function readShape(page: Page): Promise<string> {
  return page.evaluate(() => {
    const ignored = [
      "id",
      "value",
      "href",
      "action",
      "for",
      "headers",
      "aria-describedby",
      "aria-labelledby",
      "aria-controls",
    ];
    const shapeOf = (element: Element): string => {
      const attributes = Array.from(element.attributes)
        .filter((attribute) => !ignored.includes(attribute.name))
        .map((attribute) =>
          attribute.name === "class" || attribute.name.startsWith("aria-") || attribute.name === "role"
            ? `${attribute.name}=${attribute.value}`
            : attribute.name,
        )
        .join(",");
      const children: string[] = [];
      for (const child of Array.from(element.children)) {
        if (child.matches(".flash, .flash-area")) continue;
        const shape = shapeOf(child);
        if (children.at(-1) !== shape) children.push(shape);
      }
      const empty = element.childElementCount === 0 && !element.textContent?.trim() ? "∅" : "";
      return `${element.tagName}[${attributes}]${empty}(${children.join(";")})`;
    };
    return shapeOf(document.body);
  });
}

function seen(shape: string): boolean {
  if (scannedShapes.has(shape)) return true;
  return SHAPES_DIR !== undefined && fs.existsSync(path.join(SHAPES_DIR, shape));
}

function remember(shape: string): void {
  scannedShapes.add(shape);
  if (SHAPES_DIR !== undefined) fs.writeFileSync(path.join(SHAPES_DIR, shape), "");
}

/**
 * What @axe-core/playwright's AxeBuilder.withTags(AXE_TAGS).analyze() finds on a page without
 * frames (the app has none), for a third of its cost: AxeBuilder injects axe-core's 1.3 MB source
 * twice a scan and finishes each scan in a new blank page. Here the source is injected only
 * into a document that lacks it (a page that changed by client-side navigation keeps it) and the
 * same axe.run, with the same options, runs in the page.
 */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axe.source);
  return page.evaluate(async (tags) => {
    const { axe: injected } = window as unknown as { axe: typeof axe };
    const results = await injected.run(document, {
      runOnly: { type: "tag", values: tags },
      resultTypes: ["violations"],
    });
    return results.violations.map(
      (v) => `${v.impact ?? "?"} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
  }, AXE_TAGS);
}

/** Every page a test visits is scanned: accessibility (axe-core) and French spacing. */
export async function checkPage(page: Page): Promise<void> {
  const shape = createHash("sha1")
    .update(await pageShape(page))
    .digest("hex");
  if (!seen(shape)) {
    const started = Date.now();
    const violations = await axeViolations(page);
    if (AXE_LOG) fs.appendFileSync(AXE_LOG, `scan ${Date.now() - started} ms ${process.pid} ${page.url()}\n`);
    expect(violations, `axe-core violations on ${page.url()}`).toEqual([]);
    remember(shape);
  } else if (AXE_LOG) fs.appendFileSync(AXE_LOG, `skip 0 ms ${process.pid} ${page.url()}\n`);

  const text = await page.locator("body").innerText();
  const badSpacing = text.match(/.{0,20}(?: [;:?!»]|« ).{0,20}/g) ?? [];
  expect(badSpacing, `ordinary space where French needs a non-breaking one on ${page.url()}`).toEqual([]);
}

export async function visit(page: Page, url: string): Promise<void> {
  const response = await page.goto(url);
  expect(response?.status(), `status of ${url}`).toBeLessThan(400);
  await checkPage(page);
}

/**
 * Follows a link by its accessible name, and checks the page it leads to; from the page at `from`
 * (visited and checked first) when given.
 */
export async function followLink(page: Page, name: string | RegExp, from?: string): Promise<void> {
  if (from !== undefined) await visit(page, from);
  await page.getByRole("link", { name }).click();
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
