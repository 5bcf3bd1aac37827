// The 2025 CTS on « l'aller-vers », from ../shared/facts/cts-aller-vers-2025.json.
// Names, roles, organisations and titles are facts; every sentence is ours.
import type { EditionSeed } from "./types.ts";

export const allerVers2025: EditionSeed = {
  slug: "cts-aller-vers-2025",
  title: "L’aller-vers",
  subtitle: "L’aller-vers comme modalité d’intervention dans le travail social",
  summary:
    "Une journée pour regarder de près ce que recouvre l’aller-vers dans le Val-d’Oise : d’où vient cette manière de travailler, ce qu’elle demande aux équipes mobiles, et comment elle s’articule avec les services qui reçoivent le public dans leurs murs.",
  objectives: [
    "Faire connaître les dispositifs d’aller-vers qui existent sur le territoire",
    "Mettre en commun les expériences des équipes",
    "Enrichir les pratiques professionnelles",
    "Renforcer la coordination entre dispositifs mobiles et dispositifs fixes",
  ],
  // The source does not give the day: a plausible Thursday, flagged as an example on every page.
  date: "2025-10-16",
  startTime: "09:00",
  endTime: "16:30",
  dateIsIllustrative: true,
  status: "held",
  capacity: 150,
  waitlistEnabled: true,
  registration: { opens: ["2025-09-01", "09:00"], closes: ["2025-10-10", "18:00"] },
  signatory: { name: "Mme PELISSIER", role: "Directrice du SIAO 95" },
  venue: {
    name: "Maison Pour Tous",
    city: "Goussainville",
    postcode: "95190",
    address: null,
    access: "Adresse précise et plan d’accès envoyés avec la confirmation d’inscription (données de démonstration).",
    accessibility: "Salle de plain-pied ; signalez-nous tout besoin particulier lors de l’inscription.",
  },
  themes: ["aller-vers", "coordination"],
  programme: [
    {
      kind: "accueil",
      title: "Accueil des participants",
      description: "Café, émargement et remise du programme.",
      start: "09:00",
      end: "09:30",
    },
    {
      kind: "ouverture",
      title: "Mots d’ouverture",
      description: "La commune qui nous reçoit et le SIAO 95 présentent le sens de cette journée.",
      start: "09:30",
      end: "10:00",
      persons: [
        {
          name: "Mme CHARENTON",
          role: "adjointe au maire en charge des Nouvelles Solidarités et du Troisième âge",
          organisation: "Ville de Goussainville",
          as: "orateur",
        },
        { name: "Mme PELISSIER", role: "directrice", organisation: "SIAO 95", as: "orateur" },
      ],
    },
    {
      kind: "conference",
      title: "L’aller-vers, une histoire sociale",
      description:
        "Une lecture socio-historique : comment la saturation des dispositifs et la découverte du non-recours ont conduit, des maraudes des années 1990 aux équipes mobiles du Ségur de la santé, à faire de l’aller-vers une politique à part entière.",
      start: "10:00",
      end: "10:45",
      persons: [
        {
          name: "Mathilde SEMPÉ",
          role: "doctorante en sociologie",
          organisation: "Université de Versailles Saint-Quentin-en-Yvelines",
          as: "orateur",
        },
      ],
    },
    { kind: "pause", title: "Pause", start: "10:45", end: "11:00" },
    {
      kind: "table_ronde",
      title: "Table ronde 1 — Aller-vers : l’action sociale en mouvement",
      description:
        "Aller sur les lieux de vie des personnes change la posture professionnelle : bonne distance, formation, souffrance portée par les équipes, rencontre avec des publics en non-recours, liens avec l’AHI et le soin.",
      start: "11:00",
      end: "12:30",
      persons: [
        { name: "Tabila BELLARIF", role: "psychologue", organisation: "EMP 95 (Aurore)", as: "intervenant" },
        {
          name: "Hussein DRIF",
          role: "coordinateur de l’Équipe Mobile Charles de Gaulle",
          organisation: "Croix-Rouge française",
          as: "intervenant",
        },
        { name: "Pauline STAHL", role: "coordinatrice AVDL / FNAVDL", organisation: "ARS 95", as: "intervenant" },
      ],
    },
    { kind: "dejeuner", title: "Déjeuner", start: "12:30", end: "13:45" },
    {
      kind: "table_ronde",
      title: "Table ronde 2 — Quand l’aller-vers rencontre le droit commun : quelle articulation des dispositifs ?",
      description:
        "Rendre visibles des publics qui ne le sont pas, faire reposer la coordination sur des organisations plutôt que sur des relations entre personnes, reconnaître les limites quand les moyens manquent, et permettre aux services fixes de prendre le relais.",
      start: "13:45",
      end: "15:45",
      persons: [
        {
          name: "Katty MUHEL",
          role: "cheffe de service 115 - Cellule Mobile 115",
          organisation: "SIAO 95",
          as: "intervenant",
        },
        {
          name: "Aurélie MONEME-STERN",
          role: "coordinatrice Cellule Mobile 115",
          organisation: "SIAO 95",
          as: "intervenant",
        },
        {
          name: "Marie-Anne LAGACHA",
          role: "responsable de territoire Gonesse/Villiers-le-Bel",
          organisation: "SSD",
          as: "intervenant",
        },
        {
          name: "Aurore FROMONT",
          role: "directrice du pôle Habitat et Accès au Logement",
          organisation: "ESPÉRER 95",
          as: "intervenant",
        },
        { name: "Eva MASSON", role: "cheffe de service de la PASH 95", organisation: "ESPÉRER 95", as: "intervenant" },
        { name: "Sylvie LORIDAN", role: "cadre de santé de l’EMSP", organisation: "ESPÉRER 95", as: "intervenant" },
        {
          name: "Hamza LAHRACH",
          role: "infirmier de l’ESSIP",
          organisation: "Fondation Léonie Chaptal",
          as: "intervenant",
        },
        {
          name: "Emilie DUVAL",
          role: "responsable de la mission d’appui à l’encadrement des territoires EST",
          organisation: "SSD",
          as: "intervenant",
        },
      ],
    },
    {
      kind: "cloture",
      title: "Ce que l’on retient, et la suite",
      description: "Les enseignements de la journée et les pistes de travail pour la coordination départementale.",
      start: "15:45",
      end: "16:30",
    },
  ],
};
