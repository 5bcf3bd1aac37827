import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { loginAs } from "./accounts.ts";
import { e2eDatabasePath } from "./database.ts";

// Every page each kind of user can reach, walked as they would, on a phone and on a desktop.
// From a persona's start pages the walk follows the links of each page (same origin, GET only,
// no downloads), a bounded number of pages; with PERSONA_SCREENSHOTS=1 it saves a screenshot of
// each page at each width under test-results/persona-walk/, for a person to look at. It fails on what a reader sees as broken: a page wider than
// the screen, a block taller than the screen (a chart gone wild), a straight apostrophe, a « de »
// or « le » that should elide, and a number printed twice (« 1. 1. »).

const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
] as const;
const MAX_PAGES = 45;
/** Pages that differ only by an id (`/dispositifs/<slug>`, `/admin/editions/7/…`): a few of each are enough. */
const MAX_PER_SHAPE = 3;
const SHOTS = process.env.PERSONA_SCREENSHOTS === "1" ? path.join("test-results", "persona-walk") : null;
const SPEAKER_EDITION = "Santé mentale et grande précarité";

/** Not pages: files, feeds, the logout, raw email previews. */
function walkable(url: URL): boolean {
  if (/\.(pdf|csv|ics|xml|json|txt|png|jpe?g|webp|gif)$/i.test(url.pathname)) return false;
  if (url.pathname.startsWith("/documents/")) return false;
  if (url.pathname === "/admin/deconnexion") return false;
  if (/\/apercu$/.test(url.pathname)) return false;
  return true;
}

function shapeOf(url: URL): string {
  return url.pathname
    .split("/")
    .map((part, index) => (index >= 2 && /\d|-/.test(part) ? ":x" : part))
    .join("/");
}

type Persona = {
  name: string;
  start: string[];
  /** Which pages belong to this persona's walk (the others were walked by another persona). */
  owns: (url: URL) => boolean;
};

/** What a reader sees that is wrong, on the page as rendered. */
async function problemsOf(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const viewportWidth = window.innerWidth;
    const viewportHeight = window.innerHeight;
    const root = document.documentElement;
    if (root.scrollWidth > viewportWidth) {
      const wide = [...document.querySelectorAll("body *")]
        .filter((element) => element.getBoundingClientRect().right > viewportWidth + 1)
        .filter((element) => getComputedStyle(element).position !== "absolute")
        .slice(-3)
        .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join(".")}`);
      problems.push(`horizontal overflow: ${root.scrollWidth} px > ${viewportWidth} px (${wide.join(", ")})`);
    }
    // Containers of the page's own flow may be long (an article, a table, an email's text); a
    // single block (a chart, a picture, a button, a heading, a paragraph) taller than the screen
    // is a layout bug.
    const blocks =
      "svg, img, canvas, video, iframe, figure, .chart, .chart *, button, a, input, select, label, h1, h2, h3, h4, p, li, td, th, summary";
    const containers = "section, article, form, ul, ol, dl, table, details, fieldset, pre";
    for (const element of document.querySelectorAll(blocks)) {
      if (element.querySelector(containers) && !element.matches(".chart, .chart *")) continue;
      if (element.closest(".visually-hidden")) continue;
      const style = getComputedStyle(element);
      if (style.display === "none" || style.visibility === "hidden") continue;
      const box = element.getBoundingClientRect();
      if (box.height > viewportHeight) {
        problems.push(
          `element taller than the viewport: ${element.tagName.toLowerCase()}.${[...element.classList].join(".")} ${Math.round(box.height)} px`,
        );
      }
    }
    // An ordered list whose items number themselves reads « 1. 1. ».
    for (const item of document.querySelectorAll("ol > li")) {
      const style = getComputedStyle(item);
      if (style.display !== "list-item" || style.listStyleType === "none") continue;
      const text = (item as HTMLElement).innerText.trim();
      if (/^\d+\s*[.)]\s/.test(text)) problems.push(`number printed twice: « 1. ${text.slice(0, 40)} »`);
    }
    return problems;
  });
}

const ELISION_ALLOWED = [/\ble (onze|oui|un des)\b/i, /\bde (onze|oui)\b/i];

function textProblems(text: string): string[] {
  const problems: string[] = [];
  for (const match of text.matchAll(/.{0,25}\p{L}'\p{L}.{0,25}/gu))
    problems.push(`straight apostrophe: « ${match[0].trim()} »`);
  for (const match of text.matchAll(/(?<![\p{L}-])(de|le) [AEIOUÉÈÊaeiouéèê]\p{L}*/gu)) {
    const around = text.slice(Math.max(0, match.index - 20), match.index + match[0].length + 10).replace(/\s+/g, " ");
    if (ELISION_ALLOWED.some((allowed) => allowed.test(match[0]))) continue;
    problems.push(`no elision: « ${around.trim()} »`);
  }
  for (const match of text.matchAll(/(?<!\d)(\d+)\.\s+\1\.\s/g)) problems.push(`number repeated: « ${match[0]} »`);
  return problems;
}

async function walk(page: Page, persona: Persona): Promise<string[]> {
  if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
  const origin = new URL(page.url() === "about:blank" ? "http://localhost" : page.url()).origin;
  const failures: string[] = [];
  const queue: string[] = [...persona.start];
  const seen = new Set<string>(queue);
  const shapes = new Map<string, number>();
  let visited = 0;
  while (queue.length > 0 && visited < MAX_PAGES) {
    const target = queue.shift()!;
    visited++;
    // Loaded once, then seen at each width: the pages lay out by CSS alone, and a resize
    // re-runs their media queries as a fresh load at that width would.
    await page.setViewportSize(WIDTHS[0]);
    const response = await page.goto(target);
    const status = response?.status() ?? 0;
    if (status >= 400) {
      failures.push(`${target}: status ${status}`);
      continue;
    }
    let links: string[] = [];
    for (const size of WIDTHS) {
      await page.setViewportSize(size);
      const where = `${persona.name} ${size.width} px ${target}`;
      for (const problem of await problemsOf(page)) failures.push(`${where}: ${problem}`);
      const text = await page.locator("body").innerText();
      for (const problem of textProblems(text)) failures.push(`${where}: ${problem}`);
      if (SHOTS) {
        const name = `${persona.name}-${size.width}-${target.replace(/[^a-z0-9]+/gi, "_").slice(0, 80) || "accueil"}.png`;
        await page.screenshot({ path: path.join(SHOTS, name), fullPage: true });
      }
      if (links.length === 0)
        links = await page.$$eval("a[href]:not([download])", (anchors) =>
          anchors.map((a) => (a as HTMLAnchorElement).href),
        );
    }
    for (const href of links) {
      const url = new URL(href);
      if (url.origin !== new URL(page.url()).origin && url.origin !== origin) continue;
      url.hash = "";
      if (!walkable(url) || !persona.owns(url)) continue;
      const key = url.pathname + url.search;
      if (seen.has(key)) continue;
      const shape = shapeOf(url) + (url.search ? "?" : "");
      if ((shapes.get(shape) ?? 0) >= MAX_PER_SHAPE) continue;
      shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
      seen.add(key);
      queue.push(key);
    }
  }
  return failures;
}

const isPublic = (url: URL) =>
  !url.pathname.startsWith("/admin") &&
  !url.pathname.startsWith("/inscription/") &&
  !url.pathname.startsWith("/contribution/");

function seededLinks(): Record<string, string> {
  return JSON.parse(
    fs.readFileSync(path.join(path.dirname(e2eDatabasePath()), "e2e-private-links.json"), "utf8"),
  ) as Record<string, string>;
}

/** A speaker's private link: a proposal sent as a browser without JavaScript sends it. */
async function speakerLink(page: Page, request: APIRequestContext): Promise<string> {
  await page.goto("/editions");
  await page.getByRole("link", { name: SPEAKER_EDITION, exact: true }).first().click();
  const editionPath = new URL(page.url()).pathname;
  await page.goto(`${editionPath}/contribuer`);
  const session = await page.locator('select[name="wishedSessionId"] option[value]:not([value=""])').first();
  const wishedSessionId = (await session.count()) ? ((await session.getAttribute("value")) ?? "") : "";
  const posted = await request.post(`${editionPath}/contribuer`, {
    form: {
      name: "Inès Marchand",
      email: "ines.marchand@example.org",
      role: "coordinatrice",
      organisation: "Accueil de jour Les Lilas",
      title: "Un accueil de jour qui sort dans la rue",
      abstract: "Ce que change une tournée hebdomadaire de l’équipe d’accueil de jour.",
      format: "retour_experience",
      wishedSessionId,
      notice: "on",
    },
    maxRedirects: 0,
  });
  expect(posted.status(), "the contribution is accepted").toBe(303);
  return posted.headers()["location"]!.replace(/\?.*$/, "");
}

test.describe("every page, as each persona reaches it", () => {
  test.describe.configure({ timeout: 600_000 });

  test("a reader, without an account", async ({ page }) => {
    const failures = await walk(page, {
      name: "lecteur",
      start: ["/", "/themes", "/dispositifs/livret"],
      owns: isPublic,
    });
    expect(failures).toEqual([]);
  });

  test("a partner, with the private link of their registration", async ({ page }) => {
    const link = seededLinks()["tenue"]!;
    const failures = await walk(page, {
      name: "partenaire",
      start: [link],
      owns: (url) => url.pathname.startsWith(link),
    });
    expect(failures).toEqual([]);
  });

  test("a speaker, with the private link of their contribution", async ({ page, request }) => {
    const link = await speakerLink(page, request);
    const failures = await walk(page, {
      name: "intervenante",
      start: [link],
      owns: (url) => url.pathname.startsWith(link),
    });
    expect(failures).toEqual([]);
  });

  test("an organiser, in the back-office", async ({ page }) => {
    await loginAs(page, "organiser");
    // The held 2025 edition has registrations, presences, a survey and certificates: every chart.
    await page.goto("/admin/editions");
    const held = await page.getByRole("link", { name: "L’aller-vers", exact: true }).first().getAttribute("href");
    const failures = await walk(page, {
      name: "organisatrice",
      start: ["/admin", "/admin/editions", held!, `${held}/questionnaire`, `${held}/inscriptions`],
      owns: (url) => url.pathname.startsWith("/admin"),
    });
    expect(failures).toEqual([]);
  });

  test("a reviewer, in the back-office", async ({ page }) => {
    await loginAs(page, "reviewer");
    const failures = await walk(page, {
      name: "relecteur",
      start: ["/admin"],
      owns: (url) => url.pathname.startsWith("/admin"),
    });
    expect(failures).toEqual([]);
  });
});
