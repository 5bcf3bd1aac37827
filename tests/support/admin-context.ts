import { RouterContextProvider } from "react-router";
import { adminSession } from "#app/routes/_shared/admin-session.server.ts";
import { requestInfo } from "#app/server/load-context.ts";

type MiddlewareArgs = Parameters<typeof adminSession>[0];

/**
 * The context a back-office loader or action receives in the app: the back-office layout's
 * middleware has read the request's session cookie and left the user in it. Throws what the
 * middleware throws (the login page's redirect for a visitor), as the app would answer it.
 */
export async function adminContext(
  request: Request,
  clientIp: string | null = "127.0.0.1",
): Promise<RouterContextProvider> {
  const context = new RouterContextProvider();
  context.set(requestInfo, { clientIp, cspNonce: "" });
  const url = new URL(request.url);
  const args = { request, url, pattern: url.pathname, params: {}, context } as MiddlewareArgs;
  await adminSession(args, () => Promise.resolve(new Response(null)));
  return context;
}
