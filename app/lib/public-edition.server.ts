import { data } from "react-router";
import { getPublicEdition } from "../domain/editions.server";
import { db } from "./db.server";

/** The public edition of a URL, or the French 404 page. */
export function requirePublicEdition(slug: string) {
  const edition = getPublicEdition(db(), slug);
  if (!edition) {
    throw data(
      { title: "Édition introuvable", message: "Cette édition n’existe pas ou n’est pas encore publiée." },
      { status: 404 },
    );
  }
  return edition;
}
