import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const standardFontDataUrl = `${path.join(path.dirname(require.resolve("pdfjs-dist/package.json")), "standard_fonts")}/`;

/**
 * The text of each page (one line per text item, no-break spaces made plain) and its size in
 * points, read back with pdf.js: a parser we did not write.
 */
export async function readPdfPages(bytes: Uint8Array): Promise<Array<{ text: string; width: number; height: number }>> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), standardFontDataUrl, verbosity: 0 }).promise;
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const { width, height } = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const text = content.items
      .map((item) => ("str" in item ? item.str : ""))
      .join("\n")
      .replace(/\u00a0/g, " ");
    pages.push({ text, width, height });
  }
  await doc.destroy();
  return pages;
}
