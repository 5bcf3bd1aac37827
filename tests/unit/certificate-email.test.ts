import { describe, expect, it } from "vitest";
import { renderMessage } from "#emails/templates.ts";
import { expectDialloEscaped } from "#tests/support/email-samples.ts";

const code = "K7QF-3M9P-XZ";
const downloadUrl = "https://cts.example/inscription/abcdefghijklmnopqrstuv/attestation.pdf";
const verifyUrl = `https://cts.example/attestation/${code}`;

const email = renderMessage({
  template: "certificate.issued",
  props: {
    person: { firstName: "Awa", lastName: "<Diallo>" },
    editionTitle: "L’aller-vers",
    heldOn: new Date("2025-10-16T07:00:00Z"),
    code,
    downloadUrl,
    manageUrl: "https://cts.example/inscription/abcdefghijklmnopqrstuv",
    verifyUrl,
  },
});

describe("certificate email", () => {
  it("links to the PDF and to the verification page, with the code, in French", () => {
    expect(email.subject).toBe("Votre attestation de présence — L’aller-vers");
    for (const part of ["du jeudi 16 octobre 2025", downloadUrl, `code de vérification ${code}`, verifyUrl])
      expect(email.text).toContain(part);
    expect(email.html).toContain(`href="${downloadUrl}"`);
    // Spaces before « ; : ? ! » are non-breaking, as French typography wants.
    expect(email.text).not.toMatch(/ [;:?!»]|« /);
  });

  it("escapes what the person typed", () => {
    expectDialloEscaped(email.html);
  });
});
