import type { Route } from "./+types/email-preview";
import { ORGANISERS } from "#app/domain/accounts/roles.ts";
import { findEmail } from "#app/domain/shared/outbox-list.server.ts";
import { isAccountEmail } from "#app/domain/shared/outbox.server.ts";
import { db } from "#app/lib/db.server.ts";
import { requireRole } from "#app/routes/_shared/admin-session.server.ts";

/** The HTML of a captured email, shown in a sandboxed frame of the back-office: no script, no outside request. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const user = requireRole(context, ORGANISERS);
  const email = findEmail(db(), Number(params.emailId));
  if (email && isAccountEmail(email) && user.role !== "admin") {
    return new Response("Réservé à l’équipe d’administration", {
      status: 403,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  if (!email)
    return new Response("Courriel introuvable", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  return new Response(email.html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy":
        "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'",
      "X-Frame-Options": "SAMEORIGIN",
      "Cache-Control": "no-store",
    },
  });
}
