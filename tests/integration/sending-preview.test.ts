import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createEdition as createEditionFromForm, setEditionStatus } from "#app/domain/editions/admin.server.ts";
import {
  cancelEditionOnceConfirmed,
  saveEditionOnceConfirmed,
  sendingPreview,
} from "#app/domain/edition-changes/edition-changes.server.ts";
import { register } from "#app/domain/registrations/registrations.server.ts";
import type { EditionFormValues } from "#app/forms/edition.ts";
import { editions, emails, registrations } from "#db/schema.ts";
import { ctx, person } from "#tests/support/fixtures.ts";
import { editionForm } from "#tests/support/inputs.ts";
import { tempDbAt } from "#tests/support/temp-db.ts";

const { db, now, noAccount: actor } = tempDbAt("2026-11-26T10:00:00Z");

function form(overrides: Partial<EditionFormValues> = {}): EditionFormValues {
  return editionForm({
    title: "Habiter après la rue",
    newTheme: null,
    newVenueName: "Salle des fêtes",
    newVenuePostcode: "95000",
    newVenueCity: "Cergy",
    objectives: null,
    ...overrides,
  });
}

/** Saves as the organiser's form does: a preview first, unless the values carry its fingerprint. */
const save = (editionId: number, input: EditionFormValues) =>
  saveEditionOnceConfirmed({ db, mail: ctx, actor, now }, editionId, input);

const outboxSize = () => db.select({ n: count() }).from(emails).get()!.n;

function publishedWithPeople(prefix: string) {
  const edition = createEditionFromForm({ db, actor, now }, form());
  setEditionStatus({ db, actor, now }, edition.id, "published");
  for (const n of [1, 2, 3]) register(db, ctx, edition.slug, person(`${prefix}${n}`), now);
  return edition;
}

describe("an organiser sees what a save will send before it is sent", () => {
  it("previews a new time and a bigger capacity, changes nothing, then applies exactly that once confirmed", () => {
    const edition = publishedWithPeople("apercu");
    const before = outboxSize();
    const input = form({ venueId: edition.venueId!, startTime: "09:30", capacity: 3 });

    const first = save(edition.id, input);
    expect(first.done).toBe(false);
    if (first.done) return;
    const shown = sendingPreview(first.preview);
    expect(shown.summary).toBe(
      "2\u00a0personnes recevront une invitation mise à jour\u00a0; 1\u00a0personne sera confirmée depuis la liste d’attente.",
    );
    expect(shown.samples[0]!.text).toContain("9\u00a0h\u00a030");
    // Nothing happened yet: no email, same time, same capacity, the third person still waits.
    expect(outboxSize()).toBe(before);
    const unchanged = db.select().from(editions).where(eq(editions.id, edition.id)).get()!;
    expect(unchanged.capacity).toBe(2);
    expect(unchanged.sequence).toBe(0);
    expect(
      db.select().from(registrations).where(eq(registrations.email, "personneapercu3@example.org")).get()!.status,
    ).toBe("waitlisted");

    const confirmed = save(edition.id, { ...input, confirmation: first.preview.fingerprint });
    expect(confirmed).toEqual({ done: true, outcome: { notified: 2, promoted: 1, outsideHours: 0 } });
    expect(outboxSize()).toBe(before + 3);
  });

  it("shows the preview again when who would be written to changed since it was seen", () => {
    const edition = publishedWithPeople("perime");
    const input = form({ venueId: edition.venueId!, startTime: "10:00" });
    const first = save(edition.id, input);
    if (first.done) throw new Error("expected a preview");
    // Someone else's action in between: one confirmed person leaves, so one fewer invite goes out.
    db.update(registrations)
      .set({ status: "cancelled" })
      .where(eq(registrations.email, "personneperime1@example.org"))
      .run();
    const before = outboxSize();
    const second = save(edition.id, { ...input, confirmation: first.preview.fingerprint });
    expect(second.done).toBe(false);
    expect(outboxSize()).toBe(before);
  });

  it("saves at once what writes to nobody", () => {
    const edition = publishedWithPeople("muet");
    const saved = save(edition.id, form({ venueId: edition.venueId!, summary: "Une journée d’échanges." }));
    expect(saved).toEqual({ done: true, outcome: { notified: 0, promoted: 0, outsideHours: 0 } });
  });

  it("previews the cancellation of an edition: everyone registered is told, nothing is cancelled before confirming", () => {
    const edition = publishedWithPeople("annul");
    const first = cancelEditionOnceConfirmed({ db, mail: ctx, actor, now }, edition.id, undefined);
    if (first.done) throw new Error("expected a preview");
    expect(sendingPreview(first.preview).summary).toBe("3\u00a0personnes seront prévenues de l’annulation.");
    expect(db.select().from(editions).where(eq(editions.id, edition.id)).get()!.status).toBe("published");
    const done = cancelEditionOnceConfirmed({ db, mail: ctx, actor, now }, edition.id, first.preview.fingerprint);
    expect(done).toEqual({ done: true, outcome: { notified: 3 } });
    expect(db.select().from(editions).where(eq(editions.id, edition.id)).get()!.status).toBe("cancelled");
  });
});
