import { describe, expect, it } from "vitest";
import { renderMarkdown } from "#app/lib/markdown.server.ts";
import {
  EMAIL_TEMPLATES,
  renderMessage,
  type EmailMessage,
  type TemplateName,
  type TemplateProps,
} from "#emails/templates.ts";
import { emailKindLabel, LABELLED_KINDS } from "#emails/kinds.ts";
import { HOSTILE_SPEAKER, roundTableSession } from "#tests/support/email-samples.ts";

// Every template of the catalogue, rendered once with what people may type: the rules that hold
// for all of them are checked here, whatever template is added next (the type below wants a
// sample for each name).

const edition = {
  title: "L’aller-vers : <vivre> dehors",
  startsAt: new Date("2025-10-16T07:00:00Z"),
  endsAt: new Date("2025-10-16T14:30:00Z"),
  url: "https://cts.example/editions/cts-aller-vers-2025",
  venue: {
    name: "Maison Pour Tous",
    address: "12 rue de la Gare",
    postcode: "95190",
    city: "Goussainville",
    access: "RER D\nBus 20 : arrêt Mairie",
    accessibility: "Rampe ; ascenseur",
  },
};
const person = { firstName: "Awa", lastName: "<Diallo>" };
const speaker = HOSTILE_SPEAKER;
const contribution = { title: "La maraude santé ? deux ans", formatLabel: "Atelier" };
const session = roundTableSession("2025-10-16T08:00:00Z");
const manageUrl = "https://cts.example/inscription/abcdefghijklmnopqrstuv";
const contributionUrl = "https://cts.example/contribution/abcdefghijklmnopqrstuv";
const expiresAt = new Date("2026-03-05T08:30:00Z");
const changes = ["Horaires\u00a0: 10\u00a0h–17\u00a0h (au lieu de 9\u00a0h–16\u00a0h\u00a030)"];

const SAMPLES: { [Name in TemplateName]: TemplateProps<Name> } = {
  "registration.confirmed": { edition, person, manageUrl, promoted: true, checkInCode: "K7QM4XR2" },
  "registration.waitlisted": { edition, person, position: 2, manageUrl },
  "registration.cancelled": { edition, person, wasConfirmed: true },
  "registration.link": { edition, person, manageUrl },
  "registration.reminder": { edition, person, manageUrl, daysBefore: 7 },
  "registration.handed_over": { edition, person, successor: "Camille Martin", wasConfirmed: true },
  "registration.handed_over_to_you": { edition, person, predecessor: "Camille Martin", position: 0, manageUrl },
  "registration.email_change_requested": {
    edition,
    person,
    confirmUrl: "https://cts.example/inscription/nouvelle-adresse/abcdefghijklmnopqrstuv",
    expiresAt,
  },
  "registration.email_changed": { edition, person, manageUrl, confirmed: true },
  "registration.email_moved": { edition, person, newAddress: "nouvelle@example.org" },
  "edition.changed": { edition, person, changes, manageUrl },
  "edition.cancelled": { edition, person },
  "edition.message": {
    editionTitle: edition.title,
    person,
    subject: "Infos pratiques : venez tôt !",
    bodyHtml: renderMarkdown("Venez **tôt** : voir [l’accès](https://cts.example/acces)."),
    manageUrl,
  },
  "contribution.received": { edition, speaker, contribution, manageUrl: contributionUrl, editableUntil: expiresAt },
  "contribution.accepted": {
    edition,
    speaker,
    contribution,
    session,
    message: "Merci : à bientôt !\n\nÀ <vite>.",
    manageUrl: contributionUrl,
  },
  "contribution.declined": {
    edition,
    speaker,
    contribution,
    message: "Le programme est complet.",
    manageUrl: contributionUrl,
  },
  "contribution.session_changed": { edition, speaker, contribution, session, changes, manageUrl: contributionUrl },
  "contribution.withdrawn": { edition, speaker, contribution, removesInvite: true, withdrawnBy: "Bruno <Martin>" },
  "contribution.withdrawn_organisers": {
    edition,
    contribution,
    submitterName: "Awa <Diallo>",
    sessionTitle: session.title,
    adminUrl: "https://cts.example/admin/editions/2/contributions/7",
  },
  "certificate.issued": {
    person,
    editionTitle: edition.title,
    heldOn: edition.startsAt,
    code: "K7QF-3M9P-XZ",
    downloadUrl: `${manageUrl}/attestation.pdf`,
    manageUrl,
    verifyUrl: "https://cts.example/attestation/K7QF-3M9P-XZ",
  },
  "survey.invitation": { edition, person, surveyUrl: `${manageUrl}/questionnaire`, closesAt: expiresAt },
  "account.invitation": {
    name: "Awa <Diallo>",
    url: "https://cts.example/admin/invitation/abc",
    expiresAt,
    roleLabel: "Organisation",
    invitedBy: "Alice",
  },
  "account.password_reset": { name: "Awa <Diallo>", url: "https://cts.example/admin/invitation/abc", expiresAt },
  "account.password_forgotten": { name: "Awa <Diallo>", url: "https://cts.example/admin/invitation/abc", expiresAt },
  "dispositif.correction": {
    dispositif: { name: "Accueil <mobile>", operator: "SIAO", url: "https://cts.example/dispositifs/accueil" },
    fieldLabel: "Téléphone",
    message: "Nouveau numéro : 01 99 00 60 01\nle matin",
    requester: { name: "Nadia", email: "nadia@example.org" },
    backOfficeUrl: "https://cts.example/admin/dispositifs/corrections",
  },
};

const rendered = (Object.keys(EMAIL_TEMPLATES) as TemplateName[]).map((template) => ({
  template,
  email: renderMessage({ template, props: SAMPLES[template] } as EmailMessage),
}));

const TAG = /<\/?(?:html|head|body|p|a|div|span|br|strong|em|table|tbody|tr|td|ul|ol|li|blockquote|hr|h\d)\b[^>]*>/i;

describe("every email template", () => {
  it("is a French HTML page whose subject is one line", () => {
    // Links are checked below: most templates carry some.
    expect(rendered.filter(({ email }) => email.html.includes("href=")).length).toBeGreaterThan(15);
    expect(rendered).toHaveLength(25);
    for (const { email } of rendered) {
      expect(email.html).toMatch(/^<!DOCTYPE html><html lang="fr">/);
      expect(email.subject).not.toMatch(/[\r\n]/);
      expect(email.subject.length).toBeGreaterThan(5);
    }
  });

  it("has a text part derived from its HTML: no markup, no entity, every link written out", () => {
    for (const { template, email } of rendered) {
      expect(email.text, template).not.toMatch(TAG);
      expect(email.text, template).not.toMatch(/&(?:[a-z]+|#\d+);/i);
      const links = [...email.html.matchAll(/href="([^"]+)"/g)].map((match) => match[1]!.replaceAll("&amp;", "&"));
      for (const link of links) expect(email.text, `${template}: ${link}`).toContain(link);
      // What people typed reads as they typed it, while the HTML escapes it.
      expect(email.html, template).not.toMatch(/<(?:Diallo|vivre|mobile|Martin|vite)>/);
    }
  });

  it("keeps French spacing in the subject and the text, and says why the person receives it", () => {
    for (const { template, email } of rendered) {
      for (const part of [email.subject, email.text]) {
        expect(part, template).not.toMatch(/ [;:?!»]/);
        expect(part, template).not.toMatch(/« /);
      }
      expect(email.text, template).toMatch(/\n—\nVous recevez ce message parce qu/);
      expect(email.text, template).toContain("SIAO\u00a095");
    }
  });

  it("keeps the line breaks people typed, in the HTML and in the text", () => {
    const registration = rendered.find(({ template }) => template === "registration.confirmed")!.email;
    expect(registration.text).toContain("Accès\u00a0: RER D\nBus 20\u00a0: arrêt Mairie");
    expect(registration.html).toContain("RER D</span><span><br/>Bus 20");
    const correction = rendered.find(({ template }) => template === "dispositif.correction")!.email;
    expect(correction.text).toContain("Nouveau numéro\u00a0: 01 99 00 60 01\nle matin");
  });

  it("writes a call to action as its label, then its address on a line of its own", () => {
    const confirmed = rendered.find(({ template }) => template === "registration.confirmed")!.email;
    expect(confirmed.text).toContain(`Gérer mon inscription\u00a0:\n${manageUrl}\n`);
    const cancelled = rendered.find(({ template }) => template === "registration.cancelled")!.email;
    expect(cancelled.text).toContain(`depuis la page de l’édition (${edition.url}), dans la limite`);
  });
});

describe("the confirmation", () => {
  it("carries the check-in code as text, and as a QR code of table cells that any mail client shows", () => {
    const confirmed = rendered.find(({ template }) => template === "registration.confirmed")!.email;
    expect(confirmed.text).toContain("code d’accueil à l’entrée\u00a0: K7QM-4XR2");
    // The drawing is left out of the text part, and is neither an image nor SVG in the HTML.
    expect(confirmed.text).not.toMatch(/QR code du code/);
    expect(confirmed.html).toContain('aria-label="QR code du code d’accueil K7QM4XR2"');
    expect(confirmed.html).not.toMatch(/<svg|<img[^>]+src="data:/);
    // Version 1 (21 × 21) with a quiet zone of 4: 29 rows, some black cells in each row of the code.
    const table = confirmed.html.slice(confirmed.html.indexOf('aria-label="QR code'));
    const rows = table.slice(0, table.indexOf("</table>")).split("<tr>").slice(1);
    expect(rows).toHaveLength(29);
    expect(rows.slice(4, 25).every((row) => row.includes('bgcolor="#000000"'))).toBe(true);
    expect(rows.slice(0, 4).some((row) => row.includes('bgcolor="#000000"'))).toBe(false);
  });
});

describe("the back-office's name for each email", () => {
  it("is a French label for every template and variant, each one its own, and names a reminder by its delay", () => {
    expect(LABELLED_KINDS).toEqual(expect.arrayContaining(Object.keys(EMAIL_TEMPLATES)));
    const labels = LABELLED_KINDS.map(emailKindLabel);
    for (const label of labels) expect(label).toMatch(/^[A-ZÀ-Ý][^.]*[a-zé)]$/);
    expect(new Set(labels).size).toBe(labels.length);
    expect(emailKindLabel("reminder.1d")).toBe("Rappel de la veille");
    expect(emailKindLabel("reminder.7d")).toBe("Rappel 7\u00a0jours avant");
  });

  it("shows a kind it does not know as it is stored, even one named like an object's own property", () => {
    expect(emailKindLabel("legacy.kind")).toBe("legacy.kind");
    expect(emailKindLabel("constructor")).toBe("constructor");
  });
});
