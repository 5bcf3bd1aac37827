import { describe, expect, it } from "vitest";
import { renderMessage } from "#emails/templates.ts";
import { characterCountMessage } from "#app/lib/character-count.ts";
import { typedLength, contributionDetailsSchema } from "#app/forms/contribution.ts";
import { expectDialloEscaped, HOSTILE_SPEAKER, roundTableSession } from "#tests/support/email-samples.ts";

const edition = {
  title: "Santé mentale et grande précarité",
  startsAt: new Date("2027-03-11T08:00:00Z"),
  endsAt: new Date("2027-03-11T15:30:00Z"),
  url: "https://cts.example/editions/cts-sante-mentale-2027",
  venue: {
    name: "Salle des fêtes",
    address: null,
    postcode: "95000",
    city: "Cergy",
    access: "RER A",
    accessibility: null,
  },
};
const speaker = HOSTILE_SPEAKER;
const contribution = { title: "La maraude santé : deux ans", formatLabel: "Intervention dans une table ronde" };
const session = roundTableSession("2027-03-11T09:00:00Z");
const manageUrl = "https://cts.example/contribution/abcdefghijklmnopqrstuv";

const toSpeakers = [
  renderMessage({
    template: "contribution.received",
    props: { edition, speaker, contribution, manageUrl, editableUntil: new Date("2027-01-25T17:00:00Z") },
  }),
  renderMessage({
    template: "contribution.accepted",
    props: { edition, speaker, contribution, session, message: "Merci : à bientôt !", manageUrl },
  }),
  renderMessage({
    template: "contribution.accepted",
    props: { edition, speaker, contribution, session, message: null, manageUrl: null, proposedBy: "Bruno Martin" },
  }),
  renderMessage({
    template: "contribution.declined",
    props: { edition, speaker, contribution, message: "Le programme est complet.\n\nÀ <bientôt>.", manageUrl },
  }),
  renderMessage({
    template: "contribution.session_changed",
    props: {
      edition,
      speaker,
      contribution,
      session,
      changes: ["Horaires\u00a0: 10\u00a0h–12\u00a0h (au lieu de 9\u00a0h–11\u00a0h)"],
      manageUrl,
    },
  }),
  renderMessage({ template: "contribution.withdrawn", props: { edition, speaker, contribution, removesInvite: true } }),
];
const toOrganisers = renderMessage({
  template: "contribution.withdrawn_organisers",
  props: {
    edition,
    contribution,
    submitterName: "Awa <Diallo>",
    sessionTitle: "Table ronde 1 — Repérer",
    adminUrl: "https://cts.example/admin/editions/2/contributions/7",
  },
});

describe("contribution emails", () => {
  it("are French, in HTML and text, with a footer that says why speakers receive them", () => {
    for (const email of toSpeakers) {
      expect(email.html).toMatch(/^<!DOCTYPE html><html lang="fr">/);
      expect(email.text).toContain("Bonjour Awa <Diallo>,");
      expect(email.text).toContain("proposé une contribution");
      expect(email.text).toContain("SIAO\u00a095");
      expect(email.text).not.toContain("inscrit·e à une coordination");
    }
    expect(toOrganisers.text).toContain("organisez les coordinations territoriales");
  });

  it("escape what people typed in the HTML", () => {
    for (const email of [...toSpeakers, toOrganisers]) {
      expectDialloEscaped(email.html);
    }
    expect(toSpeakers[3]!.html).toContain("À &lt;bientôt&gt;.");
  });

  it("carry the session, date, time and links where they belong", () => {
    const [received, accepted, coSpeaker, declined, changed, withdrawn] = toSpeakers;
    expect(received!.text).toContain(manageUrl);
    expect(received!.text).toContain("jusqu’au lundi 25 janvier 2027 à 18\u00a0h");
    expect(accepted!.text).toContain("Séquence\u00a0: Table ronde 1 — Repérer");
    expect(accepted!.text).toContain("Date\u00a0: jeudi 11 mars 2027");
    expect(accepted!.text).toContain("Horaires\u00a0: de 10\u00a0h à 12\u00a0h");
    expect(accepted!.text).toContain("Salle\u00a0: Salle B");
    expect(accepted!.text).toContain("Lieu\u00a0: Salle des fêtes, 95000 Cergy");
    expect(accepted!.text).toContain("Merci\u00a0: à bientôt\u00a0!");
    expect(accepted!.html).toContain(manageUrl);
    expect(coSpeaker!.text).toContain("proposée par Bruno Martin avec vous");
    expect(coSpeaker!.text).not.toContain("/contribution/");
    expect(declined!.text).toContain("Le programme est complet.\n\nÀ <bientôt>.");
    expect(changed!.text).toContain("- Horaires\u00a0: 10\u00a0h–12\u00a0h (au lieu de 9\u00a0h–11\u00a0h)");
    expect(withdrawn!.text).toContain("L’annulation jointe retire l’intervention de votre agenda.");
    expect(toOrganisers.text).toContain("https://cts.example/admin/editions/2/contributions/7");
  });

  it("use French spacing: no ordinary space before « ; : ? ! » or after «", () => {
    for (const email of [...toSpeakers, toOrganisers]) {
      for (const part of [email.subject, email.text]) {
        expect(part).not.toMatch(/ [;:?!»]/);
        expect(part).not.toMatch(/« /);
      }
    }
  });
});

describe("the abstract's live counter", () => {
  it("counts a line break once, as the server does, and says what is left or over", () => {
    expect(typedLength("ab\r\ncd")).toBe(5);
    expect(typedLength("ab\ncd")).toBe(5);
    expect(typedLength("\u{1F600}é\r\n")).toBe(3);
    expect(characterCountMessage(1234, 1500)).toBe("1\u202f234 / 1\u202f500\u00a0caractères — il en reste 266");
    expect(characterCountMessage(1501, 1500)).toBe("1\u00a0caractère de trop (1\u202f501 / 1\u202f500)");
    expect(characterCountMessage(1510, 1500)).toBe("10\u00a0caractères de trop (1\u202f510 / 1\u202f500)");
  });

  it("is what the server answers without JavaScript, line breaks counted once", () => {
    const abstract = `${"a".repeat(1000)}\r\n${"b".repeat(509)}`;
    const result = contributionDetailsSchema.shape.abstract.safeParse(abstract);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      "10\u00a0caractères de trop (1\u202f510 / 1\u202f500).",
    ]);
    expect(contributionDetailsSchema.shape.abstract.safeParse(abstract.slice(0, -10)).success).toBe(true);
  });
});
