import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// One apostrophe in French text: ’ (U+2019), never the typewriter '. Every text people read is
// written in these sources (pages, emails, PDFs, the demo content the seed writes), so the
// rule is checked where the text is written: each string literal, template part and JSX text.

const ROOTS = ["app", "emails", "db"];

/** An elided French word before a letter: « l'État », « d'Osny », « qu'il », « aujourd'hui ». */
const STRAIGHT_ELISION = /(?:^|[^\p{L}])(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu|aujourd)'(?:\p{L}|$)/iu;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "migrations" ? [] : sources(full);
    return /\.(ts|tsx|md)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

/** The texts of a file that can end up in front of someone, with their line. */
export function textsOf(file: string, code: string): Array<{ line: number; text: string }> {
  // Markdown (the demo syntheses) is all text.
  if (file.endsWith(".md")) return code.split("\n").map((text, index) => ({ line: index + 1, text }));
  const source = ts.createSourceFile(
    file,
    code,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: Array<{ line: number; text: string }> = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node) ||
      ts.isJsxText(node)
    ) {
      found.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("French apostrophes", () => {
  it("finds a straight one in a string, a template and JSX text, and leaves code alone", () => {
    const code = [
      'const a = "Services de l\'État";',
      "const b = `commune d'${name}`;",
      "const c = <p>Aujourd'hui</p>;",
      "const d = \"select 'x' from t where s = 'published'\";",
      'const e = "l’équipe";',
    ].join("\n");
    const hits = textsOf("sample.tsx", code).filter(({ text }) => STRAIGHT_ELISION.test(text));
    expect(hits.map(({ line }) => line)).toEqual([1, 2, 3]);
  });

  it("are curly in every text of the app, its emails, its PDFs and its demo content", () => {
    const offending = ROOTS.flatMap((root) => sources(root)).flatMap((file) =>
      textsOf(file, fs.readFileSync(file, "utf8"))
        .filter(({ text }) => STRAIGHT_ELISION.test(text))
        .map(({ line, text }) => `${file}:${line}: ${text.slice(0, 80)}`),
    );
    expect(offending).toEqual([]);
  });
});
