import path from "node:path";
import { createRequire } from "node:module";
import { eq } from "drizzle-orm";
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { registrations } from "#db/schema.ts";
import {
  badgesPdf,
  csvCell,
  downloadName,
  registrationsCsv,
  signInSheet,
  toWinAnsi,
} from "#app/domain/registrations/exports.server.ts";
import { cancelRegistration, register } from "#app/domain/registrations/registrations.server.ts";
import SignInSheetPage from "#app/routes/admin/editions/sign-in-sheet.tsx";
import { checkInCode, displayCheckInCode } from "#app/domain/registrations/check-in-code.server.ts";
import { createEdition, ctx, person } from "#tests/support/fixtures.ts";
import { tempDbAt } from "#tests/support/temp-db.ts";

// 09:30 in Paris (summer time).
const { db, now, noAccount: organiser } = tempDbAt("2025-10-16T07:30:00Z");

function registered(slug: string, input: ReturnType<typeof person>, at = now): number {
  const outcome = register(db, ctx, slug, input, at);
  if (!("registrationId" in outcome)) throw new Error(`not registered: ${outcome.outcome}`);
  return outcome.registrationId;
}

/** A plain RFC 4180 reader with `;` as separator, written apart from the code under test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"' && field === "") {
      quoted = true;
    } else if (c === ";") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else if (c === "\n" || c === "\r") {
      throw new Error(`bare line break outside quotes at ${i}`);
    } else {
      field += c;
    }
  }
  if (quoted) throw new Error("unterminated quote");
  if (field !== "" || row.length > 0) throw new Error("last line without CRLF");
  return rows;
}

/** Rows as objects keyed by the header line, the way a spreadsheet user reads them. */
function csvRecords(csv: string): Array<Record<string, string>> {
  const [headers, ...rows] = parseCsv(csv.replace(/^\uFEFF/, ""));
  return rows.map((cells) => {
    expect(cells).toHaveLength(headers!.length);
    return Object.fromEntries(headers!.map((h, i) => [h, cells[i]!]));
  });
}

const HEADERS = [
  "Nom",
  "Prénom",
  "Adresse e-mail",
  "Structure",
  "Fonction",
  "Type de structure",
  "Statut",
  "Position en liste d’attente",
  "Déjeuner",
  "Besoins d’accessibilité",
  "Inscrit·e le",
  "Présent·e",
];

describe("registrations CSV", () => {
  const edition = createEdition(db, now, { capacity: 3 });
  const elodie = registered(
    edition.slug,
    person("elodie", {
      firstName: "Élodie",
      lastName: "Lefèvre-Çağlar",
      organisation: 'Foyer « Le Phare »; site "Nord"',
      structureType: "veille_sociale_115",
      accessNeeds: "Fauteuil roulant\r\nBoucle magnétique",
      meal: false,
    }),
  );
  registered(edition.slug, person("attacker", { lastName: "Zorro", role: '=HYPERLINK("http://evil.example";"clic")' }));
  const leaving = registered(edition.slug, person("leaving", { lastName: "Abadie" }));
  registered(edition.slug, person("wait1", { lastName: "Martin" }), new Date(now.getTime() + 60_000));
  registered(edition.slug, person("wait2", { lastName: "Dupont" }), new Date(now.getTime() + 120_000));
  // Abadie leaves: Martin, first in line, takes the seat; Dupont stays first on the list.
  cancelRegistration({ db, mail: ctx, actor: organiser, now }, leaving);
  db.update(registrations).set({ checkedInAt: now }).where(eq(registrations.id, elodie)).run();

  it("is UTF-8 with a BOM, `;`-separated, CRLF-terminated, with French headers", async () => {
    const csv = registrationsCsv(db, edition.id);
    const bytes = new Uint8Array(await new Response(csv).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const decoded = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(decoded.startsWith(`\uFEFFNom;Prénom;Adresse e-mail;`)).toBe(true);
    expect(decoded.endsWith("\r\n")).toBe(true);
    expect(parseCsv(decoded.slice(1))[0]).toEqual(HEADERS);
  });

  it("keeps accents and awkward values intact and lists people by name, without the cancelled", () => {
    const records = csvRecords(registrationsCsv(db, edition.id));
    expect(records.map((r) => r["Nom"])).toEqual(["Dupont", "Lefèvre-Çağlar", "Martin", "Zorro"]);
    expect(records[1]).toEqual({
      Nom: "Lefèvre-Çağlar",
      Prénom: "Élodie",
      "Adresse e-mail": "personneelodie@example.org",
      Structure: 'Foyer « Le Phare »; site "Nord"',
      Fonction: "travailleuse sociale",
      "Type de structure": "Veille sociale / 115",
      Statut: "Confirmée",
      "Position en liste d’attente": "",
      Déjeuner: "Non",
      // Line breaks inside a cell are LF, as Excel writes them.
      "Besoins d’accessibilité": "Fauteuil roulant\nBoucle magnétique",
      "Inscrit·e le": "16/10/2025 09:30",
      "Présent·e": "Oui",
    });
    expect(records[0]).toMatchObject({
      Statut: "Liste d’attente",
      "Position en liste d’attente": "1",
      "Présent·e": "Non",
    });
    expect(records[2]).toMatchObject({ Statut: "Confirmée", Déjeuner: "Oui", "Inscrit·e le": "16/10/2025 09:31" });
  });

  it("neutralises a formula so the spreadsheet shows it as text", () => {
    const zorro = csvRecords(registrationsCsv(db, edition.id)).find((r) => r["Nom"] === "Zorro")!;
    expect(zorro["Fonction"]).toBe(`'=HYPERLINK("http://evil.example";"clic")`);
    for (const start of ["=", "+", "-", "@", "\t", "\r", "\n"]) {
      expect(csvCell(`${start}1+1`).replace(/^"/, "")).toMatch(/^'/);
    }
    expect(csvCell("Jean-Pierre")).toBe("Jean-Pierre");
    expect(csvCell('dit "Jo"')).toBe('"dit ""Jo"""');
  });

  it("writes no lone CR, even from a row stored before forms normalised line breaks", () => {
    const another = createEdition(db, now);
    const older = registered(
      another.slug,
      person("older", { lastName: "Ancien", accessNeeds: "Rampe\rInterprète LSF\r\nChien guide\r" }),
    );
    db.update(registrations)
      .set({ role: "\rchef de service", organisation: "Foyer\r=1+1" })
      .where(eq(registrations.id, older))
      .run();
    const csv = registrationsCsv(db, another.id);
    expect(csv).not.toMatch(/\r(?!\n)/);
    const row = csvRecords(csv).find((r) => r["Nom"] === "Ancien")!;
    expect(row["Besoins d’accessibilité"]).toBe("Rampe\nInterprète LSF\nChien guide\n");
    expect(row["Structure"]).toBe("Foyer\n=1+1");
    // A cell starting with a line break some spreadsheets skip still gets the quote.
    expect(row["Fonction"]).toBe("'\nchef de service");
  });

  it("filters by status when asked", () => {
    const names = (status: "confirmed" | "waitlisted" | "cancelled") =>
      csvRecords(registrationsCsv(db, edition.id, { status })).map((r) => `${r["Nom"]}:${r["Statut"]}`);
    expect(names("cancelled")).toEqual(["Abadie:Annulée"]);
    expect(names("waitlisted")).toEqual(["Dupont:Liste d’attente"]);
    expect(names("confirmed")).toEqual(["Lefèvre-Çağlar:Confirmée", "Martin:Confirmée", "Zorro:Confirmée"]);
  });

  it("gives a file name that cannot break the header", () => {
    expect(downloadName("inscriptions", edition.slug, "csv")).toBe(`inscriptions-${edition.slug}.csv`);
    expect(downloadName("badges", 'a"b\r\nc', "pdf")).toBe("badges-a-b-c.pdf");
  });
});

describe("sign-in sheet", () => {
  const edition = createEdition(db, now, { capacity: 10, title: "CTS « Aller vers » d’automne" });
  for (const [n, lastName, firstName] of [
    [1, "Zola", "Émile"],
    [2, "Écuyer", "Anne"],
    [3, "Dupont", "Marc"],
    [4, "Eymard", "Léa"],
    [5, "Ebert", "Paul"],
    [6, "écuyer", "Adèle"],
  ] as const) {
    registered(edition.slug, person(`sheet${n}`, { lastName, firstName }));
  }
  const gone = registered(edition.slug, person("sheet-gone", { lastName: "Aaron" }));
  cancelRegistration({ db, mail: ctx, actor: organiser, now }, gone);

  it("lists confirmed people in French alphabetical order, É with E", () => {
    const sheet = signInSheet(db, edition.id);
    expect(sheet.rows.map((r) => `${r.number}. ${r.lastName} ${r.firstName}`)).toEqual([
      "1. Dupont Marc",
      "2. Ebert Paul",
      "3. écuyer Adèle",
      "4. Écuyer Anne",
      "5. Eymard Léa",
      "6. Zola Émile",
    ]);
    expect(sheet.edition.title).toBe("CTS « Aller vers » d’automne");
    expect(sheet.venue?.city).toBe("Cergy");
  });

  it("renders an accessible table without inline styles", () => {
    const sheet = signInSheet(db, edition.id);
    const loaderData = {
      id: edition.id,
      title: sheet.edition.title,
      when: "jeudi",
      where: "Salle",
      rows: sheet.rows,
      signatureColumns: ["Matin", "Après-midi"],
    };
    const html = renderToStaticMarkup(
      createElement(SignInSheetPage as unknown as (props: { loaderData: typeof loaderData }) => ReactNode, {
        loaderData,
      }),
    );
    expect(html).toContain("<caption>");
    // N°, Nom, Prénom, Structure, and a signature for the morning and one for the afternoon.
    expect(html.match(/<th scope="col"/g)).toHaveLength(6);
    expect(html.match(/<th scope="row"/g)).toHaveLength(6);
    expect(html).not.toContain("style=");
    expect(html).toContain("Imprimer");
    expect(html).toContain("Ctrl+P");
    expect(html).toContain(`href="/admin/editions/${edition.id}"`);
    expect(html.indexOf("Dupont")).toBeLessThan(html.indexOf("Zola"));
  });
});

describe("badges PDF", () => {
  const require = createRequire(import.meta.url);
  const standardFontDataUrl = `${path.join(path.dirname(require.resolve("pdfjs-dist/package.json")), "standard_fonts")}/`;

  type Line = { text: string; size: number; width: number };

  /** Page count, lines of text and their font size, read with pdf.js, a parser we did not write. */
  async function readPdf(bytes: Uint8Array): Promise<{ pages: number; text: string[]; lines: Line[] }> {
    const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), standardFontDataUrl, verbosity: 0 }).promise;
    const text: string[] = [];
    const lines: Line[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      for (const item of content.items) {
        if ("str" in item)
          lines.push({ text: item.str, size: Math.abs(item.transform[0] as number), width: item.width });
      }
      text.push(content.items.map((item) => ("str" in item ? item.str : "")).join("\n"));
    }
    await doc.destroy();
    return { pages: text.length, text, lines };
  }

  it("puts 8 badges on a page, names, organisation, edition title and date on each", async () => {
    const edition = createEdition(db, now, { capacity: 20, title: "Coordination « Accès au logement »" });
    const elodie = registered(
      edition.slug,
      person("badge-e", { firstName: "Élodie", lastName: "Lefèvre-Çağlar", organisation: "Œuvre d’accueil" }),
    );
    for (let n = 1; n <= 8; n++) {
      registered(edition.slug, person(`badge${n}`, { firstName: `Prénom${n}`, lastName: `Nom${n}` }));
    }
    const waiting = createEdition(db, now, { capacity: 0 });
    registered(waiting.slug, person("badge-waiting"));

    const { pages, text } = await readPdf(await badgesPdf(db, ctx, edition.id, now));
    expect(pages).toBe(2);
    // Alphabetical: Lefèvre first, then Nom1…Nom7 on the first sheet, Nom8 alone on the second.
    expect(text[0]).toContain("Élodie");
    expect(text[0]).toContain("Lefèvre-Çaglar");
    expect(text[0]).toContain("Œuvre d’accueil");
    expect(text[0]).toContain("Nom7");
    expect(text[1]).toContain("Prénom8");
    expect(text[1]).toContain("Nom8");
    expect(text[1]).not.toContain("Nom7");
    expect(text[1]).toContain("Association d’exemple");
    expect(text[1]).toContain("Coordination « Accès au logement »");
    expect(text[1]).toContain("lundi 15 décembre 2025");
    expect(text.join("\n").match(/Coordination « Accès au logement »/g)).toHaveLength(9);
    // Each badge carries its person's check-in code, under its QR code's drawing.
    expect(text[0]).toContain(displayCheckInCode(checkInCode(ctx, elodie)));
    expect(text.join("\n").match(/\b[0-9A-Z]{4}-[0-9A-Z]{4}\b/g)).toHaveLength(9);

    expect((await readPdf(await badgesPdf(db, ctx, waiting.id, now))).text[0]).toContain(
      "Aucune inscription confirmée",
    );
  });

  it("draws names outside WinAnsi with look-alikes or « ? » instead of crashing, and shrinks long names", async () => {
    const edition = createEdition(db, now, { capacity: 5 });
    registered(
      edition.slug,
      person("badge-pl", { firstName: "Łucja 🎉", lastName: "王小明", organisation: "Nguyễn & Cie 👩‍💻" }),
    );
    registered(edition.slug, person("badge-long", { firstName: "Marie-Amélie", lastName: "Hohenzollern-Sigmaringen" }));
    const endless = "Wolfeschlegelsteinhausenbergerdorff-Hohenzollern-Sigmaringen-Wittelsbach";
    registered(edition.slug, person("badge-endless", { firstName: "Hubert", lastName: endless }));

    const { pages, text, lines } = await readPdf(await badgesPdf(db, ctx, edition.id, now));
    expect(pages).toBe(1);
    expect(text[0]).toContain("Lucja ?");
    expect(text[0]).toContain("???");
    expect(text[0]).toContain("Nguyen & Cie ?");

    const badgeWidth = (95 * 72) / 25.4;
    const line = (text: string) => lines.find((l) => l.text === text)!;
    expect(line("Marie-Amélie").size).toBeLessThan(24);
    expect(line("Hohenzollern-Sigmaringen").size).toBe(line("Marie-Amélie").size);
    expect(line("Hohenzollern-Sigmaringen").width).toBeLessThan(badgeWidth - 10);
    // Too long even at the smallest size: cut short with an ellipsis, never wider than the badge.
    const cut = lines.find((l) => l.text.startsWith("Wolfeschlegel"))!;
    expect(cut.text.endsWith("…")).toBe(true);
    expect(cut.width).toBeLessThan(badgeWidth - 10);
    expect(cut.size).toBeLessThan(line("Hohenzollern-Sigmaringen").size);
    expect(line("Lucja ?").size).toBe(24);
  });

  it("keeps what WinAnsi has and replaces the rest", () => {
    expect(toWinAnsi("« L’œuvre » d’Élodie, Œdipe, 12 €")).toBe("« L’œuvre » d’Élodie, Œdipe, 12 €");
    expect(toWinAnsi("Çağlar Wałęsa")).toBe("Çaglar Walesa");
    expect(toWinAnsi("王 👩‍💻 🇫🇷")).toBe("? ? ?");
    expect(toWinAnsi("a\u202f:\tb\nc\u200b")).toBe("a\u00a0: b c");
  });
});
