/** The private link's calendar invitation, as a download. */
export function InviteDownload({ href }: { href: string }) {
  return (
    <p>
      <a className="button button--secondary" href={href} download>
        Ajouter à mon agenda (fichier .ics)
      </a>
    </p>
  );
}
