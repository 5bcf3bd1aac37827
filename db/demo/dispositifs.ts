// The directory of the demo. Two kinds of entries, never mixed up:
// - NAMED_TEAMS: real services the synthesis of the 2025 CTS names
//   (../shared/facts/cts-aller-vers-2025.json, `teams_named_in_the_article`). They hold what the
//   facts say and nothing more: name, operator, category, what the team does and how it took part
//   in the day. Publics, communes and contacts are not stated there, so they stay empty.
// - DEMO_DISPOSITIFS: fictitious entries that show every category and the usual sub-categories,
//   and say so (`isExample`, shown with an « exemple » badge). Operators are invented
//   (« Association exemple … »), phone numbers are in the range reserved for fiction
//   (01 99 00 xx xx), emails and websites use exemple.org.
import { SYSTEM } from "#app/domain/shared/actor.ts";
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

/** What the synthesis does not say about the named teams: their fiches say so rather than guess. */
const NOT_STATED =
  "Fiche limitée à ce que dit la synthèse de la CTS 2025, qui ne précise ni les publics, ni les communes couvertes, ni les coordonnées de l’équipe.";

type TeamFacts = Pick<DemoDispositif, "name" | "operator" | "category" | "subCategory" | "description">;

const TEAM_FACTS: TeamFacts[] = [
  {
    name: "EMP 95",
    operator: "Aurore",
    category: "sanitaire_social",
    subCategory: "Équipe mobile psychiatrie",
    description: `Équipe mobile psychiatrie portée par Aurore. Une psychologue de l’équipe est intervenue à la table ronde 1 de la CTS 2025 sur l’aller-vers.\n\n${NOT_STATED}`,
  },
  {
    name: "Équipe Mobile Charles de Gaulle",
    operator: "Croix-Rouge française",
    category: "veille_sociale",
    subCategory: "Maraude",
    description: `Maraude de la Croix-Rouge française. Son coordinateur est intervenu à la table ronde 1 de la CTS 2025 : l’équipe suit un public dont les perspectives de réinsertion restent minces à court comme à moyen terme.\n\n${NOT_STATED}`,
  },
  {
    name: "AVDL (accompagnement vers et dans le logement)",
    operator: "ARS 95",
    category: "insertion",
    subCategory: "AVDL",
    description: `Accompagnement vers et dans le logement, financé par le FNAVDL. Sa coordinatrice est intervenue à la table ronde 1 de la CTS 2025.\n\n${NOT_STATED}`,
  },
  {
    name: "Cellule Mobile 115",
    operator: "SIAO 95",
    category: "veille_sociale",
    subCategory: "Équipe mobile du 115",
    description: `L’équipe mobile du 115, au SIAO 95. Sa cheffe de service et sa coordinatrice sont intervenues à la table ronde 2 de la CTS 2025, où son travail a été cité, avec celui d’une EMSP, pour avoir rendu visibles des situations passées sous les radars.\n\n${NOT_STATED}`,
  },
  {
    name: "EMSP (équipe mobile santé précarité)",
    operator: "ESPÉRER 95",
    category: "sanitaire_social",
    subCategory: "EMSP",
    description: `Équipe mobile santé précarité d’ESPÉRER 95. Sa cadre de santé est intervenue à la table ronde 2 de la CTS 2025.\n\n${NOT_STATED}`,
  },
  {
    name: "ESSIP (équipe de soins infirmiers précarité)",
    operator: "Fondation Léonie Chaptal",
    category: "sanitaire_social",
    subCategory: "ESSIP",
    description: `Équipe de soins infirmiers précarité de la Fondation Léonie Chaptal. Un infirmier de l’équipe est intervenu à la table ronde 2 de la CTS 2025.\n\n${NOT_STATED}`,
  },
];

export const NAMED_TEAMS: DemoDispositif[] = TEAM_FACTS.map((team) => ({
  ...team,
  publics: null,
  communes: null,
  phone: null,
  email: null,
  website: null,
}));

function seedEntries(db: Db, entries: DemoDispositif[], isExample: boolean): { created: string[]; kept: string[] } {
  const created: string[] = [];
  const kept: string[] = [];
  for (const entry of entries) {
    if (findTwin(db, entry.name, entry.operator)) {
      kept.push(entry.name);
      continue;
    }
    saveDispositif({ db, actor: SYSTEM, now: new Date() }, null, { ...entry, year: 2025, isExample });
    created.push(entry.name);
  }
  return { created, kept };
}

/** Adds the example entries that are not there yet; returns the names of those it created. */
export function seedDispositifs(db: Db): { created: string[]; kept: string[] } {
  return seedEntries(db, DEMO_DISPOSITIFS, true);
}

/** Adds the teams the 2025 synthesis names that are not there yet (not examples: they exist). */
export function seedNamedTeams(db: Db): { created: string[]; kept: string[] } {
  return seedEntries(db, NAMED_TEAMS, false);
}
