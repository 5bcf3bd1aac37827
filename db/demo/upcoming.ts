// The next CTS of the demo: a theme the AHI sector keeps returning to. Its date is computed
// from the day the demo is loaded, so that registration is open whenever someone tries it.
import { parisDateString } from "#app/lib/time.ts";
import type { EditionSeed } from "./types.ts";

const DAY = 86_400_000;

/** The first Thursday at least `daysAhead` days after `now`, as a Paris calendar day. */
export function thursdayAfter(now: Date, daysAhead: number): string {
  const start = new Date(now.getTime() + daysAhead * DAY);
  const noonUtc = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate(), 12);
  const shift = (4 - new Date(noonUtc).getUTCDay() + 7) % 7;
  return parisDateString(noonUtc + shift * DAY);
}

export function upcomingEdition(now: Date): EditionSeed {
  const date = thursdayAfter(now, 100);
  const year = date.slice(0, 4);
  const dayOffset = (days: number) => parisDateString(Date.parse(`${date}T12:00:00Z`) + days * DAY);
  return {
    slug: `cts-sante-mentale-${year}`,
    title: "Santé mentale et grande précarité",
    subtitle: "Construire des parcours sans rupture entre la rue, l’hébergement et le soin",
    summary:
      "Troubles psychiques et vie à la rue se renforcent l’un l’autre. Cette édition réunit équipes de veille sociale, structures d’hébergement et acteurs du soin pour partager ce qui permet d’éviter les ruptures de parcours, et ce qui manque encore.",
    objectives: [
      "Mieux connaître l’offre de soin psychique accessible aux personnes sans domicile",
      "Partager des situations concrètes et les réponses trouvées",
      "Identifier les relais possibles entre veille sociale, hébergement et psychiatrie",
    ],
    date,
    startTime: "09:00",
    endTime: "16:30",
    dateIsIllustrative: false,
    status: "published",
    capacity: 120,
    waitlistEnabled: true,
    registration: { opens: [dayOffset(-130), "09:00"], closes: [dayOffset(-7), "18:00"] },
    contributions: { opens: [dayOffset(-130), "09:00"], closes: [dayOffset(-45), "18:00"] },
    venue: {
      name: "Salle des fêtes (lieu de démonstration)",
      city: "Cergy",
      postcode: "95000",
      address: null,
      access: "Le lieu exact sera confirmé aux personnes inscrites.",
      accessibility: "Lieu accessible aux personnes à mobilité réduite.",
    },
    themes: ["sante-mentale", "coordination"],
    programme: [
      { kind: "accueil", title: "Accueil des participants", start: "09:00", end: "09:30" },
      {
        kind: "ouverture",
        title: "Ouverture de la journée",
        description: "Le SIAO 95 présente le thème et le déroulé de la journée.",
        start: "09:30",
        end: "09:50",
      },
      {
        kind: "table_ronde",
        title: "Table ronde 1 — Repérer et orienter : la place des équipes mobiles",
        description: "Intervenants en cours de programmation : l’appel à contributions est ouvert.",
        start: "10:00",
        end: "12:00",
      },
      { kind: "dejeuner", title: "Déjeuner", start: "12:00", end: "13:30" },
      {
        kind: "table_ronde",
        title: "Table ronde 2 — Héberger et soigner : tenir dans la durée",
        description: "Intervenants en cours de programmation : l’appel à contributions est ouvert.",
        start: "13:30",
        end: "15:45",
      },
      { kind: "cloture", title: "Clôture", start: "15:45", end: "16:30" },
    ],
  };
}
