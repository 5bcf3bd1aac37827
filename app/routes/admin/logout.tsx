import { redirect } from "react-router";
import type { Route } from "./+types/logout";
import { recordAudit } from "../../domain/audit.server";
import { destroySession, getSessionUser } from "../../domain/auth.server";
import { db } from "../../lib/db.server";
import { clearedSessionCookieHeader, readSessionToken } from "../../lib/session.server";
import { requestInfo } from "../../server/load-context";

// Logging out is a POST, so that no link or image elsewhere can end someone's session.
export function loader() {
  throw redirect("/admin");
}

export async function action({ request, context }: Route.ActionArgs) {
  const token = await readSessionToken(request);
  if (token) {
    const user = getSessionUser(db(), token);
    destroySession(db(), token);
    if (user) recordAudit(db(), { userId: user.id, action: "auth.logout", ip: context.get(requestInfo).clientIp });
  }
  throw redirect("/admin/connexion?deconnecte=1", {
    headers: { "Set-Cookie": await clearedSessionCookieHeader() },
  });
}
