import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, authSessions, loginThrottle, users } from "#db/schema.ts";
import { forgetStaleAttempts } from "#app/domain/accounts/attempts.server.ts";
import { getSessionUser, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from "#app/domain/accounts/sessions.server.ts";
import { login, logout, THROTTLE } from "#app/domain/accounts/auth.server.ts";
import { roleAllows, ADMIN_ONLY, ORGANISERS } from "#app/domain/accounts/roles.ts";
import { createUser, UserError } from "#app/domain/accounts/users.server.ts";
import { hashToken } from "#app/lib/tokens.server.ts";
import { tempDbAt } from "#tests/support/temp-db.ts";
import { SOLID_PASSWORD as PASSWORD } from "#tests/support/staff.ts";

const { db, now: t0 } = tempDbAt("2026-11-26T09:00:00Z");
const later = (ms: number) => new Date(t0.getTime() + ms);

await createUser(db, { email: "Organisatrice@SIAO95.example", name: "Orga", role: "organiser", password: PASSWORD });
await createUser(db, { email: "relecteur@siao95.example", name: "Relecteur", role: "reviewer", password: PASSWORD });
await createUser(db, { email: "bloque@siao95.example", name: "Bloqué", role: "organiser", password: PASSWORD });

describe("accounts", () => {
  it("stores an argon2id hash, never the password, and a lower-cased email", () => {
    const row = db.select().from(users).where(eq(users.email, "organisatrice@siao95.example")).get()!;
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.passwordHash).not.toContain(PASSWORD);
  });

  it("refuses a short password and a second account with the same email", async () => {
    await expect(createUser(db, { email: "x@y.fr", name: "x", role: "reviewer", password: "court" })).rejects.toThrow(
      UserError,
    );
    await expect(
      createUser(db, { email: "ORGANISATRICE@siao95.example", name: "x", role: "reviewer", password: PASSWORD }),
    ).rejects.toThrow(/existe déjà/);
  });
});

describe("login", () => {
  it("logs in with the right password, whatever the case of the email, and creates a session", async () => {
    const result = await login(db, {
      email: " ORGANISATRICE@siao95.example ",
      password: PASSWORD,
      ip: "10.0.0.1",
      now: t0,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.user.role).toBe("organiser");
    expect(getSessionUser(db, result.sessionToken, t0)?.email).toBe("organisatrice@siao95.example");
    const stored = db
      .select()
      .from(authSessions)
      .where(eq(authSessions.id, hashToken(result.sessionToken)))
      .get();
    expect(stored).toBeDefined();
    expect(JSON.stringify(stored)).not.toContain(result.sessionToken);
  });

  it("gives a new session id at every login", async () => {
    const a = await login(db, { email: "relecteur@siao95.example", password: PASSWORD, ip: "10.0.0.2", now: t0 });
    const b = await login(db, { email: "relecteur@siao95.example", password: PASSWORD, ip: "10.0.0.2", now: t0 });
    expect(a.ok && b.ok && a.sessionToken !== b.sessionToken).toBe(true);
  });

  it("answers the same for a wrong password and an unknown email", async () => {
    const wrong = await login(db, { email: "relecteur@siao95.example", password: "faux", ip: "10.0.0.3", now: t0 });
    const unknown = await login(db, { email: "personne@siao95.example", password: "faux", ip: "10.0.0.3", now: t0 });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
    const failures = db.select().from(auditLog).where(eq(auditLog.action, "auth.login_failed")).all();
    expect(failures.length).toBeGreaterThanOrEqual(2);
  });

  it("refuses a deactivated account", async () => {
    db.update(users).set({ active: false }).where(eq(users.email, "bloque@siao95.example")).run();
    expect(await login(db, { email: "bloque@siao95.example", password: PASSWORD, ip: "10.0.0.4", now: t0 })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });
});

describe("throttling", () => {
  it("delays an account after repeated failures from anywhere, with growing waits, then lets it in again", async () => {
    const email = "organisatrice@siao95.example";
    let now = t0;
    for (let i = 0; i < THROTTLE.freeFailuresPerAccount - 1; i++) {
      expect((await login(db, { email, password: "faux", ip: `192.0.2.${i}`, now })).ok).toBe(false);
    }
    // The last free failure starts the first delay.
    expect(await login(db, { email, password: "faux", ip: "192.0.2.50", now })).toEqual({
      ok: false,
      reason: "invalid",
    });
    const blocked = await login(db, { email, password: PASSWORD, ip: "192.0.2.51", now });
    expect(blocked).toEqual({ ok: false, reason: "throttled", retryAfterMs: THROTTLE.firstDelayMs });

    now = later(THROTTLE.firstDelayMs + 1);
    expect(await login(db, { email, password: "faux", ip: "192.0.2.52", now })).toEqual({
      ok: false,
      reason: "invalid",
    });
    const second = await login(db, { email, password: PASSWORD, ip: "192.0.2.53", now });
    expect(second).toEqual({ ok: false, reason: "throttled", retryAfterMs: THROTTLE.firstDelayMs * 2 });

    now = new Date(now.getTime() + THROTTLE.firstDelayMs * 2 + 1);
    expect((await login(db, { email, password: PASSWORD, ip: "192.0.2.54", now })).ok).toBe(true);
  });

  it("gives one address fewer tries on one account than the account has in all", async () => {
    const email = "relecteur@siao95.example";
    const now = later(20 * SESSION_IDLE_MS);
    for (let i = 0; i < THROTTLE.freeFailuresPerAccountAndIp; i++) {
      expect(await login(db, { email, password: "faux", ip: "192.0.2.200", now })).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    expect(await login(db, { email, password: PASSWORD, ip: "192.0.2.200", now })).toMatchObject({
      reason: "throttled",
    });
    // From elsewhere the account still has attempts left.
    expect((await login(db, { email, password: PASSWORD, ip: "192.0.2.201", now })).ok).toBe(true);
  });

  it("never locks for good: the delay is capped", async () => {
    const email = "relecteur@siao95.example";
    let now = later(10 * SESSION_IDLE_MS);
    let lastWait = 0;
    for (let i = 0; i < 15; i++) {
      const result = await login(db, { email, password: "faux", ip: null, now });
      if (!result.ok && result.reason === "throttled") {
        lastWait = result.retryAfterMs;
        now = new Date(now.getTime() + result.retryAfterMs);
      }
    }
    expect(lastWait).toBeLessThanOrEqual(THROTTLE.maxDelayMs);
    expect(lastWait).toBeGreaterThan(0);
  });

  it("counts guesses sent at the same time: 30 in parallel, at most 5 reach the password check", async () => {
    const email = "organisatrice@siao95.example";
    const now = later(200 * SESSION_IDLE_MS);
    const failuresBefore = db.select().from(auditLog).where(eq(auditLog.action, "auth.login_failed")).all().length;
    const results = await Promise.all(
      Array.from({ length: 30 }, () => login(db, { email, password: "faux", ip: "203.0.113.30", now })),
    );
    const checked = results.filter((result) => !result.ok && result.reason === "invalid").length;
    const throttled = results.filter((result) => !result.ok && result.reason === "throttled").length;
    const failuresAfter = db.select().from(auditLog).where(eq(auditLog.action, "auth.login_failed")).all().length;
    expect(checked).toBe(THROTTLE.freeFailuresPerAccountAndIp);
    expect(throttled).toBe(30 - THROTTLE.freeFailuresPerAccountAndIp);
    expect(failuresAfter - failuresBefore).toBe(THROTTLE.freeFailuresPerAccountAndIp);
  });

  it("lets a person who knows their password in from an address flooded with other accounts' failures", async () => {
    const ip = "198.51.100.21";
    const now = later(300 * SESSION_IDLE_MS);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => login(db, { email: `inconnu${i}@example.org`, password: "x", ip, now })),
    );
    expect((await login(db, { email: "organisatrice@siao95.example", password: PASSWORD, ip, now })).ok).toBe(true);
  });

  it("throttles an address that tries very many accounts, except for a browser that logged in to the account before", async () => {
    const ip = "198.51.100.7";
    const now = later(100 * SESSION_IDLE_MS);
    for (let i = 0; i < THROTTLE.freeFailuresPerIp; i++) {
      await login(db, { email: `inconnu${i}@example.org`, password: "x", ip, now });
    }
    const result = await login(db, { email: "organisatrice@siao95.example", password: PASSWORD, ip, now });
    expect(result).toMatchObject({ ok: false, reason: "throttled" });
    const device = { email: "organisatrice@siao95.example", id: "un-navigateur-connu" };
    expect((await login(db, { email: device.email, password: PASSWORD, ip, device, now })).ok).toBe(true);
    // A device cookie names one account: it does not open the throttle for another.
    expect(await login(db, { email: "relecteur@siao95.example", password: PASSWORD, ip, device, now })).toMatchObject({
      reason: "throttled",
    });
  });

  it("keeps a known browser in while the account is flooded from elsewhere, and still limits that browser", async () => {
    const email = "relecteur@siao95.example";
    const now = later(400 * SESSION_IDLE_MS);
    for (let i = 0; i < THROTTLE.freeFailuresPerAccount; i++) {
      await login(db, { email, password: "faux", ip: `192.0.2.${100 + i}`, now });
    }
    expect(await login(db, { email, password: PASSWORD, ip: "192.0.2.99", now })).toMatchObject({
      reason: "throttled",
    });
    const device = { email, id: "poste-du-bureau" };
    expect((await login(db, { email, password: PASSWORD, ip: "192.0.2.99", device, now })).ok).toBe(true);
    for (let i = 0; i < THROTTLE.freeFailuresPerDevice; i++)
      await login(db, { email, password: "faux", ip: null, device, now });
    expect(await login(db, { email, password: PASSWORD, ip: null, device, now })).toMatchObject({
      reason: "throttled",
    });
  });
});

describe("what the throttle keeps", () => {
  it("forgets counters (typed addresses, IPs) once they would be forgotten anyway, and keeps running waits", async () => {
    const now = later(500 * SESSION_IDLE_MS);
    for (let i = 0; i < THROTTLE.freeFailuresPerAccountAndIp; i++) {
      await login(db, { email: "oubli@example.org", password: "x", ip: "192.0.2.77", now });
    }
    const keys = () =>
      db
        .select()
        .from(loginThrottle)
        .all()
        .map((row) => row.key);
    expect(keys()).toContain("account-ip:oubli@example.org|192.0.2.77");
    forgetStaleAttempts(db, new Date(now.getTime() + THROTTLE.forgetAfterMs / 2));
    expect(keys()).toContain("account-ip:oubli@example.org|192.0.2.77");
    forgetStaleAttempts(db, new Date(now.getTime() + THROTTLE.forgetAfterMs + 1));
    expect(keys().filter((key) => key.includes("oubli@example.org"))).toEqual([]);
  });
});

describe("sessions", () => {
  async function freshSession(now: Date) {
    const result = await login(db, { email: "relecteur@siao95.example", password: PASSWORD, ip: "203.0.113.9", now });
    if (!result.ok) throw new Error(`login failed: ${result.reason}`);
    return result.sessionToken;
  }
  const start = later(1000 * SESSION_IDLE_MS);

  it("ends after the idle time", async () => {
    const token = await freshSession(start);
    expect(getSessionUser(db, token, new Date(start.getTime() + SESSION_IDLE_MS - 1000))).not.toBeNull();
    // Activity renewed the idle clock; silence past the idle time ends it.
    const renewed = new Date(start.getTime() + SESSION_IDLE_MS - 1000);
    expect(getSessionUser(db, token, new Date(renewed.getTime() + SESSION_IDLE_MS + 1))).toBeNull();
    expect(getSessionUser(db, token, renewed)).toBeNull();
  });

  it("ends at the absolute limit even when active", async () => {
    const token = await freshSession(start);
    let now = start;
    while (now.getTime() - start.getTime() < SESSION_ABSOLUTE_MS - SESSION_IDLE_MS) {
      now = new Date(now.getTime() + SESSION_IDLE_MS / 2);
      expect(getSessionUser(db, token, now)).not.toBeNull();
    }
    expect(getSessionUser(db, token, new Date(start.getTime() + SESSION_ABSOLUTE_MS))).toBeNull();
  });

  it("ends at logout, which the journal records once", async () => {
    const token = await freshSession(start);
    const logouts = () => db.select().from(auditLog).where(eq(auditLog.action, "auth.logout")).all();
    const before = logouts().length;
    logout(db, token, "192.0.2.9", start);
    expect(getSessionUser(db, token, start)).toBeNull();
    logout(db, token, "192.0.2.9", start);
    expect(logouts().slice(before)).toMatchObject([{ ip: "192.0.2.9" }]);
  });

  it("rejects a made-up token", () => {
    expect(getSessionUser(db, "n-importe-quoi", start)).toBeNull();
  });
});

describe("roles", () => {
  it("keeps user management to admins and the back-office to organisers", () => {
    expect(roleAllows("admin", ADMIN_ONLY)).toBe(true);
    expect(roleAllows("organiser", ADMIN_ONLY)).toBe(false);
    expect(roleAllows("organiser", ORGANISERS)).toBe(true);
    expect(roleAllows("reviewer", ORGANISERS)).toBe(false);
  });
});
