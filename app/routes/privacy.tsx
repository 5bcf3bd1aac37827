import type { Route } from "./+types/privacy";
import { ATTEMPT_DELAYS } from "#app/domain/accounts/attempts.server.ts";
import {
  ERASURE_SEND_GRACE_HOURS,
  HANDLED_CORRECTION_DAYS,
  PURGE_INTERVAL_HOURS,
} from "#app/domain/shared/retention.ts";
import { env } from "#app/lib/env.server.ts";
import { pageMeta } from "#app/lib/meta.ts";

/** Served from the page cache to everyone: plain HTML, no script (docs/decisions/010-page-cache.md). */
export const handle = { scripts: false };

export const meta: Route.MetaFunction = () =>
  pageMeta(
    "Données personnelles",
    "Quelles données le SIAO 95 collecte pour les coordinations territoriales, pourquoi, combien de temps, et vos droits.",
  );

export function loader() {
  const config = env();
  return {
    retentionMonths: config.retentionMonths,
    backupMaxAgeDays: config.backupMaxAgeDays,
    handledCorrectionDays: HANDLED_CORRECTION_DAYS,
    cancellationGraceHours: ERASURE_SEND_GRACE_HOURS,
    // The purge that gives a cancellation up runs this long after the grace time at the latest.
    cancellationMaxHours: ERASURE_SEND_GRACE_HOURS + PURGE_INTERVAL_HOURS,
    loginAttemptMinutes: ATTEMPT_DELAYS.forgetAfterMs / 60_000,
    longestWaitMinutes: ATTEMPT_DELAYS.maxDelayMs / 60_000,
  };
}

export default function Privacy({ loaderData }: Route.ComponentProps) {
  const {
    retentionMonths,
    backupMaxAgeDays,
    handledCorrectionDays,
    cancellationGraceHours,
    cancellationMaxHours,
    loginAttemptMinutes,
    longestWaitMinutes,
  } = loaderData;
  const months = <>{retentionMonths}&nbsp;mois</>;
  return (
    <div className="page narrow prose">
      <h1>Données personnelles</h1>
      <h2>Qui est responsable</h2>
      <p>
        Le Service intégré d’accueil et d’orientation du Val-d’Oise (SIAO&nbsp;95), pour l’organisation des
        coordinations territoriales semestrielles.
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
          <strong>Demande de correction du répertoire</strong>&nbsp;: nom, adresse e-mail et message, pour pouvoir vous
          répondre.
        </li>
        <li>
          <strong>Espace organisation</strong>&nbsp;: nom, adresse e-mail, journal des actions, pour la sécurité du
          service.
        </li>
      </ul>
      <p>
        Base légale&nbsp;: la mission d’intérêt public de coordination du secteur de l’accueil, de l’hébergement et de
        l’insertion, et votre consentement pour la liste des participants. Les données ne sont transmises à personne en
        dehors de l’équipe organisatrice, hormis la liste des participants que vous avez choisi de rejoindre, et ne
        servent à aucune autre fin.
      </p>
      <h2>Combien de temps</h2>
      <ul>
        <li>
          <strong>Inscriptions</strong>&nbsp;: {months} après la date de l’édition, elles sont anonymisées
          automatiquement. Nom, prénom, adresse e-mail, structure, fonction, besoins d’accessibilité et lien personnel
          sont effacés, ainsi que les textes libres de votre réponse au questionnaire et l’adresse IP de vos propres
          actions dans le journal&nbsp;; vos attestations de présence sont révoquées et ne portent plus votre nom. Ne
          restent que des statistiques&nbsp;: nombre de participants par type de structure, notes du questionnaire.
        </li>
        <li>
          <strong>Propositions de contribution</strong>&nbsp;: {months} après la date de l’édition, les nom, adresse
          e-mail, fonction et structure des intervenants, leurs disponibilités, le message de réponse de l’équipe
          organisatrice et les commentaires de la relecture sont effacés. Le titre et le résumé restent dans les
          archives.
        </li>
        <li>
          <strong>Intervenants du programme</strong>&nbsp;: leurs nom, fonction et structure restent dans le programme
          publié de l’édition, qui fait partie des archives publiques. Leur adresse e-mail est effacée {months} après la
          dernière édition où ils sont intervenus&nbsp;; la fiche d’un intervenant qui ne figure à aucun programme est
          supprimée {months} après sa dernière modification.
        </li>
        <li>
          <strong>Demandes de correction du répertoire</strong>&nbsp;: effacées {handledCorrectionDays}&nbsp;jours après
          avoir été traitées, au plus tard {months} après leur envoi, et à tout moment sur simple demande.
        </li>
        <li>
          <strong>Courriels</strong>&nbsp;: les messages que la plateforme vous a envoyés (et leurs copies sur le
          serveur) sont effacés en même temps que l’inscription, la contribution ou la demande qu’ils concernent.
        </li>
        <li>
          <strong>Sauvegardes</strong>&nbsp;: la base est copiée régulièrement, hors du dossier des données, pour
          pouvoir rétablir le service après un incident, et chaque copie est supprimée au bout de {backupMaxAgeDays}
          &nbsp;jours. Une donnée effacée peut donc y subsister jusqu’à {backupMaxAgeDays}&nbsp;jours, sans être
          consultée&nbsp;; si une copie devait être restaurée, les effacements faits depuis sont refaits aussitôt.
        </li>
        <li>
          <strong>Espace organisation</strong>&nbsp;: le journal des actions est conservé tant que le service
          existe&nbsp;; il ne contient ni nom ni adresse e-mail des personnes inscrites, intervenantes ou ayant demandé
          une correction.
        </li>
        <li>
          <strong>Tentatives de connexion</strong>&nbsp;: après un mot de passe ou un code refusé, l’adresse e-mail
          saisie et l’adresse IP sont gardées pour ralentir les essais répétés, puis effacées {loginAttemptMinutes}
          &nbsp;minutes après la dernière tentative (au plus tard {loginAttemptMinutes + longestWaitMinutes}
          &nbsp;minutes si une attente est en cours). Les sessions des organisateurs sont supprimées à leur expiration.
        </li>
      </ul>
      <h2>Vos droits</h2>
      <p>
        Vous pouvez accéder à vos données, les corriger, les faire effacer, vous opposer à leur traitement ou en
        demander la limitation. Depuis le lien personnel reçu par e-mail, vous pouvez vous-même consulter et corriger
        votre inscription, télécharger vos données (fichier JSON) et l’effacer. Pour toute autre demande, écrivez à
        l’équipe organisatrice (contact@siao95.example).
      </p>
      <p>
        L’effacement d’une inscription (par vous ou, à votre demande, par l’équipe organisatrice) est immédiat et
        atteint toutes les copies&nbsp;: courriels envoyés et leurs copies sur le serveur, textes libres du
        questionnaire, attestations, adresse IP de vos actions. Seul l’e-mail d’annulation qui retire l’événement de
        votre agenda garde votre adresse le temps de partir&nbsp;; il est effacé dès son envoi, et s’il n’a pas pu
        partir dans les {cancellationGraceHours}&nbsp;heures, il est effacé sans être envoyé (au plus tard{" "}
        {cancellationMaxHours}&nbsp;heures après l’effacement).
      </p>
      <p>
        Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la Commission
        nationale de l’informatique et des libertés (CNIL), www.cnil.fr.
      </p>
    </div>
  );
}
