import { randomBytes } from "node:crypto";
import { redirect } from "react-router";
import { getSessionUser, SESSION_ABSOLUTE_MS, type SessionUser } from "#app/domain/accounts/sessions.server.ts";
import { type KnownDevice } from "#app/domain/accounts/auth.server.ts";
import { db } from "./db.server.ts";
import { signedCookie } from "./cookies.server.ts";

const cookie = signedCookie("cts_session", SESSION_ABSOLUTE_MS / 1000);

export async function readSessionToken(request: Request): Promise<string | null> {
  const value: unknown = await cookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export function sessionCookieHeader(token: string): Promise<string> {
  return cookie().serialize(token);
}

export function clearedSessionCookieHeader(): Promise<string> {
  return cookie().serialize("", { maxAge: 0 });
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  const token = await readSessionToken(request);
  return token ? getSessionUser(db(), token) : null;
}

export const TWO_FACTOR_PAGE = "/admin/double-authentification";

/**
 * The logged-in organiser, or a redirect: to the login page (remembering where they were going),
 * or to the two-factor page for an account that must enrol first. Read once per request by the
 * back-office's middleware (app/routes/_shared/admin-session.server.ts), never by a route.
 */
export async function requireSession(request: Request, url: URL = new URL(request.url)): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const redirectTo = `${url.pathname}${url.search}`;
    throw redirect(`/admin/connexion?redirectTo=${encodeURIComponent(redirectTo)}`);
  }
  if (user.mustEnrolTwoFactor && url.pathname.replace(/\.data$/, "") !== TWO_FACTOR_PAGE) {
    throw redirect(TWO_FACTOR_PAGE);
  }
  return user;
}

/** Only same-site, relative paths under /admin: a login link cannot send anyone elsewhere. */
export function safeRedirectTarget(value: string | null | undefined, fallback = "/admin"): string {
  if (!value || !value.startsWith("/admin") || value.startsWith("//") || value.includes("\\")) return fallback;
  return value;
}

// The password step of a login that needs a code: proof, for five minutes, that the password was right.
const PENDING_SECOND_FACTOR_MS = 5 * 60_000;
const secondFactorCookie = signedCookie("cts_login_code", PENDING_SECOND_FACTOR_MS / 1000);

export function pendingSecondFactorHeader(userId: number, now: Date = new Date()): Promise<string> {
  return secondFactorCookie().serialize({ userId, expiresAt: now.getTime() + PENDING_SECOND_FACTOR_MS });
}

export function clearedSecondFactorHeader(): Promise<string> {
  return secondFactorCookie().serialize("", { maxAge: 0 });
}

export async function readPendingSecondFactor(request: Request, now: Date = new Date()): Promise<number | null> {
  const value: unknown = await secondFactorCookie().parse(request.headers.get("Cookie"));
  if (!value || typeof value !== "object") return null;
  const { userId, expiresAt } = value as { userId?: unknown; expiresAt?: unknown };
  if (typeof userId !== "number" || typeof expiresAt !== "number" || expiresAt <= now.getTime()) return null;
  return userId;
}

// A browser that has logged in to an account keeps a signed note of it: the login throttle then
// counts that browser's failures apart from everyone else's (see THROTTLE in auth.server.ts).
const DEVICE_MAX_AGE_S = 180 * 24 * 3600;
const deviceCookie = signedCookie("cts_device", DEVICE_MAX_AGE_S);

export async function readKnownDevice(request: Request): Promise<KnownDevice | null> {
  const value: unknown = await deviceCookie().parse(request.headers.get("Cookie"));
  if (!value || typeof value !== "object") return null;
  const { email, id } = value as { email?: unknown; id?: unknown };
  return typeof email === "string" && typeof id === "string" ? { email, id } : null;
}

/** After a successful login: the same device id when this browser already had one for the account. */
export function knownDeviceHeader(email: string, current: KnownDevice | null): Promise<string> {
  const id = current && current.email === email ? current.id : randomBytes(16).toString("base64url");
  return deviceCookie().serialize({ email, id });
}
