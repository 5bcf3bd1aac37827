import { describe, expect, it } from "vitest";
import { joinFields, joinLines } from "#app/lib/search-text.ts";

describe("the text a search snippet is cut from", () => {
  it("joins the fields that have words, each trimmed, a « · » typed at an end written once", () => {
    expect(joinFields(" · ", ["Sous-titre ·", null, "  ", "· Résumé\n", 42, "Lieu"])).toBe(
      "Sous-titre · Résumé · Lieu",
    );
    expect(joinFields(", ", ["Mme PELISSIER", "·", "SIAO 95"])).toBe("Mme PELISSIER, SIAO 95");
    expect(joinFields(" · ", [null, ""])).toBe("");
  });

  it("reads a list typed one item per line, blank lines and any line break left out", () => {
    expect(joinLines("· Se connaître\r\n\r\n  \n\nTravailler ensemble ·\n", " · ")).toBe(
      "Se connaître · Travailler ensemble",
    );
    expect(joinLines("Cergy\rPontoise", ", ")).toBe("Cergy, Pontoise");
    expect(joinLines(null, ", ")).toBe("");
  });
});
