import { eq } from "drizzle-orm";
import { users } from "../../db/schema";
import type { Db } from "../lib/db.server";
import { hashPassword, MIN_PASSWORD_LENGTH } from "../lib/password.server";
import type { UserRole } from "./vocabulary";

export type User = typeof users.$inferSelect;
export type PublicUser = Pick<User, "id" | "email" | "name" | "role">;

export class UserError extends Error {}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function createUser(
  db: Db,
  input: { email: string; name: string; role: UserRole; password: string },
): Promise<PublicUser> {
  const email = normaliseEmail(input.email);
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new UserError(`Le mot de passe doit compter au moins ${MIN_PASSWORD_LENGTH} caractères.`);
  }
  if (findUserByEmail(db, email)) throw new UserError(`Un compte existe déjà pour ${email}.`);
  const passwordHash = await hashPassword(input.password);
  const row = db
    .insert(users)
    .values({ email, name: input.name.trim(), role: input.role, passwordHash })
    .returning({ id: users.id, email: users.email, name: users.name, role: users.role })
    .get();
  return row;
}

export function findUserByEmail(db: Db, email: string): User | undefined {
  return db.select().from(users).where(eq(users.email, normaliseEmail(email))).get();
}
