import type { Edition } from "./editions.server.ts";

/**
 * What a public page shows of an edition it is about (a registration form, a speaker's page): its
 * link, title and dates, and nothing of the back-office's fields.
 */
export function publicEditionSummary(edition: Edition) {
  return { slug: edition.slug, title: edition.title, startsAt: edition.startsAt, endsAt: edition.endsAt };
}
