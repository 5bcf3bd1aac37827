import { describe, expect, it } from "vitest";
import { immediate } from "#app/lib/db.server.ts";
import { notify, type Invite } from "#app/domain/shared/notifications.server.ts";
import { register } from "#app/domain/registrations/registrations.server.ts";
import { createEdition, ctx, outbox, parseInvite, person } from "#tests/support/fixtures.ts";
import { tempDb } from "#tests/support/temp-db.ts";

const { db } = tempDb();
const now = new Date("2026-02-01T10:00:00Z");
// Rows of the outbox point at real registrations and editions (foreign keys).
const stored = createEdition(db, now);
const registered = register(db, ctx, stored.slug, person("notify"), now);
if (registered.outcome !== "confirmed") throw new Error("setup: the registration should be confirmed");
const registrationId = registered.registrationId;
const edition = {
  title: "L’aller-vers",
  startsAt: new Date("2026-03-12T08:00:00Z"),
  endsAt: new Date("2026-03-12T15:30:00Z"),
  url: "http://cts.test/editions/aller-vers",
  venue: null,
};
const invite: Invite = {
  method: "REQUEST",
  event: {
    uid: "cts-registration-42@cts.test",
    sequence: 3,
    title: "CTS SIAO 95 — L’aller-vers",
    description: "Programme",
    location: null,
    startsAt: edition.startsAt,
    endsAt: edition.endsAt,
    url: edition.url,
  },
  organiser: ctx.organiser,
};

describe("the notification path", () => {
  it("renders the template, files the row under what it is about, and writes the invite for the recipient", () => {
    const id = notify(
      db,
      {
        to: { address: "awa@example.org", name: "Awa\r\nBcc: evil@evil.example" },
        email: {
          template: "registration.confirmed",
          props: {
            edition,
            person: { firstName: "Awa", lastName: "Diallo" },
            manageUrl: "http://cts.test/inscription/x",
            checkInCode: "K7QM4XR2",
          },
        },
        invite,
        registrationId,
        editionId: stored.id,
      },
      now,
    );
    const row = outbox(db).find((email) => email.id === id)!;
    expect(row).toMatchObject({
      kind: "registration.confirmed",
      toAddress: "awa@example.org",
      toName: "Awa Bcc: evil@evil.example",
      registrationId,
      editionId: stored.id,
      contributionId: null,
      status: "pending",
      icsMethod: "REQUEST",
    });
    expect(row.subject).toContain("Inscription confirmée — L’aller-vers");
    expect(row.text).toContain("Gérer mon inscription\u00a0:\nhttp://cts.test/inscription/x");
    expect(row.html).toContain('href="http://cts.test/inscription/x"');
    // The recipient is the attendee, whatever the caller: the invite and the email go to one person.
    expect(parseInvite(row.ics!)).toMatchObject({
      method: "REQUEST",
      uid: "cts-registration-42@cts.test",
      sequence: 3,
      attendee: "mailto:awa@example.org",
    });
  });

  it("keeps a kind given by the caller, and writes an email with a used dedupe key once", () => {
    const send = () =>
      notify(
        db,
        {
          to: { address: "bruno@example.org", name: null },
          kind: "reminder.1d",
          email: {
            template: "registration.reminder",
            props: {
              edition,
              person: { firstName: "Bruno", lastName: "Martin" },
              manageUrl: "http://cts.test/inscription/y",
              daysBefore: 1,
            },
          },
          dedupeKey: "reminder:1d:43",
          registrationId,
        },
        now,
      );
    expect(send()).not.toBeNull();
    expect(send()).toBeNull();
    const rows = outbox(db).filter((email) => email.toAddress === "bruno@example.org");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "reminder.1d", ics: null, icsMethod: null, toName: null });
  });

  it("writes nothing when the change that causes the email is rolled back", () => {
    const before = outbox(db).length;
    expect(() =>
      immediate(db, () => {
        notify(
          db,
          {
            to: { address: "chloe@example.org", name: "Chloé" },
            email: { template: "edition.cancelled", props: { edition, person: { firstName: "Chloé", lastName: "L" } } },
            invite: { ...invite, method: "CANCEL" },
          },
          now,
        );
        throw new Error("the change failed");
      }),
    ).toThrow("the change failed");
    expect(outbox(db)).toHaveLength(before);
  });
});
