import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable } from "@react-router/node";
import { renderToPipeableStream } from "react-dom/server";
import { ServerRouter, type EntryContext, type RouterContextProvider } from "react-router";
import { requestInfo } from "#app/server/load-context.ts";
import { contentSecurityPolicy } from "#app/server/security-headers.ts";

export const streamTimeout = 5_000;

/**
 * A throttled form answers 429 with `Retry-After` from its action. React Router only passes an
 * action's headers on through a route's `headers` export; this one matters for every form.
 */
function forwardRetryAfter(context: EntryContext, headers: Headers): void {
  const { actionHeaders, loaderHeaders } = context.staticHandlerContext;
  for (const routeHeaders of [...Object.values(actionHeaders ?? {}), ...Object.values(loaderHeaders ?? {})]) {
    const retryAfter = routeHeaders.get("Retry-After");
    if (retryAfter && !headers.has("Retry-After")) headers.set("Retry-After", retryAfter);
  }
}

// Every page waits for all its data before the first byte: readers without JavaScript and
// crawlers get the whole document, and nothing here streams slowly enough to need it.
export default function handleRequest(
  request: Request,
  status: number,
  headers: Headers,
  routerContext: EntryContext,
  loadContext: RouterContextProvider,
) {
  forwardRetryAfter(routerContext, headers);
  const withScripts = !routerContext.staticHandlerContext.matches.some(
    (match) =>
      (routerContext.routeModules[match.route.id]?.handle as { scripts?: boolean } | undefined)?.scripts === false,
  );
  const requestNonce = loadContext.get(requestInfo).cspNonce;
  const nonce = withScripts && requestNonce ? requestNonce : undefined;
  if (requestNonce) headers.set("Content-Security-Policy", contentSecurityPolicy(nonce ?? null));
  if (request.method.toUpperCase() === "HEAD") return new Response(null, { status, headers });

  return new Promise<Response>((resolve, reject) => {
    let statusCode = status;
    const { pipe, abort } = renderToPipeableStream(
      <ServerRouter context={routerContext} url={request.url} nonce={nonce} />,
      {
        nonce,
        onAllReady() {
          const body = new PassThrough();
          headers.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers, status: statusCode }));
          pipe(body);
        },
        onShellError: reject,
        onError(error: unknown) {
          statusCode = 500;
          console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}
