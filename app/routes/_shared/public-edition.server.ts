import { data } from "react-router";
import { findPublicEdition, getPublicEdition } from "#app/domain/editions/editions.server.ts";
import { publicEditionSummary } from "#app/domain/editions/public-summary.ts";
import { registrationAvailability } from "#app/domain/registrations/registrations.server.ts";
import { db } from "#app/lib/db.server.ts";

function editionNotFound() {
  return data(
    { title: "Édition introuvable", message: "Cette édition n’existe pas ou n’est pas encore publiée." },
    { status: 404 },
  );
}

/** The public edition of a URL with its programme, or the French 404 page. */
export function requirePublicEdition(slug: string) {
  const edition = getPublicEdition(db(), slug);
  if (!edition) throw editionNotFound();
  return edition;
}

/** The public edition of a URL and its venue only, or the French 404 page. */
export function requirePublicEditionSummary(slug: string) {
  const found = findPublicEdition(db(), slug);
  if (!found) throw editionNotFound();
  return found;
}

/** What the registration forms (alone or as a team) show of a public edition, and whether they are open. */
export function publicRegistrationPage(slug: string) {
  const { edition, venue } = requirePublicEditionSummary(slug);
  return {
    edition: { ...publicEditionSummary(edition), registrationOpensAt: edition.registrationOpensAt },
    venue: venue ? { name: venue.name, city: venue.city } : null,
    availability: registrationAvailability(db(), edition),
  };
}
