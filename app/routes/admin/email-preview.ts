import { eq } from "drizzle-orm";
import type { Route } from "./+types/email-preview";
import { emails } from "../../../db/schema";
import { ORGANISERS } from "../../domain/auth.server";
import { isAccountEmail } from "../../domain/outbox.server";
import { db } from "../../lib/db.server";
import { requireUser } from "../../lib/session.server";

/** The HTML of a captured email, shown in a sandboxed frame of the back-office: no script, no outside request. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request, ORGANISERS);
  const email = db().select({ html: emails.html, kind: emails.kind }).from(emails).where(eq(emails.id, Number(params.emailId))).get();
  if (email && isAccountEmail(email) && user.role !== "admin") {
    return new Response("Réservé aux administrateurs", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  if (!email) return new Response("Courriel introuvable", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(email.html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'",
      "X-Frame-Options": "SAMEORIGIN",
      "Cache-Control": "no-store",
    },
  });
}
