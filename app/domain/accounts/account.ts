import type { users } from "#db/schema.ts";

export type User = typeof users.$inferSelect;
export type PublicUser = Pick<User, "id" | "email" | "name" | "role">;

/** Addresses are compared trimmed and lower-cased: the login and the account list agree. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
