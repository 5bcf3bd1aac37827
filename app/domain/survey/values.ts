import { foldText } from "#app/lib/fold.ts";

// The feedback survey's scales and the folding of suggested themes. Pages, forms and the server
// share them, so this module must stay free of server-only imports.

export const SURVEY_SCORES = [1, 2, 3, 4, 5] as const;
export type SurveyScore = (typeof SURVEY_SCORES)[number];

export const OVERALL_LABELS: Record<SurveyScore, string> = {
  1: "1 — pas du tout satisfait·e",
  2: "2 — peu satisfait·e",
  3: "3 — moyennement satisfait·e",
  4: "4 — satisfait·e",
  5: "5 — très satisfait·e",
};

export const USEFULNESS_LABELS: Record<SurveyScore, string> = {
  1: "1 — pas utile",
  2: "2 — peu utile",
  3: "3 — assez utile",
  4: "4 — utile",
  5: "5 — très utile",
};

/** Shorter labels for the bars of the results charts. */
export const OVERALL_CHART_LABELS: Record<SurveyScore, string> = {
  1: "1 — pas du tout",
  2: "2 — peu satisfait·e",
  3: "3 — moyennement",
  4: "4 — satisfait·e",
  5: "5 — très satisfait·e",
};

/** The radio value of « Sans avis » for a programme session: the score is optional. */
export const NO_OPINION = "none";

export const SURVEY_LIMITS = {
  keep: 2000,
  change: 2000,
  comment: 3000,
  themes: 1000,
  themeCount: 10,
  themeLength: 100,
} as const;

/**
 * The key that groups suggested themes: « Santé mentale », « sante  mentale » and « SANTÉ
 * MENTALE. » are one theme. Apostrophes and dashes of every kind count as one, spacing and
 * closing punctuation do not count at all.
 */
export function labelKey(label: string): string {
  return foldText(label)
    .replace(/[’'`´ʼ]/g, "'")
    .replace(/[‐‑‒–—-]+/g, "-")
    .replace(/\s*-\s*/g, "-")
    .replace(/[\s\u00a0\u202f]+/g, " ")
    .replace(/[\s.,;:!?…]+$/u, "")
    .trim();
}

/**
 * The themes typed in the survey's one field: one per line, or separated by commas or
 * semicolons. Empty items and repeats (by `labelKey`) are dropped, the first spelling is kept.
 */
export function splitThemes(text: string | null | undefined): string[] {
  if (!text) return [];
  const seen = new Set<string>();
  const themes: string[] = [];
  for (const raw of text.split(/[\n\r,;]+/)) {
    const label = raw
      .replace(/[\s\u00a0\u202f]+/g, " ")
      .trim()
      .replace(/^[-•*·]\s*/, "")
      .replace(/[\s.]+$/, "");
    const key = labelKey(label);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    themes.push(label);
  }
  return themes;
}
