import { createCookie, type Cookie } from "react-router";
import { env } from "./env.server.ts";

/**
 * The app's one kind of cookie: signed, httpOnly, SameSite=Lax; `__Host-` and Secure as soon as
 * the app is served over https. Made on first use, once the environment has been read.
 */
export function signedCookie(name: string, maxAgeSeconds: number): () => Cookie {
  let cookie: Cookie | undefined;
  return () => {
    const { secureCookies, sessionSecret } = env();
    cookie ??= createCookie(secureCookies ? `__Host-${name}` : name, {
      httpOnly: true,
      sameSite: "lax",
      secure: secureCookies,
      path: "/",
      maxAge: maxAgeSeconds,
      secrets: [sessionSecret],
    });
    return cookie;
  };
}
