import { stemmer } from "@orama/stemmers/french";
import { foldText } from "./fold.ts";

/**
 * Words are cut where the FTS5 `unicode61` tokenizer cuts them (anything that is not a letter or
 * a digit, so « l’accompagnement » gives « l » and « accompagnement »), so that a stem column
 * holds one stem per word of its text column.
 */
const WORD_SEPARATORS = /[^\p{L}\p{N}]+/u;

/** Stems of frequent words are asked again and again while indexing; a bounded memo saves the work. */
const memo = new Map<string, string>();
const MEMO_SIZE = 20_000;

/**
 * The French Snowball stem of one word, computed on its folded form: readers type without
 * accents as often as with, and the index and the query must agree (« precarites » and
 * « précarité » both give « precarit »).
 */
export function stemWord(word: string): string {
  const folded = foldText(word);
  let stem = memo.get(folded);
  if (stem === undefined) {
    stem = stemmer(folded) || folded;
    if (memo.size >= MEMO_SIZE) memo.clear();
    memo.set(folded, stem);
  }
  return stem;
}

/**
 * The stems of a text, each once, separated by spaces: what the stem columns index. Once is
 * enough to match; how often a word occurs still counts through the text columns, and the stem
 * posting lists stay short, which keeps the stem half of each query cheap.
 */
export function stemText(text: string): string {
  return [...new Set(text.split(WORD_SEPARATORS).filter(Boolean).map(stemWord))].join(" ");
}
