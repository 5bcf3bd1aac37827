import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** Every page a test visits is scanned: accessibility (axe-core) and French spacing. */
export async function checkPage(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  const violations = results.violations.map(
    (v) => `${v.impact ?? "?"} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(violations, `axe-core violations on ${page.url()}`).toEqual([]);

  const text = await page.locator("body").innerText();
  const badSpacing = text.match(/.{0,20}(?: [;:?!»]|« ).{0,20}/g) ?? [];
  expect(badSpacing, `ordinary space where French needs a non-breaking one on ${page.url()}`).toEqual([]);
}

export async function visit(page: Page, url: string): Promise<void> {
  const response = await page.goto(url);
  expect(response?.status(), `status of ${url}`).toBeLessThan(400);
  await checkPage(page);
}
