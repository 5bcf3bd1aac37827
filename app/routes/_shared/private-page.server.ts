import { data } from "react-router";
import { loadEdition } from "#app/domain/editions/editions.server.ts";
import { findRegistrationByToken } from "#app/domain/registrations/registrations.server.ts";
import { db } from "#app/lib/db.server.ts";

/** The registration of a private link, or a French 404 page. Headers for these pages are set in app/server/private-pages.ts. */
export function requireRegistration(token: string) {
  const registration = findRegistrationByToken(db(), token);
  if (!registration) {
    throw data(
      {
        title: "Lien personnel invalide",
        message:
          "Ce lien personnel n’est pas valide. Vérifiez qu’il a été copié en entier, ou demandez-en un nouveau depuis la page d’inscription de l’édition.",
      },
      { status: 404 },
    );
  }
  return registration;
}

/** The same, with the edition (and its venue) the registration belongs to. */
export function requireRegistrationWithEdition(token: string) {
  const registration = requireRegistration(token);
  return { registration, ...loadEdition(db(), registration.editionId) };
}
