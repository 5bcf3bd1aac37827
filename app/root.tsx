import {
  useMatches,
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteLoaderData,
} from "react-router";
import type { Route } from "./+types/root";
import { getUser } from "#app/lib/session.server.ts";
import { SiteFooter } from "#app/components/site-footer.tsx";
import { SiteHeader } from "#app/components/site-header.tsx";
import styles from "./styles/app.css?inline";
import { requestInfo } from "#app/server/load-context.ts";

export const links: Route.LinksFunction = () => [{ rel: "icon", href: "/favicon.svg", type: "image/svg+xml" }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await getUser(request);
  return { nonce: context.get(requestInfo).cspNonce, user: user ? { name: user.name, role: user.role } : null };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = data?.nonce || undefined;
  // A page whose route says it reads fine as plain HTML is sent without any script at all.
  const withoutScripts = useMatches().some(
    (match) => (match.handle as { scripts?: boolean } | undefined)?.scripts === false,
  );
  return (
    <html lang="fr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <Meta />
        {/* Inline, so the first paint waits for no other request (about 5 kB gzipped); the
            policy allows exactly this text by its hash (app/server/security-headers.ts). */}
        <style dangerouslySetInnerHTML={{ __html: styles }} />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#contenu">
          Aller au contenu
        </a>
        <SiteHeader user={data?.user ?? null} />
        <main id="contenu" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter />
        {withoutScripts ? null : (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        )}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  let title = "Une erreur est survenue";
  let message =
    "Nous n’avons pas pu afficher cette page. Réessayez dans un instant\u00a0; si le problème persiste, prévenez l’équipe du SIAO\u00a095.";
  if (isRouteErrorResponse(error)) {
    const payload = (typeof error.data === "object" && error.data !== null ? error.data : {}) as {
      title?: unknown;
      message?: unknown;
    };
    if (error.status === 404) {
      title = "Page introuvable";
      message = "Cette adresse ne correspond à aucune page. Elle a peut-être changé, ou contient une faute de frappe.";
    } else if (error.status === 403) {
      title = "Accès refusé";
      message = "Vous n’avez pas accès à cette page.";
    } else if (error.status < 500) {
      title = "Demande incorrecte";
    }
    if (typeof payload.title === "string") title = payload.title;
    if (typeof payload.message === "string") message = payload.message;
  } else if (import.meta.env.DEV && error instanceof Error) {
    message = error.message;
  }
  return (
    <div className="page narrow">
      <title>{`${title} · CTS SIAO 95`}</title>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/">Revenir à l’accueil</a>
      </p>
    </div>
  );
}
