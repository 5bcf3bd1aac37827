import { isRouteErrorResponse } from "react-router";
import { pageTitle } from "#app/lib/meta.ts";

/** The French title and message for what a loader or an action threw. */
function describeError(error: unknown): { title: string; message: string } {
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
  return { title, message };
}

export function ErrorPage({ error, back }: { error: unknown; back: { to: string; label: string } }) {
  const { title, message } = describeError(error);
  return (
    <div className="page narrow">
      <title>{pageTitle(title)}</title>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href={back.to}>{back.label}</a>
      </p>
    </div>
  );
}
