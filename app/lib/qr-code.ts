import QRCode from "qrcode";

/** The dark modules of a QR code, row by row, without the quiet zone (each drawing adds its own). */
export type QrMatrix = boolean[][];

export function qrMatrix(text: string): QrMatrix {
  // Level M survives a creased badge or a scratched phone screen and keeps an 8-character code in
  // the smallest version (21 × 21), which stays readable printed small.
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  return Array.from({ length: modules.size }, (_, row) =>
    Array.from({ length: modules.size }, (_, column) => Boolean(modules.get(row, column))),
  );
}

/** One SVG path for all dark modules, in module units: a page draws it at any size with a viewBox. */
export function qrSvgPath(matrix: QrMatrix, margin = 4): { size: number; path: string } {
  const parts: string[] = [];
  matrix.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) parts.push(`M${x + margin} ${y + margin}h1v1h-1z`);
    }),
  );
  return { size: matrix.length + 2 * margin, path: parts.join("") };
}
