import type { UserRole } from "#app/domain/shared/vocabulary.ts";

/** Who may open what in the back-office. Reviewers only see contributions. */
export function roleAllows(role: UserRole, needed: readonly UserRole[]): boolean {
  return needed.includes(role);
}

export const ADMIN_ONLY: readonly UserRole[] = ["admin"];
export const ORGANISERS: readonly UserRole[] = ["admin", "organiser"];
export const EVERY_ROLE: readonly UserRole[] = ["admin", "organiser", "reviewer"];
