import { describe, expect, it } from "vitest";
import { renderMessage } from "#emails/templates.ts";
import { expectDialloEscaped } from "#tests/support/email-samples.ts";

const edition = {
  title: "L’aller-vers",
  startsAt: new Date("2025-10-16T07:00:00Z"),
  endsAt: new Date("2025-10-16T14:30:00Z"),
  url: "https://cts.example/editions/cts-aller-vers-2025",
  venue: {
    name: "Maison Pour Tous",
    address: null,
    postcode: "95190",
    city: "Goussainville",
    access: "RER D",
    accessibility: null,
  },
};
const person = { firstName: "Awa", lastName: "<Diallo>" };
const manageUrl = "https://cts.example/inscription/abcdefghijklmnopqrstuv";

const all = [
  renderMessage({ template: "registration.confirmed", props: { edition, person, manageUrl, checkInCode: "K7QM4XR2" } }),
  renderMessage({
    template: "registration.confirmed",
    props: { edition, person, manageUrl, promoted: true, checkInCode: "K7QM4XR2" },
  }),
  renderMessage({ template: "registration.waitlisted", props: { edition, person, position: 3, manageUrl } }),
  renderMessage({ template: "registration.cancelled", props: { edition, person, wasConfirmed: true } }),
  renderMessage({ template: "registration.link", props: { edition, person, manageUrl } }),
  renderMessage({
    template: "edition.changed",
    props: { edition, person, changes: ["Horaires\u00a0: 10\u00a0h–17\u00a0h"], manageUrl },
  }),
  renderMessage({ template: "edition.cancelled", props: { edition, person } }),
  renderMessage({ template: "registration.reminder", props: { edition, person, manageUrl, daysBefore: 1 } }),
];

describe("email templates", () => {
  it("give every message a subject, an HTML part and a plain-text part in French", () => {
    for (const email of all) {
      expect(email.subject.length).toBeGreaterThan(5);
      expect(email.html).toMatch(/^<!DOCTYPE html><html lang="fr">/);
      expect(email.text).toContain("Bonjour Awa");
      expect(email.text).toContain("SIAO\u00a095");
    }
  });

  it("escape what people typed in the HTML", () => {
    for (const email of all) {
      expectDialloEscaped(email.html);
    }
  });

  it("carry the practical details and the private link where they should", () => {
    const [confirmed, promoted, waitlisted, cancelled, link, changed] = all;
    expect(confirmed!.text).toContain("jeudi 16 octobre 2025, de 9\u00a0h à 16\u00a0h\u00a030");
    expect(confirmed!.text).toContain("Maison Pour Tous, 95190 Goussainville");
    expect(confirmed!.text).toContain("Accès\u00a0: RER D");
    expect(confirmed!.text).toContain(manageUrl);
    expect(confirmed!.html).toContain(manageUrl);
    expect(promoted!.subject).toContain("Une place s’est libérée");
    expect(waitlisted!.text).toContain("3e position");
    expect(cancelled!.text).not.toContain(manageUrl);
    expect(link!.text).toContain(manageUrl);
    expect(changed!.text).toContain("- Horaires\u00a0: 10\u00a0h–17\u00a0h");
  });

  it("use French spacing: no ordinary space before « ; : ? ! » or after «", () => {
    for (const email of all) {
      for (const part of [email.subject, email.text]) {
        expect(part).not.toMatch(/ [;:?!»]/);
        expect(part).not.toMatch(/« /);
      }
    }
  });
});
