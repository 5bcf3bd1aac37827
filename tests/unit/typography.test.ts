import { describe, expect, it } from "vitest";
import { frenchTypography } from "#app/lib/typography.ts";

describe("frenchTypography", () => {
  it("makes the space before high punctuation non-breaking", () => {
    expect(frenchTypography("Aller-vers : quelle articulation ? Oui ; enfin !")).toBe(
      "Aller-vers\u00a0: quelle articulation\u00a0? Oui\u00a0; enfin\u00a0!",
    );
  });

  it("handles guillemets", () => {
    expect(frenchTypography("« une politique d’aller vers »")).toBe("«\u00a0une politique d’aller vers\u00a0»");
  });

  it("adds nothing where no space was typed", () => {
    expect(frenchTypography("https://example.org/a?b=1")).toBe("https://example.org/a?b=1");
  });
});
