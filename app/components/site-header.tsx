import { Form, NavLink } from "react-router";

const PUBLIC_LINKS = [
  { to: "/", label: "Accueil", end: true },
  { to: "/editions", label: "Éditions", end: false },
  { to: "/syntheses", label: "Synthèses", end: false },
  { to: "/dispositifs", label: "Dispositifs", end: false },
  { to: "/recherche", label: "Recherche", end: false },
];

export function SiteHeader({ user }: { user: { name: string } | null }) {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <a className="brand" href="/">
          <span className="brand__mark" aria-hidden="true">
            CTS
          </span>
          <span className="brand__text">
            Coordinations territoriales
            <small>SIAO 95 · Val-d’Oise</small>
          </span>
        </a>
        <nav aria-label="Navigation principale">
          <ul className="nav-list">
            {PUBLIC_LINKS.map((link) => (
              <li key={link.to}>
                <NavLink to={link.to} end={link.end}>
                  {link.label}
                </NavLink>
              </li>
            ))}
            <li>
              <NavLink to="/admin">{"Espace organisation"}</NavLink>
            </li>
          </ul>
        </nav>
        {user ? (
          <Form method="post" action="/admin/deconnexion" className="logout-form">
            <span className="logout-form__who">{user.name}</span>
            <button type="submit" className="button button--ghost">
              Se déconnecter
            </button>
          </Form>
        ) : null}
      </div>
    </header>
  );
}
