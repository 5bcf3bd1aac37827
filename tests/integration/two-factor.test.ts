import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, users } from "#db/schema.ts";
import { getSessionUser } from "#app/domain/accounts/sessions.server.ts";
import { login, loginWithCode, THROTTLE } from "#app/domain/accounts/auth.server.ts";
import {
  codeAt,
  confirmEnrolment,
  disableTwoFactor,
  resetTwoFactor,
  setTwoFactorRequired,
  startEnrolment,
  twoFactorStatus,
} from "#app/domain/accounts/two-factor.server.ts";
import { createStaffUser } from "#tests/support/staff.ts";
import { tempDbAt } from "#tests/support/temp-db.ts";

const { db, now: t0 } = tempDbAt("2026-11-26T09:00:00Z");
const PASSWORD = "une phrase de passe assez longue";
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

const admin = await createStaffUser(db, "admin@siao95.example", "admin", "Admin", PASSWORD);
const orga = await createStaffUser(db, "orga@siao95.example", "organiser", "Orga", PASSWORD);
const other = await createStaffUser(db, "autre@siao95.example", "organiser", "Autre", PASSWORD);

function secretOf(userId: number): string {
  return db.select({ secret: users.totpSecret }).from(users).where(eq(users.id, userId)).get()!.secret!;
}

describe("enrolment", () => {
  it("keeps the secret aside until a code from the app proves it is installed", async () => {
    const enrolment = await startEnrolment(db, orga.id);
    expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\/CTS%20SIAO%2095:orga%40siao95\.example\?/);
    expect(enrolment.qrSvg).toMatch(/^<svg[^>]*>.*<\/svg>\s*$/s);
    expect(twoFactorStatus(db, orga.id)).toEqual({ enabled: false, required: false, pending: true });
    // Showing the page again gives the same secret, so a half-done enrolment is not broken by a reload.
    expect((await startEnrolment(db, orga.id)).secret).toBe(enrolment.secret);

    expect(confirmEnrolment(db, orga.id, "000000", t0)).toMatchObject({ ok: false });
    expect(confirmEnrolment(db, orga.id, "12ab56", t0)).toMatchObject({ ok: false });
    // A code from ten minutes ago is outside the window.
    expect(confirmEnrolment(db, orga.id, codeAt(orga.email, enrolment.secret, at(-600)), t0)).toMatchObject({
      ok: false,
    });
    expect(twoFactorStatus(db, orga.id).enabled).toBe(false);

    expect(confirmEnrolment(db, orga.id, codeAt(orga.email, enrolment.secret, t0), t0)).toEqual({ ok: true });
    expect(twoFactorStatus(db, orga.id)).toEqual({ enabled: true, required: false, pending: false });
    await expect(startEnrolment(db, orga.id)).rejects.toThrow(/already enabled/);
  });
});

describe("login with a second factor", () => {
  it("opens no session on the password alone, then one with a fresh code, and never twice with the same code", async () => {
    const first = await login(db, { email: orga.email, password: PASSWORD, ip: "10.1.0.1", now: at(60) });
    expect(first).toEqual({ ok: false, reason: "second-factor", userId: orga.id });

    const code = codeAt(orga.email, secretOf(orga.id), at(60));
    const second = loginWithCode(db, { userId: orga.id, code, ip: "10.1.0.1", now: at(60) });
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    expect(getSessionUser(db, second.sessionToken, at(61))?.email).toBe(orga.email);

    // The same code, even seconds later and inside its window, is refused: a replay.
    expect(loginWithCode(db, { userId: orga.id, code, ip: "10.1.0.1", now: at(65) })).toEqual({
      ok: false,
      reason: "invalid",
    });
    // Spaces as apps display them are accepted.
    const next = codeAt(orga.email, secretOf(orga.id), at(95));
    const spaced = `${next.slice(0, 3)} ${next.slice(3)}`;
    expect(loginWithCode(db, { userId: orga.id, code: spaced, ip: "10.1.0.1", now: at(95) }).ok).toBe(true);
  });

  it("slows down guessing exactly like wrong passwords", () => {
    const start = at(3600);
    for (let i = 0; i < THROTTLE.freeCodeFailuresPerAccount; i++) {
      expect(loginWithCode(db, { userId: orga.id, code: "000000", ip: null, now: start })).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    const blocked = loginWithCode(db, {
      userId: orga.id,
      code: codeAt(orga.email, secretOf(orga.id), start),
      ip: null,
      now: start,
    });
    expect(blocked).toMatchObject({ ok: false, reason: "throttled" });
    const failures = db.select().from(auditLog).where(eq(auditLog.action, "auth.login_code_failed")).all();
    expect(failures.length).toBeGreaterThanOrEqual(THROTTLE.freeCodeFailuresPerAccount);
  });

  it("refuses a code for an account without a second factor or a deactivated one", () => {
    expect(loginWithCode(db, { userId: other.id, code: "123456", ip: null, now: t0 })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(loginWithCode(db, { userId: 9999, code: "123456", ip: null, now: t0 })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });
});

describe("required by an admin", () => {
  it("sends the person to the enrolment page until they enrol, and forbids turning it off", async () => {
    setTwoFactorRequired(db, admin.id, other.id, true);
    const result = await login(db, { email: other.email, password: PASSWORD, ip: null, now: t0 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(getSessionUser(db, result.sessionToken, t0)?.mustEnrolTwoFactor).toBe(true);

    const { secret } = await startEnrolment(db, other.id);
    expect(confirmEnrolment(db, other.id, codeAt(other.email, secret, t0), t0)).toEqual({ ok: true });
    expect(getSessionUser(db, result.sessionToken, t0)?.mustEnrolTwoFactor).toBe(false);

    const refused = disableTwoFactor(db, other.id, codeAt(other.email, secret, at(30)), at(30));
    expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/exige/) });
    expect(twoFactorStatus(db, other.id).enabled).toBe(true);
  });

  it("lets an admin reset a lost second factor, with an audit entry", () => {
    resetTwoFactor(db, admin.id, other.id);
    expect(twoFactorStatus(db, other.id)).toEqual({ enabled: false, required: true, pending: false });
    const entry = db.select().from(auditLog).where(eq(auditLog.action, "user.totp_reset")).get();
    expect(entry).toMatchObject({ userId: admin.id, entityType: "user", entityId: other.id });
  });

  it("lets a person turn it off with a valid code when it is not required", () => {
    const secret = secretOf(orga.id);
    expect(disableTwoFactor(db, orga.id, "999999", at(7200))).toMatchObject({ ok: false });
    expect(disableTwoFactor(db, orga.id, codeAt(orga.email, secret, at(7200)), at(7200))).toEqual({ ok: true });
    expect(twoFactorStatus(db, orga.id)).toEqual({ enabled: false, required: false, pending: false });
  });
});
