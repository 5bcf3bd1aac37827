import { describe, expect, it } from "vitest";
import { de, la, le, startsWithElision } from "#app/lib/elision.ts";

describe("French elision before a name", () => {
  it("elides « de » before a vowel, accented or not, and before a mute h", () => {
    expect(de("Osny")).toBe("d’Osny");
    expect(de("Argenteuil")).toBe("d’Argenteuil");
    expect(de("Éragny")).toBe("d’Éragny");
    expect(de("Herblay-sur-Seine")).toBe("d’Herblay-sur-Seine");
    expect(de("Yvetot")).toBe("d’Yvetot");
  });

  it("keeps « de » before a consonant, an aspirated h and a consonant y", () => {
    expect(de("Cergy")).toBe("de Cergy");
    expect(de("Haute-Isle")).toBe("de Haute-Isle");
    expect(de("Yaourt")).toBe("de Yaourt");
    expect(de("  Pontoise ")).toBe("de Pontoise");
  });

  it("contracts the article of a name: « du Plessis-Bouchard », « des Mureaux »", () => {
    expect(de("Le Plessis-Bouchard")).toBe("du Plessis-Bouchard");
    expect(de("Les Mureaux")).toBe("des Mureaux");
    expect(de("La Roche-Guyon")).toBe("de La Roche-Guyon");
    expect(de("L’Isle-Adam")).toBe("de L’Isle-Adam");
  });

  it("elides « le » and « la » the same way", () => {
    expect(le("Val-d’Oise")).toBe("le Val-d’Oise");
    expect(le("Oise")).toBe("l’Oise");
    expect(le("hôtel")).toBe("l’hôtel");
    expect(le("Havre")).toBe("le Havre");
    expect(la("équipe")).toBe("l’équipe");
    expect(la("coordination")).toBe("la coordination");
    expect(startsWithElision("")).toBe(false);
  });
});
