import { useState } from "react";
import { useHydrated } from "./use-hydrated.ts";

/** Plain share URLs: nothing from the networks is loaded until the reader clicks. */
export function ShareLinks({ url, title }: { url: string; title: string }) {
  const hydrated = useHydrated();
  const [copied, setCopied] = useState(false);
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(title);
  const links = [
    { label: "E-mail", href: `mailto:?subject=${t}&body=${u}` },
    { label: "LinkedIn", href: `https://www.linkedin.com/sharing/share-offsite/?url=${u}` },
    { label: "Facebook", href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { label: "X", href: `https://x.com/intent/post?url=${u}&text=${t}` },
  ];
  return (
    <section className="share no-print" aria-labelledby="partager">
      <h2 id="partager">Partager</h2>
      <ul className="share__list">
        {links.map((link) => (
          <li key={link.label}>
            <a href={link.href} rel="noopener noreferrer">
              {link.label}
              <span className="visually-hidden"> (partager cette synthèse)</span>
            </a>
          </li>
        ))}
        <li>
          {hydrated && typeof navigator !== "undefined" && navigator.clipboard ? (
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => {
                void navigator.clipboard.writeText(url).then(() => setCopied(true));
              }}
            >
              Copier le lien
            </button>
          ) : (
            <a href={url}>Lien de la page</a>
          )}
          <span role="status" className="share__status">
            {copied ? "Lien copié." : ""}
          </span>
        </li>
      </ul>
    </section>
  );
}
