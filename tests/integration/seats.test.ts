import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { appDatabase } from "#tests/support/app-db.ts";

// The routes read the app's own connection: point it at this file's database first.
const { db } = await appDatabase("seats");

const { register, cancelRegistration } = await import("#app/domain/registrations/registrations.server.ts");
const { seatsAtAGlance } = await import("#app/domain/registrations/seats.server.ts");
const { contentVersion } = await import("#app/domain/site/content-version.server.ts");
const { RegisterButton, seatsLabel } = await import("#app/components/seats.tsx");
const { PAGE_LIFETIME_HEADER, SEAT_COUNT_LIFETIME_S } = await import("#app/server/page-lifetime.ts");
const editionPage = await import("#app/routes/edition.tsx");
const homePage = await import("#app/routes/home.tsx");
const { createEdition, ctx, person } = await import("#tests/support/fixtures.ts");

const DAY = 86_400_000;
let counter = 0;

function registerSomeone(slug: string) {
  counter++;
  const outcome = register(db, ctx, slug, person(`seats${counter}`), new Date());
  if (outcome.outcome !== "confirmed" && outcome.outcome !== "waitlisted") throw new Error(outcome.outcome);
  return outcome;
}

const html = (element: Parameters<typeof renderToStaticMarkup>[0]) => renderToStaticMarkup(element);
const editionHtml = (slug: string) => {
  const loaderData = editionPage.loader({ params: { slug } } as never);
  return html(createElement(editionPage.default as never, { loaderData }));
};

describe("seats at a glance", () => {
  it("counts down place by place, then says full, with the register button to match", () => {
    const edition = createEdition(db, new Date(), { capacity: 2, waitlistEnabled: true });
    expect(seatsLabel(seatsAtAGlance(db, edition.id)!)).toBe("2\u00a0places restantes");
    let page = editionHtml(edition.slug);
    expect(page).toContain("2\u00a0places restantes");
    expect(page).toContain(">S’inscrire</a>");

    registerSomeone(edition.slug);
    expect(seatsLabel(seatsAtAGlance(db, edition.id)!)).toBe("1\u00a0place restante");
    expect(editionHtml(edition.slug)).toContain("1\u00a0place restante");

    registerSomeone(edition.slug);
    page = editionHtml(edition.slug);
    expect(page).toContain("Complet — liste d’attente ouverte");
    expect(page).toContain(">S’inscrire sur la liste d’attente</a>");
    expect(page).not.toContain(">S’inscrire</a>");
    expect(page).not.toContain("places restantes");
  });

  it("offers no registration when full without a waiting list, and 37 seats read as such", () => {
    const full = createEdition(db, new Date(), { capacity: 1, waitlistEnabled: false });
    registerSomeone(full.slug);
    expect(seatsAtAGlance(db, full.id)).toEqual({ kind: "full", open: true });
    const page = editionHtml(full.slug);
    expect(page).toContain("Complet");
    expect(page).not.toContain("liste d’attente ouverte");
    expect(page).not.toContain("S’inscrire");
    expect(page).not.toContain(`/editions/${full.slug}/inscription"`);

    const large = createEdition(db, new Date(), { capacity: 37 });
    expect(seatsLabel(seatsAtAGlance(db, large.id)!)).toBe("37\u00a0places restantes");
    const button = html(createElement(RegisterButton, { slug: large.slug, seats: seatsAtAGlance(db, large.id)! }));
    expect(button).toBe(`<a class="button" href="/editions/${large.slug}/inscription">S’inscrire</a>`);
  });

  it("shows seats but no button before registrations open, and nothing once they are over", () => {
    const later = createEdition(db, new Date(), { registrationOpensAt: new Date(Date.now() + 5 * DAY) });
    expect(seatsAtAGlance(db, later.id)).toEqual({ kind: "left", seatsLeft: 3, open: false });
    const page = editionHtml(later.slug);
    expect(page).toContain("3\u00a0places restantes");
    expect(page).not.toContain("S’inscrire");
    const over = createEdition(db, new Date(), { registrationClosesAt: new Date(Date.now() - 1000) });
    expect(seatsAtAGlance(db, over.id)).toBeNull();
  });

  it("puts the next edition's seats and register button on the home page", () => {
    // Sooner than every edition above, so it is the one announced.
    const next = createEdition(db, new Date(Date.now() - 30 * DAY), { capacity: 5, title: "La prochaine" });
    const loaderData = homePage.loader();
    expect(loaderData.next?.slug).toBe(next.slug);
    const page = html(createElement(homePage.default as never, { loaderData }));
    expect(page).toContain("5\u00a0places restantes");
    expect(page).toContain(`href="/editions/${next.slug}/inscription">S’inscrire</a>`);
  });
});

describe("seat counts and the page cache", () => {
  it("keeps pages with a seat count a few seconds only, and registrations leave the content version alone", () => {
    expect(SEAT_COUNT_LIFETIME_S).toBeLessThanOrEqual(5);
    for (const route of [editionPage, homePage]) {
      const headers = new Headers(route.headers({} as never) as HeadersInit);
      expect(headers.get(PAGE_LIFETIME_HEADER)).toBe(String(SEAT_COUNT_LIFETIME_S));
    }

    const edition = createEdition(db, new Date(), { capacity: 10 });
    const version = contentVersion(db);
    const { registrationId } = registerSomeone(edition.slug);
    registerSomeone(edition.slug);
    cancelRegistration({ db, mail: ctx, actor: { userId: null }, now: new Date() }, registrationId);
    expect(contentVersion(db)).toBe(version);
    // The count itself is read fresh on every render.
    expect(seatsAtAGlance(db, edition.id)).toEqual({ kind: "left", seatsLeft: 9, open: true });

    // What other pages show still moves the version.
    createEdition(db, new Date());
    expect(contentVersion(db)).toBeGreaterThan(version);
  });
});
