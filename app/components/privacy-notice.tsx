/**
 * The RGPD information notice shown with every public form that collects personal data. Each form
 * says what it keeps, for how long and why: the data of a registration and of a contribution
 * proposal are not the same, nor is what remains of them.
 */
export function PrivacyNotice({
  purpose,
  recipients,
  retention,
}: {
  purpose: string;
  recipients?: string;
  retention: string;
}) {
  return (
    <section className="notice privacy-notice" aria-labelledby="notice-rgpd">
      <h2 id="notice-rgpd">Vos données personnelles</h2>
      <dl className="meta-list">
        <dt>Responsable</dt>
        <dd>Service intégré d’accueil et d’orientation du Val-d’Oise (SIAO&nbsp;95).</dd>
        <dt>Finalité</dt>
        <dd>{purpose}</dd>
        <dt>Base légale</dt>
        <dd>Mission d’intérêt public de coordination du secteur de l’accueil, de l’hébergement et de l’insertion.</dd>
        <dt>Destinataires</dt>
        <dd>
          {recipients ?? "La seule équipe organisatrice du SIAO\u00a095."} Aucune donnée n’est cédée ni utilisée à des
          fins commerciales.
        </dd>
        <dt>Conservation</dt>
        <dd>{retention}</dd>
        <dt>Vos droits</dt>
        <dd>
          Accès, rectification, effacement, limitation et opposition, depuis votre lien personnel ou en écrivant à
          l’équipe organisatrice (contact@siao95.example). Vous pouvez aussi saisir la CNIL (www.cnil.fr).
        </dd>
      </dl>
    </section>
  );
}
