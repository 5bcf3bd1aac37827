import { redirect } from "react-router";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import type { Route } from "./+types/logout";
import { logout } from "#app/domain/accounts/auth.server.ts";
import { db } from "#app/lib/db.server.ts";
import { clearedSessionCookieHeader, readSessionToken } from "#app/lib/session.server.ts";
import { requestInfo } from "#app/server/load-context.ts";

// Logging out is a POST, so that no link or image elsewhere can end someone's session.
export function loader() {
  throw redirect("/admin");
}

export async function action({ request, context }: Route.ActionArgs) {
  const token = await readSessionToken(request);
  if (token) {
    logout(db(), token, context.get(requestInfo).clientIp);
  }
  throw await redirectWithFlash(
    "/admin/connexion",
    { kind: "success", message: "Vous êtes déconnecté·e." },
    { headers: { "Set-Cookie": await clearedSessionCookieHeader() } },
  );
}
