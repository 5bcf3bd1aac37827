// A few example entries of the directory of outreach services, so that the demo shows every
// category and the usual sub-categories. They are fictitious and say so (`isExample`, shown with
// an « exemple » badge): the real list of the 2025 booklet is meant to be imported by CSV.
// Operators are invented (« Association exemple … »), phone numbers are in the range reserved
// for fiction (01 99 00 xx xx), emails and websites use exemple.org.
import { findTwin, saveDispositif } from "#app/domain/directory/dispositifs.server.ts";
import type { DispositifValues } from "#app/domain/directory/values.ts";
import type { Db } from "#app/lib/db.server.ts";

type DemoDispositif = Omit<DispositifValues, "isExample" | "year">;

export const DEMO_DISPOSITIFS: DemoDispositif[] = [
  {
    name: "Parcours emploi mobile (exemple)",
    operator: "Association exemple Tremplin 95",
    category: "insertion",
    subCategory: "Insertion professionnelle",
    publics: "Jeunes de 18 à 25 ans\nPersonnes hébergées",
    communes: "Cergy\nPontoise\nOsny",
    description:
      "Une conseillère en insertion se déplace dans les centres d’hébergement pour construire un projet professionnel avec les personnes, jusqu’au premier entretien d’embauche.",
    phone: "01 99 00 10 01",
    email: "emploi@exemple.org",
    website: "https://tremplin.exemple.org",
  },
  {
    name: "Médiation scolaire à l’hôtel (exemple)",
    operator: "Association exemple Les Cartables",
    category: "insertion",
    subCategory: "Scolaire",
    publics: "Enfants hébergés à l’hôtel\nFamilles",
    communes: "Sarcelles\nGarges-lès-Gonesse\nVilliers-le-Bel",
    description:
      "Des médiateurs rencontrent les familles hébergées à l’hôtel pour inscrire les enfants à l’école, faire le lien avec les établissements et éviter les ruptures de scolarité.",
    phone: "01 99 00 10 02",
    email: null,
    website: null,
  },
  {
    name: "AVDL mobile (exemple)",
    operator: "Association exemple Clés du logement",
    category: "insertion",
    subCategory: "AVDL",
    publics: "Ménages reconnus prioritaires DALO\nPersonnes sortant d’hébergement",
    communes: null,
    description:
      "Accompagnement vers et dans le logement, au domicile des ménages : préparer l’entrée dans les lieux, puis s’y maintenir.",
    phone: null,
    email: "avdl@exemple.org",
    website: null,
  },
  {
    name: "Permanence mobile d’accès aux droits (exemple)",
    operator: "Association exemple Droits devant 95",
    category: "insertion",
    subCategory: "Accès aux droits",
    publics: "Personnes sans domicile\nFamilles",
    communes: "Argenteuil\nBezons",
    description:
      "Un travailleur social tient des permanences sur les lieux de distribution alimentaire : ouverture des droits, domiciliation, santé.",
    phone: "01 99 00 10 04",
    email: "droits@exemple.org",
    website: null,
  },
  {
    name: "Maraude de nuit de l’Est du Val-d’Oise (exemple)",
    operator: "Association exemple La Lanterne",
    category: "veille_sociale",
    subCategory: "Maraude sociale",
    publics: "Personnes à la rue\nPersonnes isolées",
    communes: "Gonesse\nGoussainville\nVilliers-le-Bel\nSarcelles",
    description:
      "Une équipe de deux travailleurs sociaux va à la rencontre des personnes à la rue trois soirs par semaine, en lien avec le 115.",
    phone: "01 99 00 20 01",
    email: null,
    website: null,
  },
  {
    name: "Maraude réduction des risques (exemple)",
    operator: "Association exemple Prévention mobile",
    category: "veille_sociale",
    subCategory: "Maraude réduction des risques",
    publics: "Usagers de drogues\nPersonnes à la rue",
    communes: "Cergy\nArgenteuil",
    description:
      "Matériel de réduction des risques, écoute et orientation vers le soin, au plus près des lieux de consommation.",
    phone: null,
    email: "rdr@exemple.org",
    website: null,
  },
  {
    name: "Équipe mobile santé précarité (exemple)",
    operator: "Centre hospitalier exemple du Vexin",
    category: "sanitaire_social",
    subCategory: "EMSP",
    publics: "Personnes en situation de précarité\nPersonnes sans couverture santé",
    communes: null,
    description:
      "Une infirmière et un travailleur social vont vers les personnes éloignées du soin, dans la rue et dans les structures d’hébergement, et les accompagnent vers le droit commun.",
    phone: "01 99 00 30 01",
    email: null,
    website: null,
  },
  {
    name: "Soins infirmiers de rue (exemple)",
    operator: "Association exemple Soins solidaires",
    category: "sanitaire_social",
    subCategory: "ESSIP",
    publics: "Personnes à la rue",
    communes: "Pontoise\nCergy\nSaint-Ouen-l’Aumône",
    description: "Des soins infirmiers sur le lieu de vie des personnes, sans condition de droits ouverts.",
    phone: "01 99 00 30 02",
    email: "essip@exemple.org",
    website: null,
  },
];

/** Adds the example entries that are not there yet; returns the names of those it created. */
export function seedDispositifs(db: Db): { created: string[]; kept: string[] } {
  const created: string[] = [];
  const kept: string[] = [];
  for (const entry of DEMO_DISPOSITIFS) {
    if (findTwin(db, entry.name, entry.operator)) {
      kept.push(entry.name);
      continue;
    }
    saveDispositif(db, null, { ...entry, year: 2025, isExample: true }, { userId: null });
    created.push(entry.name);
  }
  return { created, kept };
}
