const NBSP = "\u00a0";

/**
 * French spacing: the space already typed before « ; : ? ! » and inside guillemets becomes
 * non-breaking, so the sign never starts a line. Nothing is added where no space was typed
 * (a URL's "https:" stays as it is).
 */
export function frenchTypography(text: string): string {
  return text.replace(/[ \t]+([;:?!»])/g, `${NBSP}$1`).replace(/«[ \t]+/g, `«${NBSP}`);
}

/**
 * Every line break as LF. Browsers send a textarea's line breaks as CRLF, and a lone CR (pasted,
 * or sent by a script) is a line break to some readers and not to others: in an invite, a CSV or
 * an email it could start a line nobody meant to write.
 */
export function normaliseLineBreaks(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

/** One line, for a subject or a display name: line breaks and other control characters become a space. */
export function singleLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, " ").trim();
}
