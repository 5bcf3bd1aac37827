export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <p>
          Les Coordinations territoriales semestrielles sont organisées par le Service intégré d’accueil et
          d’orientation du Val-d’Oise (SIAO&nbsp;95) pour les acteurs de l’accueil, de l’hébergement et de
          l’insertion.
        </p>
      </div>
    </footer>
  );
}
