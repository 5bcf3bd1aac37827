import { useSearchParams } from "react-router";
import type { Route } from "./+types/privacy";
import { env } from "../lib/env.server";
import { pageMeta } from "../lib/meta";

/** Served from the page cache to everyone: plain HTML, no script (docs/decisions/010-page-cache.md). */
export const handle = { scripts: false };

export const meta: Route.MetaFunction = () =>
  pageMeta("Données personnelles", "Quelles données le SIAO 95 collecte pour les coordinations territoriales, pourquoi, combien de temps, et vos droits.");

export function loader() {
  return { retentionMonths: env().retentionMonths };
}

export default function Privacy({ loaderData }: Route.ComponentProps) {
  const { retentionMonths } = loaderData;
  const [params] = useSearchParams();
  return (
    <div className="page narrow prose">
      <h1>Données personnelles</h1>
      {params.has("efface") ? (
        <p className="notice notice--ok" role="status">
          Votre inscription a été effacée. Si elle était confirmée, votre place a été libérée et un e-mail d’annulation
          retire l’événement de votre agenda.
        </p>
      ) : null}
      <h2>Qui est responsable</h2>
      <p>
        Le Service intégré d’accueil et d’orientation du Val-d’Oise (SIAO&nbsp;95), pour l’organisation des coordinations
        territoriales semestrielles.
      </p>
      <h2>Ce qui est collecté, et pourquoi</h2>
      <ul>
        <li>
          <strong>Inscription à une journée</strong>&nbsp;: nom, prénom, adresse e-mail, structure, fonction, type de
          structure, besoins d’accessibilité, déjeuner. Pour gérer les places, la liste d’attente, l’accueil et
          l’émargement, et vous envoyer les informations pratiques et les changements.
        </li>
        <li>
          <strong>Liste des participants</strong> (facultatif)&nbsp;: si vous l’avez choisi, vos nom, prénom, structure
          et fonction sont visibles des autres personnes inscrites à la même édition, depuis leur lien personnel. Vous
          pouvez vous retirer de la liste à tout moment depuis votre lien personnel. Après la journée, la page publique
          de l’édition cite les structures présentes, jamais les personnes.
        </li>
        <li>
          <strong>Questionnaire de satisfaction</strong>&nbsp;: vos réponses, pour améliorer les prochaines éditions.
          Les organisateurs les lisent regroupées, sans votre nom&nbsp;; quand votre inscription est effacée ou
          anonymisée, vos réponses restent dans les statistiques sans plus être reliées à vous.
        </li>
        <li>
          <strong>Proposition de contribution</strong>&nbsp;: coordonnées des intervenants et contenu de la proposition,
          pour construire le programme.
        </li>
        <li>
          <strong>Espace des organisateurs</strong>&nbsp;: nom, adresse e-mail, journal des actions, pour la sécurité
          du service.
        </li>
      </ul>
      <p>
        Base légale&nbsp;: la mission d’intérêt public de coordination du secteur de l’accueil, de l’hébergement et de
        l’insertion, et votre consentement pour la liste des participants. Les données ne sont transmises à personne
        en dehors de l’équipe organisatrice, hormis la liste des participants que vous avez choisi de rejoindre, et ne
        servent à aucune autre fin.
      </p>
      <h2>Combien de temps</h2>
      <p>
        {retentionMonths}&nbsp;mois après la date de l’édition, les inscriptions et les contributions sont
        anonymisées automatiquement&nbsp;: ne restent que des statistiques (nombre de participants par type de
        structure).
      </p>
      <h2>Vos droits</h2>
      <p>
        Vous pouvez accéder à vos données, les corriger, les faire effacer, vous opposer à leur traitement ou en
        demander la limitation. Depuis le lien personnel reçu par e-mail, vous pouvez vous-même consulter et corriger
        votre inscription, télécharger vos données (fichier JSON) et l’effacer. Pour toute autre demande, écrivez à
        l’équipe organisatrice (contact@siao95.example).
      </p>
      <p>
        Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la Commission
        nationale de l’informatique et des libertés (CNIL), www.cnil.fr.
      </p>
    </div>
  );
}
