import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accountTokens, authSessions, emails, loginThrottle } from "#db/schema.ts";
import { login } from "#app/domain/accounts/auth.server.ts";
import {
  changeOwnPassword,
  checkAccountToken,
  createUser,
  FORGOTTEN_PASSWORD_THROTTLE,
  FORGOTTEN_PASSWORD_TTL_MS,
  requestPasswordReset,
  setPasswordWithToken,
  setUserActive,
  UserError,
} from "#app/domain/accounts/users.server.ts";
import { hashToken } from "#app/lib/tokens.server.ts";
import { withContent } from "#tests/support/fixtures.ts";
import { ACCOUNT_MAIL_CTX as ctx } from "#tests/support/staff.ts";
import { tempDb } from "#tests/support/temp-db.ts";

const { db } = tempDb();
let ipCount = 0;
/** A fresh client address per request unless a test means the same one: the per-IP throttle stays out of the way. */
const freshIp = () => `192.0.2.${++ipCount}`;
const OLD = "un mot de passe ancien";
const NEW = "une nouvelle phrase de passe";

const admin = await createUser(db, { email: "admin@siao95.example", name: "Alice", role: "admin", password: OLD });

function emailsTo(address: string) {
  return db.select().from(emails).where(eq(emails.toAddress, address)).orderBy(desc(emails.id)).all().map(withContent);
}

function tokenIn(address: string): string {
  const [email] = emailsTo(address);
  const match = email?.text.match(/https:\/\/cts\.example\.org\/admin\/invitation\/([A-Za-z0-9_-]+)/);
  if (!match?.[1]) throw new Error(`no link emailed to ${address}`);
  return match[1];
}

async function account(email: string, role: "organiser" | "reviewer" = "organiser") {
  return createUser(db, { email, name: `Personne ${email.split("@")[0]}`, role, password: OLD });
}

describe("« Mot de passe oublié ? »", () => {
  it("emails an organiser or a reviewer a one-time link valid for one hour, stored only as a hash", async () => {
    for (const [address, role] of [
      ["orga@siao95.example", "organiser"],
      ["relecture@siao95.example", "reviewer"],
    ] as const) {
      await account(address, role);
      const now = new Date("2026-12-01T10:00:00Z");
      expect(requestPasswordReset(db, ctx, { email: ` ${address.toUpperCase()} `, ip: freshIp() }, now)).toEqual({
        ok: true,
      });
      const [email] = emailsTo(address);
      expect(email).toMatchObject({ kind: "account.password_forgotten", status: "pending" });
      expect(email!.subject).toBe("Choisir un nouveau mot de passe — CTS SIAO\u00a095");
      const token = tokenIn(address);
      const row = db
        .select()
        .from(accountTokens)
        .where(eq(accountTokens.tokenHash, hashToken(token)))
        .get()!;
      expect(row.purpose).toBe("reset");
      expect(row.expiresAt.getTime() - now.getTime()).toBe(FORGOTTEN_PASSWORD_TTL_MS);
      expect(FORGOTTEN_PASSWORD_TTL_MS).toBe(60 * 60_000);
      expect(JSON.stringify(db.select().from(accountTokens).all())).not.toContain(token);
      // Asking is not changing: the current password keeps working until the link is used.
      expect((await login(db, { email: address, password: OLD, ip: freshIp() })).ok).toBe(true);
    }
  });

  it("answers the same for an unknown or deactivated address, and sends nothing", async () => {
    const gone = await account("partie@siao95.example");
    setUserActive({ db, actor: { userId: admin.id }, now: new Date() }, gone.id, false);
    const before = db.select().from(emails).all().length;
    for (const address of ["inconnue@siao95.example", "partie@siao95.example"]) {
      expect(requestPasswordReset(db, ctx, { email: address, ip: freshIp() })).toEqual({ ok: true });
    }
    expect(db.select().from(emails).all().length).toBe(before);
  });

  it("sets the new password, closes every session, and works once only", async () => {
    const user = await account("sessions@siao95.example");
    const first = await login(db, { email: "sessions@siao95.example", password: OLD, ip: freshIp() });
    const second = await login(db, { email: "sessions@siao95.example", password: OLD, ip: freshIp() });
    expect(first.ok && second.ok).toBe(true);
    requestPasswordReset(db, ctx, { email: "sessions@siao95.example", ip: freshIp() });
    const token = tokenIn("sessions@siao95.example");

    expect((await setPasswordWithToken(db, token, NEW, null)).status).toBe("valid");
    expect(db.select().from(authSessions).where(eq(authSessions.userId, user.id)).all()).toEqual([]);
    expect((await login(db, { email: "sessions@siao95.example", password: OLD, ip: freshIp() })).ok).toBe(false);
    expect((await login(db, { email: "sessions@siao95.example", password: NEW, ip: freshIp() })).ok).toBe(true);

    expect(checkAccountToken(db, token).status).toBe("used");
    expect((await setPasswordWithToken(db, token, "encore une autre phrase", null)).status).toBe("used");
  });

  it("refuses an expired link, and a short password through the existing rules", async () => {
    await account("lente@siao95.example");
    const asked = new Date("2026-12-01T10:00:00Z");
    requestPasswordReset(db, ctx, { email: "lente@siao95.example", ip: freshIp() }, asked);
    const token = tokenIn("lente@siao95.example");
    const later = new Date(asked.getTime() + FORGOTTEN_PASSWORD_TTL_MS - 1000);
    await expect(setPasswordWithToken(db, token, "court", null, later)).rejects.toBeInstanceOf(UserError);
    expect(checkAccountToken(db, token, later).status).toBe("valid");
    const tooLate = new Date(asked.getTime() + FORGOTTEN_PASSWORD_TTL_MS);
    expect(checkAccountToken(db, token, tooLate).status).toBe("expired");
    expect((await setPasswordWithToken(db, token, NEW, null, tooLate)).status).toBe("expired");
  });

  it("loses a pending link when the password is changed, and when a newer link is asked for", async () => {
    const user = await account("change@siao95.example");
    requestPasswordReset(db, ctx, { email: "change@siao95.example", ip: freshIp() });
    const older = tokenIn("change@siao95.example");
    requestPasswordReset(db, ctx, { email: "change@siao95.example", ip: freshIp() });
    const newer = tokenIn("change@siao95.example");
    expect(checkAccountToken(db, older).status).toBe("unknown");
    expect(checkAccountToken(db, newer).status).toBe("valid");

    const changed = await changeOwnPassword(db, {
      userId: user.id,
      currentPassword: OLD,
      newPassword: NEW,
      keepSessionToken: null,
      ip: null,
    });
    expect(changed.ok).toBe(true);
    expect(checkAccountToken(db, newer).status).toBe("unknown");
  });

  it("throttles per address and per client, whether or not the account exists", async () => {
    const now = new Date("2026-12-02T10:00:00Z");
    for (const address of ["throttle@siao95.example", "personne@siao95.example"]) {
      if (address.startsWith("throttle")) await account(address);
      for (let i = 0; i < FORGOTTEN_PASSWORD_THROTTLE.perAddress; i++) {
        expect(requestPasswordReset(db, ctx, { email: address, ip: freshIp() }, now)).toEqual({ ok: true });
      }
      const refused = requestPasswordReset(db, ctx, { email: address, ip: freshIp() }, now);
      expect(refused).toMatchObject({ ok: false, reason: "throttled" });
      expect(refused.ok === false && refused.retryAfterMs).toBeGreaterThan(0);
    }
    expect(emailsTo("throttle@siao95.example")).toHaveLength(FORGOTTEN_PASSWORD_THROTTLE.perAddress);

    // One client walking a list of addresses.
    const ip = freshIp();
    for (let i = 0; i < FORGOTTEN_PASSWORD_THROTTLE.perIp; i++) {
      expect(requestPasswordReset(db, ctx, { email: `liste${i}@siao95.example`, ip }, now).ok).toBe(true);
    }
    expect(requestPasswordReset(db, ctx, { email: "liste-fin@siao95.example", ip }, now).ok).toBe(false);
    // The wait ends: counters are the login's (app/domain/accounts/attempts.server.ts).
    expect(
      db
        .select()
        .from(loginThrottle)
        .all()
        .some((row) => row.key.startsWith("password-forgotten-ip:")),
    ).toBe(true);
    const muchLater = new Date(now.getTime() + 2 * 60 * 60_000);
    expect(requestPasswordReset(db, ctx, { email: "liste-fin@siao95.example", ip }, muchLater).ok).toBe(true);
  });
});
