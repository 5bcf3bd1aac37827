import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import type { ZodType } from "zod";
import { articleSchema } from "#app/forms/article.ts";
import { acceptSchema, contributionSchema, declineSchema, reviewSchema } from "#app/forms/contribution.ts";
import { correctionSchema } from "#app/forms/dispositif.ts";
import { editionSchema } from "#app/forms/edition.ts";
import { messageSchema } from "#app/forms/message.ts";
import { sessionSchema } from "#app/forms/programme.ts";
import { registrationSchema } from "#app/forms/registration.ts";
import { surveySchema } from "#app/forms/survey.ts";
import { renderMessage } from "#emails/templates.ts";
import { POSTED_EDITION } from "#tests/support/posted-forms.ts";

// Every free-text field posted as a browser (CRLF), a script (lone CR) or an old client (LF)
// would send it: what the schema hands to the domain has LF line breaks only.

function post(values: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) {
    for (const item of Array.isArray(value) ? value : [value]) data.append(key, item);
  }
  return data;
}

function parsed(schema: ZodType, values: Record<string, string | string[]>): Record<string, unknown> {
  const submission = parseWithZod(post(values), { schema });
  if (submission.status !== "success") throw new Error(`refused: ${JSON.stringify(submission.reply().error)}`);
  return submission.value as Record<string, unknown>;
}

const POSTED = "Première ligne\r\nDeuxième ligne\rTroisième ligne\nQuatrième\r\rfin";
const STORED = "Première ligne\nDeuxième ligne\nTroisième ligne\nQuatrième\n\nfin";

const registration = {
  firstName: "Awa",
  lastName: "Diallo",
  organisation: "EMPP",
  structureType: "hebergement",
  meal: "oui",
  email: "awa@example.org",
  notice: "on",
};
const contribution = {
  name: "Awa Diallo",
  role: "infirmière",
  organisation: "EMPP",
  title: "Aller vers",
  abstract: "Deux ans de maraudes.",
  format: "table_ronde",
  email: "awa@example.org",
  notice: "on",
};

const CASES: Array<{ form: string; schema: ZodType; base: Record<string, string | string[]>; fields: string[] }> = [
  { form: "inscription", schema: registrationSchema, base: registration, fields: ["accessNeeds"] },
  { form: "contribution", schema: contributionSchema, base: contribution, fields: ["abstract", "availability"] },
  { form: "évaluation", schema: reviewSchema, base: { intent: "review", score: "4" }, fields: ["comment"] },
  { form: "acceptation", schema: acceptSchema, base: { intent: "accept", sessionId: "3" }, fields: ["message"] },
  { form: "refus", schema: declineSchema, base: { intent: "decline", message: "x" }, fields: ["message"] },
  {
    form: "édition",
    schema: editionSchema,
    base: POSTED_EDITION,
    fields: ["summary", "objectives", "newVenueAccess", "newVenueAccessibility"],
  },
  {
    form: "séquence",
    schema: sessionSchema,
    base: { intent: "add-session", kind: "table_ronde", title: "Table ronde", startTime: "10:00", endTime: "12:00" },
    fields: ["description"],
  },
  { form: "questionnaire", schema: surveySchema, base: { overall: "4" }, fields: ["keep", "change", "comment"] },
  {
    form: "correction",
    schema: correctionSchema,
    base: { name: "Awa", email: "awa@example.org", field: "description", message: "x" },
    fields: ["message"],
  },
  {
    form: "message",
    schema: messageSchema,
    base: {
      intent: "send",
      batchId: "6f1c2a3e-8d4b-4c1a-9e2f-0a1b2c3d4e5f",
      groups: ["confirmed"],
      subject: "Rappel",
      body: "x",
    },
    fields: ["body"],
  },
  {
    form: "synthèse",
    schema: articleSchema,
    base: { intent: "save", title: "Synthèse", bodyMarkdown: "x", status: "draft" },
    fields: ["standfirst", "bodyMarkdown", "furtherReadingMarkdown"],
  },
];

describe("free text from forms", () => {
  for (const { form, schema, base, fields } of CASES) {
    it(`stores LF line breaks only: ${form} (${fields.join(", ")})`, () => {
      for (const field of fields) {
        expect(parsed(schema, { ...base, [field]: POSTED })[field]).toBe(STORED);
      }
    });
  }

  it("refuses a CR in a one-line field rather than storing it", () => {
    const submission = parseWithZod(post({ ...registration, lastName: "Dupont\rATTENDEE:mailto:evil@evil.example" }), {
      schema: registrationSchema,
    });
    expect(submission.status).not.toBe("success");
    expect(submission.reply().error?.lastName?.[0]).toContain("caractères non autorisés");
  });

  it("counts a line break once, however it was sent, against the abstract's limit", () => {
    for (const lineBreak of ["\r\n", "\r", "\n"]) {
      const abstract = `${"a".repeat(749)}${lineBreak}${"b".repeat(750)}`;
      expect(parsed(contributionSchema, { ...contribution, abstract }).abstract).toBe(
        `${"a".repeat(749)}\n${"b".repeat(750)}`,
      );
    }
    const tooLong = parseWithZod(post({ ...contribution, abstract: `${"a".repeat(750)}\r${"b".repeat(750)}` }), {
      schema: contributionSchema,
    });
    expect(tooLong.status).not.toBe("success");
  });

  it("refuses a bidirectional override or isolate in every free-text field, and keeps Arabic text", () => {
    for (const { schema, base, fields } of CASES) {
      for (const field of fields) {
        for (const control of ["\u202e", "\u202a", "\u2066", "\u2069"]) {
          const submission = parseWithZod(post({ ...base, [field]: `Fin${control}Zorglub` }), { schema });
          expect(submission.status, `${field} with U+${control.codePointAt(0)!.toString(16)}`).not.toBe("success");
          expect(submission.reply().error?.[field]?.[0]).toContain("caractères non autorisés");
        }
        expect(parsed(schema, { ...base, [field]: "مرحبا بكم" })[field]).toBe("مرحبا بكم");
      }
    }
  });

  it("counts a line break once against the other limits too", () => {
    const accessNeeds = `${"a".repeat(499)}\r\n${"b".repeat(500)}`;
    expect(parsed(registrationSchema, { ...registration, accessNeeds }).accessNeeds).toHaveLength(1000);
  });
});

describe("email content", () => {
  it("carries no CR from stored text, and a subject on one line", () => {
    const email = renderMessage({
      template: "dispositif.correction",
      props: {
        dispositif: {
          name: "Accueil\r\nBcc: evil@evil.example",
          operator: "x",
          url: "https://cts.example/dispositifs/a",
        },
        fieldLabel: "Description",
        message: "Besoins\rRampe\r\nInterprète",
        requester: { name: "Awa", email: "awa@example.org" },
        backOfficeUrl: "https://cts.example/admin/dispositifs/corrections",
      },
    });
    expect(email.subject).toBe("Demande de correction\u00a0: Accueil Bcc: evil@evil.example");
    expect(email.text).not.toContain("\r");
    expect(email.text).toContain("Besoins\nRampe\nInterprète");
    expect(email.html).not.toContain("\r");
  });
});
