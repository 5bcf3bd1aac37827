import { login } from "#app/domain/accounts/auth.server.ts";
import { createUser } from "#app/domain/accounts/users.server.ts";
import type { UserRole } from "#app/domain/shared/vocabulary.ts";
import { sessionCookieHeader } from "#app/lib/session.server.ts";
import type { Db } from "#app/lib/db.server.ts";

export const STAFF_PASSWORD = "mot de passe de test 95";
export const ORGANISER_EMAIL = "orga@siao95.example";
/** A password the account rules accept, for tests that do not sign in through `createStaffUser`. */
export const SOLID_PASSWORD = "un mot de passe solide";
/** The context account emails (invitations, password resets) are written with. */
export const ACCOUNT_MAIL_CTX = { appUrl: "https://cts.example.org" };
export const REVIEWER_EMAIL = "relecture@siao95.example";

/** A back-office account that signs in with `password` (`STAFF_PASSWORD` unless said). */
export function createStaffUser(db: Db, email: string, role: UserRole, name = "Orga", password = STAFF_PASSWORD) {
  return createUser(db, { email, name, role, password });
}

/** One organiser and one reviewer: who may see a page, and who may not. */
export async function createOrganiserAndReviewer(db: Db) {
  const organiser = await createStaffUser(db, ORGANISER_EMAIL, "organiser");
  const reviewer = await createStaffUser(db, REVIEWER_EMAIL, "reviewer", "Relecture");
  return { organiser, reviewer };
}

/** The `Cookie` header a browser sends once this account has signed in. */
export async function signedInCookie(db: Db, email: string, password = STAFF_PASSWORD): Promise<string> {
  const result = await login(db, { email, password, ip: "127.0.0.1" });
  if (!result.ok) throw new Error(`login failed for ${email}: ${result.reason}`);
  return (await sessionCookieHeader(result.sessionToken)).split(";")[0]!;
}
