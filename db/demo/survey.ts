// A handful of made-up answers to the feedback survey of the 2025 edition, so that the results
// tab of the demo is not empty. They belong to no registration, as answers do once the
// registrations have been erased at the end of the retention time.
import { count, eq } from "drizzle-orm";
import { editions, surveyResponses, surveySessionScores, surveyThemeSuggestions } from "#db/schema.ts";
import { surveySessions } from "#app/domain/survey/survey.server.ts";
import { labelKey, splitThemes } from "#app/domain/survey/values.ts";
import type { Db } from "#app/lib/db.server.ts";
import { frenchTypography as fr } from "#app/lib/typography.ts";

type DemoAnswer = {
  overall: number;
  /** One score per programme session people may score, in programme order; null for « sans avis ». */
  scores: Array<number | null>;
  keep?: string;
  change?: string;
  themes?: string;
  comment?: string;
};

const ANSWERS: DemoAnswer[] = [
  {
    overall: 5,
    scores: [4, 5, 5, 4, 4],
    keep: "Les tables rondes qui mêlent équipes mobiles et services d’accueil.",
    themes: "Santé mentale et rue\nAccès aux droits",
    comment: "Une journée dense, qui donne envie de travailler ensemble.",
  },
  {
    overall: 4,
    scores: [3, 5, 4, 4, null],
    keep: "La conférence d’ouverture : elle pose le cadre pour toute la journée.",
    change: "Laisser plus de temps aux questions de la salle.",
    themes: "santé mentale et rue, Logement d’abord",
  },
  {
    overall: 4,
    scores: [null, 4, 5, 3, 4],
    keep: "Le temps du déjeuner pour rencontrer les autres structures.",
    change: "Une salle plus grande : nous étions serrés l’après-midi.",
    themes: "Femmes à la rue ; accès aux droits",
  },
  {
    overall: 3,
    scores: [3, 3, 4, 2, 3],
    change: "La deuxième table ronde comptait trop d’intervenants pour le temps prévu.",
    themes: "Logement d’abord",
    comment: "Utile, mais nous aurions aimé des exemples hors de l’Est du département.",
  },
  {
    overall: 5,
    scores: [4, 5, 5, 5, 5],
    keep: "Le répertoire des dispositifs distribué sur place.",
    themes: "Santé mentale et rue\nMigrants et hébergement d’urgence",
  },
  {
    overall: 4,
    scores: [4, 4, 3, 4, null],
    change: "Envoyer le programme détaillé plus tôt.",
    themes: "Femmes à la rue",
    comment: "Merci pour l’accueil !",
  },
];

/** Adds the demo answers once: an edition that already has answers is left as it is. */
export function seedDemoSurvey(db: Db, editionSlug: string): "created" | "kept" | "missing" {
  const edition = db.select({ id: editions.id }).from(editions).where(eq(editions.slug, editionSlug)).get();
  if (!edition) return "missing";
  const existing = db
    .select({ n: count() })
    .from(surveyResponses)
    .where(eq(surveyResponses.editionId, edition.id))
    .get()!.n;
  if (existing > 0) return "kept";
  const sessionIds = surveySessions(db, edition.id).map((session) => session.id);
  const text = (value: string | undefined) => (value ? fr(value) : null);
  db.transaction(() => {
    for (const answer of ANSWERS) {
      const { id } = db
        .insert(surveyResponses)
        .values({
          editionId: edition.id,
          registrationId: null,
          overall: answer.overall,
          keep: text(answer.keep),
          change: text(answer.change),
          comment: text(answer.comment),
        })
        .returning({ id: surveyResponses.id })
        .get();
      answer.scores.forEach((score, index) => {
        const sessionId = sessionIds[index];
        if (score !== null && sessionId !== undefined)
          db.insert(surveySessionScores).values({ responseId: id, sessionId, score }).run();
      });
      for (const label of splitThemes(answer.themes)) {
        db.insert(surveyThemeSuggestions)
          .values({ responseId: id, label: fr(label), labelKey: labelKey(label) })
          .run();
      }
    }
  });
  return "created";
}
