import { describe, expect, it } from "vitest";
import { de, la, le, startsWithElision } from "#app/lib/elision.ts";

const examples: Array<[string, (name: string) => string, Record<string, string>]> = [
  [
    "elides « de » before a vowel, accented or not, and before a mute h",
    de,
    {
      Osny: "d’Osny",
      Argenteuil: "d’Argenteuil",
      Éragny: "d’Éragny",
      "Herblay-sur-Seine": "d’Herblay-sur-Seine",
      Yvetot: "d’Yvetot",
    },
  ],
  [
    "keeps « de » before a consonant, an aspirated h and a consonant y",
    de,
    { Cergy: "de Cergy", "Haute-Isle": "de Haute-Isle", Yaourt: "de Yaourt", "  Pontoise ": "de Pontoise" },
  ],
  [
    "contracts the article of a name: « du Plessis-Bouchard », « des Mureaux »",
    de,
    {
      "Le Plessis-Bouchard": "du Plessis-Bouchard",
      "Les Mureaux": "des Mureaux",
      "La Roche-Guyon": "de La Roche-Guyon",
      "L’Isle-Adam": "de L’Isle-Adam",
    },
  ],
  [
    "elides « le » the same way",
    le,
    { "Val-d’Oise": "le Val-d’Oise", Oise: "l’Oise", hôtel: "l’hôtel", Havre: "le Havre" },
  ],
  ["elides « la » the same way", la, { équipe: "l’équipe", coordination: "la coordination" }],
];

describe("French elision before a name", () => {
  it.each(examples)("%s", (_, article, cases) => {
    for (const [name, expected] of Object.entries(cases)) expect(article(name)).toBe(expected);
  });

  it("finds nothing to elide in an empty name", () => {
    expect(startsWithElision("")).toBe(false);
  });
});
