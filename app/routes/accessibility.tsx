import type { Route } from "./+types/accessibility";
import { pageMeta } from "#app/lib/meta.ts";

/** Served from the page cache to everyone: plain HTML, no script (docs/decisions/010-page-cache.md). */
export const handle = { scripts: false };

export const meta: Route.MetaFunction = () =>
  pageMeta(
    "Déclaration d’accessibilité",
    "État de conformité du site au référentiel général d’amélioration de l’accessibilité (RGAA 4.1).",
  );

export default function Accessibility() {
  return (
    <div className="page narrow prose">
      <h1>Déclaration d’accessibilité</h1>
      <p>
        Le SIAO&nbsp;95 s’engage à rendre ce site accessible conformément à l’article&nbsp;47 de la loi n°&nbsp;2005-102
        du 11&nbsp;février 2005. Cette déclaration porte sur le site des coordinations territoriales semestrielles.
      </p>
      <h2>État de conformité</h2>
      <p>
        Le site n’a pas encore fait l’objet d’un audit complet selon le référentiel général d’amélioration de
        l’accessibilité (RGAA&nbsp;4.1) mené par un auditeur indépendant. Au sens du RGAA, il est donc déclaré{" "}
        <strong>non conforme</strong> tant que cet audit n’a pas eu lieu.
      </p>
      <h2>Contrôles réalisés</h2>
      <p>Chaque version du site passe, avant d’être livrée, les contrôles automatiques suivants&nbsp;:</p>
      <ul>
        <li>
          analyse de chaque page publique et de chaque page de l’Espace organisation avec axe-core (règles WCAG 2.1
          niveaux A et AA et bonnes pratiques)&nbsp;: aucune anomalie relevée&nbsp;;
        </li>
        <li>
          validation du code HTML de chaque page publique avec le validateur du W3C (Nu HTML Checker)&nbsp;: aucune
          erreur&nbsp;;
        </li>
        <li>
          parcours complets au clavier seul des formulaires d’inscription et de contribution, et de chaque page sans
          JavaScript.
        </li>
      </ul>
      <p>
        Ces contrôles automatiques couvrent une partie seulement des critères du RGAA&nbsp;; ils ne remplacent pas un
        audit.
      </p>
      <h2>Technologies utilisées</h2>
      <p>HTML5, CSS, JavaScript (facultatif&nbsp;: toutes les pages fonctionnent sans).</p>
      <h2>Retour d’information et contact</h2>
      <p>
        Si vous n’arrivez pas à accéder à un contenu ou à un service, écrivez à l’équipe organisatrice
        (contact@siao95.example) pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre
        forme.
      </p>
      <h2>Voies de recours</h2>
      <p>
        Si vous avez signalé un défaut d’accessibilité sans obtenir de réponse satisfaisante, vous pouvez écrire au
        Défenseur des droits, contacter son délégué dans votre région, ou lui envoyer un courrier gratuit (Défenseur des
        droits, Libre réponse 71120, 75342 Paris CEDEX 07).
      </p>
    </div>
  );
}
