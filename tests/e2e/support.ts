import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

// axe takes up to a second a page; a page whose markup has the same shape as one already scanned
// in this worker (same elements, attributes and classes, other texts or ids) gives the same result.
const scannedShapes = new Set<string>();

function pageShape(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    for (const element of Array.from(document.querySelectorAll("body *"))) {
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
