import type { RGB } from "pdf-lib";

/** pdf-lib adds some 20 MB to the process once imported; only PDF downloads need it. */
export const loadPdfLib = () => import("pdf-lib");

/** What pdf-lib's `rgb()` returns, for module-level colours that must not load pdf-lib. */
export function rgbColour(red: number, green: number, blue: number): RGB {
  return { type: "RGB", red, green, blue } as unknown as RGB;
}
