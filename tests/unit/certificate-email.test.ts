import { describe, expect, it } from "vitest";
import { renderMessage } from "#emails/templates.ts";

const email = renderMessage({
  template: "certificate.issued",
  props: {
    person: { firstName: "Awa", lastName: "<Diallo>" },
    editionTitle: "L’aller-vers",
    heldOn: new Date("2025-10-16T07:00:00Z"),
    code: "K7QF-3M9P-XZ",
    downloadUrl: "https://cts.example/inscription/abcdefghijklmnopqrstuv/attestation.pdf",
    manageUrl: "https://cts.example/inscription/abcdefghijklmnopqrstuv",
    verifyUrl: "https://cts.example/attestation/K7QF-3M9P-XZ",
  },
});

describe("certificate email", () => {
  it("links to the PDF and to the verification page, with the code, in French", () => {
    expect(email.subject).toBe("Votre attestation de présence — L’aller-vers");
    expect(email.text).toContain("du jeudi 16 octobre 2025");
    expect(email.text).toContain("https://cts.example/inscription/abcdefghijklmnopqrstuv/attestation.pdf");
    expect(email.text).toContain("code de vérification K7QF-3M9P-XZ");
    expect(email.text).toContain("https://cts.example/attestation/K7QF-3M9P-XZ");
    expect(email.html).toContain('href="https://cts.example/inscription/abcdefghijklmnopqrstuv/attestation.pdf"');
    // Spaces before « ; : ? ! » are non-breaking, as French typography wants.
    expect(email.text).not.toMatch(/ [;:?!»]|« /);
  });

  it("escapes what the person typed", () => {
    expect(email.html).not.toContain("<Diallo>");
    expect(email.html).toContain("&lt;Diallo&gt;");
  });
});
