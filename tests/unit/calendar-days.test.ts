import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import type { ZodType } from "zod";
import { articleSchema } from "#app/forms/article.ts";
import { editionSchema } from "#app/forms/edition.ts";
import { surveyClosingSchema } from "#app/forms/survey.ts";
import { POSTED_EDITION } from "#tests/support/posted-forms.ts";

// A date of the right shape that is no day (« 9999-99-99 », 30 February) is the form's to refuse,
// next to its field, with a 400; before, it reached the domain and came back as a 409.

function errorsOf(schema: ZodType, values: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return parseWithZod(data, { schema }).reply().error ?? {};
}

const edition = POSTED_EDITION;
const NO_SUCH_DAY = ["Cette date n’existe pas dans le calendrier."];

describe("a day that does not exist", () => {
  it("is refused in an edition's date and in its opening and closing dates", () => {
    for (const date of ["9999-99-99", "2027-02-29", "2027-04-31", "2027-00-10"]) {
      expect(errorsOf(editionSchema, { ...edition, date }).date, date).toEqual(NO_SUCH_DAY);
    }
    expect(
      errorsOf(editionSchema, { ...edition, registrationOpensAt: "2027-02-30T09:00" }).registrationOpensAt,
    ).toEqual(NO_SUCH_DAY);
    expect(errorsOf(editionSchema, { ...edition, date: "2028-02-29" })).toEqual({});
  });

  it("is refused in a synthesis' publication date and in a survey's closing date", () => {
    const article = { intent: "save", title: "Synthèse", bodyMarkdown: "x", status: "draft" };
    expect(errorsOf(articleSchema, { ...article, publishedAt: "2026-13-01T10:00" }).publishedAt).toEqual(NO_SUCH_DAY);
    expect(errorsOf(articleSchema, { ...article, publishedAt: "2026-12-01T10:00" }).publishedAt).toBeUndefined();
    expect(
      errorsOf(surveyClosingSchema, { intent: "closing", surveyClosesAt: "2027-06-31T18:00" }).surveyClosesAt,
    ).toEqual(NO_SUCH_DAY);
  });
});
