import { createContext, data, type MiddlewareFunction, type RouterContextProvider } from "react-router";
import { roleAllows } from "#app/domain/accounts/roles.ts";
import type { Actor } from "#app/domain/shared/actor.ts";
import type { SessionUser } from "#app/domain/accounts/sessions.server.ts";
import type { UserRole } from "#app/domain/shared/vocabulary.ts";
import { requireSession } from "#app/lib/session.server.ts";
import { requestInfo } from "#app/server/load-context.ts";

// Without a default: reading it outside the back-office's middleware is a programming error, and
// throws rather than letting a loader run as nobody.
export const adminUser = createContext<SessionUser>();

/**
 * The back-office's gate (docs/decisions/027): the session is read once, before any loader or
 * action of the matched routes runs, and the user handed to them through the router context.
 */
export const adminSession: MiddlewareFunction<Response> = async ({ request, url, context }) => {
  // `url`, not `request.url`: without a data request's `.data` and `_routes`, so that the login
  // page sends the organiser back to the page, not to its data.
  context.set(adminUser, await requireSession(request, url));
};

/** The user the gate let in, or a 403 when their role is not enough for this page. */
export function requireRole(context: Readonly<RouterContextProvider>, roles: readonly UserRole[]): SessionUser {
  const user = context.get(adminUser);
  if (!roleAllows(user.role, roles)) {
    throw data({ message: "Votre rôle ne donne pas accès à cette page." }, { status: 403 });
  }
  return user;
}

/** The same user, and the actor the domain records for what they change (who, and from where). */
export function requireActor(
  context: Readonly<RouterContextProvider>,
  roles: readonly UserRole[],
): { user: SessionUser; actor: Actor & { userId: number } } {
  const user = requireRole(context, roles);
  return { user, actor: { userId: user.id, ip: context.get(requestInfo).clientIp } };
}
