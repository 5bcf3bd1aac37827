import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { e2eDatabasePath } from "./database.ts";

const run = promisify(execFile);
// The jar of the W3C Nu HTML Checker, from the vnu-jar package; Java runs it.
const VNU_JAR = path.resolve("node_modules/vnu-jar/build/dist/vnu.jar");

export const PUBLIC_PAGES = [
  "/",
  "/editions",
  "/editions/cts-aller-vers-2025",
  "/editions/cts-sante-mentale-2027",
  "/editions/cts-sante-mentale-2027/inscription",
  "/editions/cts-sante-mentale-2027/inscription/lien",
  "/editions/cts-sante-mentale-2027/inscription/equipe",
  "/inscription-cedee",
  "/editions/cts-aller-vers-2025/inscription",
  // Held, with the organisations present.
  "/editions/edition-e2e-tenue",
  "/syntheses",
  "/syntheses?theme=aller-vers",
  "/syntheses/synthese-cts-aller-vers-2025",
  "/themes/aller-vers",
  "/recherche",
  "/recherche?q=maraude",
  "/recherche?q=le",
  "/mentions-legales",
  "/donnees-personnelles",
  "/accessibilite",
  "/editions/cts-sante-mentale-2027/contribuer",
  "/dispositifs",
  "/dispositifs?categorie=veille_sociale",
  "/dispositifs/livret",
  "/admin/connexion",
  "/admin/mot-de-passe-oublie",
  "/attestation",
  "/attestation/ZZZZ-ZZZZ-ZZ",
  "/page-qui-n-existe-pas",
];

test("every public page is valid HTML for the W3C Nu HTML Checker", async ({ request }) => {
  test.setTimeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cts-vnu-"));
  const files: Record<string, string> = {};
  // A private page too, reached through a real registration.
  const registered = await request.post("/editions/cts-sante-mentale-2027/inscription", {
    form: {
      firstName: "Val",
      lastName: "Idation",
      email: "validation.html@example.org",
      organisation: "W3C",
      structureType: "autre",
      meal: "non",
      notice: "on",
    },
    maxRedirects: 0,
  });
  const welcome = registered.headers()["location"]!;
  const privatePage = welcome.replace(/\?.*$/, "");
  // A checked-in person of a held edition, whose link the e2e seed wrote down: the survey form itself.
  const seeded = JSON.parse(
    fs.readFileSync(path.join(path.dirname(e2eDatabasePath()), "e2e-private-links.json"), "utf8"),
  ) as Record<string, string>;
  const privatePages = [
    welcome,
    `${privatePage}/questionnaire`,
    `${privatePage}/participants`,
    `${privatePage}/ceder`,
    `${privatePage}/adresse`,
    seeded["tenue"]!,
    `${seeded["tenue"]}/questionnaire`,
    `${seeded["tenue"]}/participants`,
  ];
  const directory = await (await request.get("/dispositifs")).text();
  const service = [...directory.matchAll(/href="(\/dispositifs\/[a-z0-9-]+)"/g)]
    .map((m) => m[1]!)
    .find((href) => href !== "/dispositifs/livret")!;
  for (const url of [...PUBLIC_PAGES, service, ...privatePages]) {
    const response = await request.get(url);
    const file = path.join(dir, `${Object.keys(files).length}.html`);
    fs.writeFileSync(file, await response.text());
    files[file] = url;
  }
  // Forms sent back with errors: the summary of the errors, and the page's own title.
  const sentBack: Array<[string, Record<string, string>]> = [
    [
      "/editions/cts-sante-mentale-2027/inscription",
      { firstName: "Val", lastName: "Idation", email: "pas-une-adresse", structureType: "autre", meal: "non" },
    ],
    [
      "/editions/cts-sante-mentale-2027/inscription/equipe",
      { organisation: "W3C", structureType: "autre", "members[1].firstName": "Val", "members[1].email": "x" },
    ],
  ];
  for (const [url, form] of sentBack) {
    const response = await request.post(url, { form });
    expect(response.status(), `status of the post to ${url}`).toBe(400);
    const html = await response.text();
    expect(html, `error summary of ${url}`).toContain("Le formulaire contient");
    const file = path.join(dir, `${Object.keys(files).length}.html`);
    fs.writeFileSync(file, html);
    files[file] = `${url} (sent back with errors)`;
  }
  let output = "";
  try {
    const result = await run("java", ["-jar", VNU_JAR, "--errors-only", "--format", "json", ...Object.keys(files)], {
      maxBuffer: 20_000_000,
    });
    output = result.stderr || result.stdout;
  } catch (error) {
    // vnu exits with 1 when it finds errors; its report is on stderr either way.
    output = (error as { stderr?: string }).stderr ?? "";
  }
  const report = JSON.parse(output || '{"messages":[]}') as {
    messages: Array<{ type: string; url: string; message: string; extract?: string }>;
  };
  const errors = report.messages
    .filter((m) => m.type === "error")
    .map(
      (m) =>
        `${files[new URL(m.url).pathname] ?? m.url}: ${m.message}${m.extract ? ` — ${m.extract.trim().slice(0, 80)}` : ""}`,
    );
  fs.rmSync(dir, { recursive: true, force: true });
  expect(errors).toEqual([]);
});
