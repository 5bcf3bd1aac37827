export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <p>
          Les Coordinations territoriales semestrielles sont organisées par le Service intégré d’accueil et
          d’orientation du Val-d’Oise (SIAO&nbsp;95) pour les acteurs de l’accueil, de l’hébergement et de l’insertion.
        </p>
        <nav aria-label="Informations légales">
          <ul className="footer-links">
            <li>
              <a href="/mentions-legales">Mentions légales</a>
            </li>
            <li>
              <a href="/donnees-personnelles">Données personnelles</a>
            </li>
            <li>
              <a href="/accessibilite">Accessibilité&nbsp;: non conforme</a>
            </li>
            <li>
              <a href="/syntheses/flux.xml">Flux des synthèses</a>
            </li>
            <li>
              <a href="/calendrier.ics">Calendrier des éditions</a>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
