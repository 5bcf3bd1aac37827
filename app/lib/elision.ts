// French elision before a name: « commune d’Osny », « au lieu de Cergy », « l’Isle-Adam ».
// A name that follows « de », « le » or « la » goes through here, never through a bare template.

/** Where « h » is aspirated, so nothing is elided (« de Haute-Isle », « le Havre »); elsewhere it is mute (« d’Herblay »). */
const ASPIRATED_H =
  /^h(?:a(?:ut|ll|me|mp|nd|ng|r[dn]|s|ch|ie|ine|lt|v)|é(?:ro[ns]|ris|ron)|o(?:nt|rs|ll|m[^mo]|ck|ux)|u(?:b|ch|g|m|rl|tt)|i(?:b|err|nd|pp)|y(?:èn|p))/iu;

/** Whether French elides before this word: a vowel (accents included) or a mute « h ». */
export function startsWithElision(word: string): boolean {
  const folded = word
    .trimStart()
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();
  const first = folded[0];
  if (!first) return false;
  if ("aeiou".includes(first)) return true;
  // « d’Yvetot », but « le yoga »: a « y » before a vowel is a consonant.
  if (first === "y") return !/^y[aeiou]/u.test(folded);
  if (first === "h") return !ASPIRATED_H.test(word.trimStart().normalize("NFC"));
  return false;
}

/**
 * « de » before a name: « de Cergy », « d’Osny », « d’Herblay »; a name that starts with the
 * article « Le » or « Les » contracts it (« du Plessis-Bouchard », « des Mureaux »).
 */
export function de(name: string): string {
  const trimmed = name.trim();
  const article = /^(Le|Les)\s+(.+)$/u.exec(trimmed);
  if (article) return `${article[1] === "Le" ? "du" : "des"} ${article[2]}`;
  return startsWithElision(trimmed) ? `d’${trimmed}` : `de ${trimmed}`;
}

/** « le » before a word: « le Val-d’Oise », « l’Oise », « l’hôtel ». */
export function le(word: string): string {
  const trimmed = word.trim();
  return startsWithElision(trimmed) ? `l’${trimmed}` : `le ${trimmed}`;
}

/** « la » before a word: « la coordination », « l’équipe ». */
export function la(word: string): string {
  const trimmed = word.trim();
  return startsWithElision(trimmed) ? `l’${trimmed}` : `la ${trimmed}`;
}
