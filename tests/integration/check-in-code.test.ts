import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, registrations } from "#db/schema.ts";
import { LifecycleError } from "#app/domain/editions/lifecycle.ts";
import { RegistrationActionError } from "#app/domain/registrations/admin.server.ts";
import {
  checkInCode,
  displayCheckInCode,
  normaliseCheckInCode,
} from "#app/domain/registrations/check-in-code.server.ts";
import { checkInByCode } from "#app/domain/registrations/check-in.server.ts";
import { register } from "#app/domain/registrations/registrations.server.ts";
import { createEdition, ctx, person } from "#tests/support/fixtures.ts";
import { tempDbAt } from "#tests/support/temp-db.ts";

const { db, now: NOW } = tempDbAt("2026-03-02T09:00:00Z");
const organiser = { userId: null, ip: "203.0.113.9" };

function confirmed(slug: string, n: string): number {
  const outcome = register(db, ctx, slug, person(n), NOW);
  if (outcome.outcome !== "confirmed") throw new Error(`not confirmed: ${outcome.outcome}`);
  return outcome.registrationId;
}

const row = (id: number) => db.select().from(registrations).where(eq(registrations.id, id)).get()!;

describe("check-in codes", () => {
  it("are eight unambiguous characters, stable, distinct, and depend on the secret", () => {
    const codes = Array.from({ length: 500 }, (_, i) => checkInCode(ctx, i + 1));
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(new Set(codes).size).toBe(codes.length);
    expect(checkInCode(ctx, 7)).toBe(codes[6]);
    expect(checkInCode({ secret: "another-secret-that-is-long-enough-987654" }, 7)).not.toBe(codes[6]);
  });

  it("read what people type: case, spaces, dashes and look-alike letters do not matter", () => {
    const code = checkInCode(ctx, 42);
    expect(normaliseCheckInCode(` ${displayCheckInCode(code).toLowerCase()} `)).toBe(code);
    expect(normaliseCheckInCode(code.split("").join(" "))).toBe(code);
    expect(normaliseCheckInCode("OIL23456")).toBe("01123456");
    expect(normaliseCheckInCode("ABC")).toBeNull();
    expect(normaliseCheckInCode("ABCD-EFGU")).toBeNull();
    expect(normaliseCheckInCode("ABCDEFGH1")).toBeNull();
  });
});

describe("checkInByCode", () => {
  const edition = createEdition(db, NOW);
  const other = createEdition(db, NOW);
  const duringCheckIn = new Date(edition.startsAt.getTime() + 30 * 60_000);
  const ada = confirmed(edition.slug, "ada");
  const bob = confirmed(edition.slug, "bob");
  const elsewhere = confirmed(other.slug, "elsewhere");

  it("checks in the person whose code was typed, loosely, and journals it", () => {
    const typed = ` ${displayCheckInCode(checkInCode(ctx, ada)).toLowerCase().replace("-", " ")} `;
    const result = checkInByCode({ db, actor: organiser, now: duringCheckIn }, ctx, edition.id, typed);
    expect(result).toMatchObject({ registrationId: ada, firstName: "Prénomada", alreadyPresent: false });
    expect(row(ada).checkedInAt).toEqual(duringCheckIn);
    expect(row(bob).checkedInAt).toBeNull();
    const entries = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "registration"), eq(auditLog.entityId, ada)))
      .all()
      .filter((entry) => entry.action === "registration.check_in");
    expect(entries).toHaveLength(1);
    // Scanning the same badge twice says so, and changes nothing.
    const again = checkInByCode(
      { db, actor: organiser, now: new Date(duringCheckIn.getTime() + 60_000) },
      ctx,
      edition.id,
      checkInCode(ctx, ada),
    );
    expect(again.alreadyPresent).toBe(true);
    expect(row(ada).checkedInAt).toEqual(duringCheckIn);
  });

  it("refuses a malformed code, an unknown code and the code of another edition, in French", () => {
    const refused = (typed: string) => {
      try {
        checkInByCode({ db, actor: organiser, now: duringCheckIn }, ctx, edition.id, typed);
      } catch (error) {
        expect(error).toBeInstanceOf(RegistrationActionError);
        return (error as Error).message;
      }
      throw new Error(`accepted ${typed}`);
    };
    expect(refused("")).toMatch(/^Code d’accueil invalide/);
    expect(refused("ABC")).toMatch(/^Code d’accueil invalide/);
    expect(refused("ABCD-EFG!")).toMatch(/^Code d’accueil invalide/);
    const unknown = Array.from({ length: 1000 }, (_, i) => checkInCode(ctx, 100_000 + i)).find(
      (code) => ![ada, bob, elsewhere].some((id) => checkInCode(ctx, id) === code),
    )!;
    expect(refused(unknown)).toMatch(/^Aucune inscription de cette édition ne porte ce code/);
    expect(refused(checkInCode(ctx, elsewhere))).toMatch(/^Aucune inscription de cette édition/);
    expect(row(elsewhere).checkedInAt).toBeNull();
    expect(row(bob).checkedInAt).toBeNull();
  });

  it("follows the check-in window of the lifecycle", () => {
    const tooEarly = new Date(edition.startsAt.getTime() - 3 * 86_400_000);
    expect(() =>
      checkInByCode({ db, actor: organiser, now: tooEarly }, ctx, edition.id, checkInCode(ctx, bob)),
    ).toThrow(LifecycleError);
    expect(row(bob).checkedInAt).toBeNull();
  });
});
