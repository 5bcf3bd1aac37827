const NBSP = "\u00a0";
const number = new Intl.NumberFormat("fr-FR");

/** What the live counter shows, and what the server answers for a text over its limit. */
export function characterCountMessage(length: number, max: number): string {
  const left = max - length;
  if (left >= 0) {
    return `${number.format(length)} / ${number.format(max)}${NBSP}caractères — il en reste ${number.format(left)}`;
  }
  return `${number.format(-left)}${NBSP}caractère${left < -1 ? "s" : ""} de trop (${number.format(length)} / ${number.format(max)})`;
}
