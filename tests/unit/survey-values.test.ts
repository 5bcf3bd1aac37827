import { describe, expect, it } from "vitest";
import { labelKey, splitThemes } from "#app/domain/survey/values.ts";
import { renderMessage } from "#emails/templates.ts";

describe("labelKey", () => {
  it("folds case, accents, spacing, apostrophes, dashes and closing punctuation", () => {
    const key = labelKey("Santé mentale");
    for (const variant of ["sante mentale", "SANTÉ  MENTALE.", " santé\u00a0mentale ", "Santé mentale !"]) {
      expect(labelKey(variant)).toBe(key);
    }
    expect(labelKey("Logement d’abord")).toBe(labelKey("logement d'abord"));
    expect(labelKey("Aller-vers")).toBe(labelKey("aller – vers"));
    expect(labelKey("Santé")).not.toBe(labelKey("Santé mentale"));
    expect(labelKey(" … ")).toBe("");
  });
});

describe("splitThemes", () => {
  it("reads one theme per line or separated by commas and semicolons, without blanks or repeats", () => {
    expect(splitThemes("Santé mentale\n- Logement d’abord, accès aux droits ;\n\nsante mentale\r\nMobilité.")).toEqual([
      "Santé mentale",
      "Logement d’abord",
      "accès aux droits",
      "Mobilité",
    ]);
    expect(splitThemes("")).toEqual([]);
    expect(splitThemes(null)).toEqual([]);
    expect(splitThemes(" , ; \n")).toEqual([]);
  });
});

describe("survey invitation email", () => {
  it("gives the private link, the closing date and French spacing", () => {
    const email = renderMessage({
      template: "survey.invitation",
      props: {
        edition: { title: "L’aller-vers", startsAt: new Date("2025-10-16T07:00:00Z") },
        person: { firstName: "Awa", lastName: "Diallo" },
        surveyUrl: "http://cts.test/inscription/abc/questionnaire",
        closesAt: new Date("2025-11-16T17:00:00Z"),
      },
    });
    expect(email.subject).toBe("Votre avis sur la journée — L’aller-vers");
    expect(email.text).toContain("http://cts.test/inscription/abc/questionnaire");
    expect(email.html).toContain('href="http://cts.test/inscription/abc/questionnaire"');
    expect(email.text).toContain("jusqu’au dimanche 16 novembre 2025 à 18\u00a0h");
    expect(email.text).toContain("«\u00a0L’aller-vers\u00a0»");
    expect(email.text).not.toMatch(/ [:;!?»]/);
  });
});
