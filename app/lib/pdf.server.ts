import type { PDFFont, RGB } from "pdf-lib";

/** pdf-lib adds some 20 MB to the process once imported; only PDF downloads need it. */
export const loadPdfLib = () => import("pdf-lib");

/** What pdf-lib's `rgb()` returns, for module-level colours that must not load pdf-lib. */
export function rgbColour(red: number, green: number, blue: number): RGB {
  return { type: "RGB", red, green, blue } as unknown as RGB;
}

/**
 * Lines of at most `width` points. Breaks at spaces (a no-break space holds its neighbours
 * together, as French punctuation needs); a word wider than the line is cut short with « … ».
 */
export function wrapText(font: PDFFont, value: string, size: number, width: number): string[] {
  return breakLines(font, value.split(" ").filter(Boolean), size, width).map((line) => {
    if (font.widthOfTextAtSize(line, size) <= width) return line;
    const chars = [...line];
    while (chars.length > 1 && font.widthOfTextAtSize(`${chars.join("")}…`, size) > width) chars.pop();
    return `${chars.join("")}…`;
  });
}

/** Words put on lines greedily, a line breaking before the word that would make it wider than `width`. */
export function breakLines(font: PDFFont, words: readonly string[], size: number, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of words) {
    const candidate = current ? `${current} ${word}` : word;
    if (current && font.widthOfTextAtSize(candidate, size) > width) {
      lines.push(current);
      current = word;
    } else {
      current = candidate;
    }
  }
  if (current) lines.push(current);
  return lines;
}
