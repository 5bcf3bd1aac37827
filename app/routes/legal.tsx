import type { Route } from "./+types/legal";
import { pageMeta } from "#app/lib/meta.ts";

/** Served from the page cache to everyone: plain HTML, no script (docs/decisions/010-page-cache.md). */
export const handle = { scripts: false };

export const meta: Route.MetaFunction = () =>
  pageMeta(
    "Mentions légales",
    "Éditeur, hébergement et responsabilité du site des coordinations territoriales du SIAO 95.",
  );

export default function Legal() {
  return (
    <div className="page narrow prose">
      <h1>Mentions légales</h1>
      <h2>Éditeur</h2>
      <p>
        Ce site est édité par le Service intégré d’accueil et d’orientation du Val-d’Oise (SIAO&nbsp;95), qui organise
        les coordinations territoriales semestrielles avec les acteurs de l’accueil, de l’hébergement et de l’insertion
        du département.
      </p>
      <p>Contact&nbsp;: contact@siao95.example (adresse de démonstration, à remplacer lors de la mise en service).</p>
      <h2>Directeur ou directrice de la publication</h2>
      <p>La direction du SIAO&nbsp;95.</p>
      <h2>Hébergement</h2>
      <p>
        L’application et sa base de données sont hébergées par l’exploitant désigné par le SIAO&nbsp;95&nbsp;; ses
        coordonnées sont indiquées ici lors de la mise en service.
      </p>
      <h2>Contenus</h2>
      <p>
        Les synthèses sont rédigées par l’équipe du SIAO&nbsp;95 à partir des échanges des journées. Les documents
        téléchargeables appartiennent à leurs auteurs. Les liens vers d’autres sites sont fournis à titre d’information.
      </p>
      <h2>Aucun traceur</h2>
      <p>
        Le site ne dépose aucun cookie publicitaire ni de mesure d’audience et ne charge aucun script tiers. Seul
        l’Espace organisation utilise un cookie de session, strictement nécessaire à la connexion.
      </p>
      <p>
        Voir aussi&nbsp;: <a href="/donnees-personnelles">Données personnelles</a> et{" "}
        <a href="/accessibilite">Déclaration d’accessibilité</a>.
      </p>
    </div>
  );
}
