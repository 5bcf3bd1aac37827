import { data } from "react-router";
import { findContributionByToken } from "#app/domain/contributions/submissions.server.ts";
import { db } from "#app/lib/db.server.ts";

/**
 * The contribution of a private link, or a French 404 page. Headers for these pages (no-store,
 * no referrer, noindex) are set by path in app/server/private-pages.ts.
 */
export function requireContribution(token: string) {
  const contribution = findContributionByToken(db(), token);
  if (!contribution) throw invalidContributionLink();
  return contribution;
}

export function invalidContributionLink() {
  return data(
    {
      title: "Lien personnel invalide",
      message:
        "Ce lien personnel n’est pas valide. Vérifiez qu’il a été copié en entier depuis l’e-mail reçu après l’envoi de votre contribution.",
    },
    { status: 404 },
  );
}
