const NBSP = "\u00a0";

/**
 * French spacing: the space already typed before « ; : ? ! » and inside guillemets becomes
 * non-breaking, so the sign never starts a line. Nothing is added where no space was typed
 * (a URL's "https:" stays as it is).
 */
export function frenchTypography(text: string): string {
  return text
    .replace(/[ \t]+([;:?!»])/g, `${NBSP}$1`)
    .replace(/«[ \t]+/g, `«${NBSP}`);
}
