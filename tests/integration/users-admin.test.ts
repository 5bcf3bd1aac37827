import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accountTokens, auditLog, authSessions, emails, users } from "#db/schema.ts";
import { getSessionUser } from "#app/domain/accounts/sessions.server.ts";
import { login } from "#app/domain/accounts/auth.server.ts";
import {
  ACCOUNT_TOKEN_TTL_MS,
  changeOwnPassword,
  checkAccountToken,
  createUser,
  findUserByEmail,
  inviteUser,
  listUsers,
  pendingAccountLink,
  PASSWORD_CHANGE_THROTTLE,
  resetUserPassword,
  setPasswordWithToken,
  setUserActive,
  updateUser,
  UserError,
} from "#app/domain/accounts/users.server.ts";
import {
  changePasswordSchema,
  inviteUserSchema,
  PASSWORD_MIN_LENGTH,
  setPasswordSchema,
  updateUserSchema,
} from "#app/forms/users.ts";
import { MIN_PASSWORD_LENGTH } from "#app/lib/password.server.ts";
import { renderMessage } from "#emails/templates.ts";
import { hashToken } from "#app/lib/tokens.server.ts";
import { USER_ACCOUNT_ACTIONS } from "#tests/support/audit-actions.ts";
import { expectDialloEscaped } from "#tests/support/email-samples.ts";
import { withContent } from "#tests/support/fixtures.ts";
import { tempDb } from "#tests/support/temp-db.ts";
import { ACCOUNT_MAIL_CTX as ctx, SOLID_PASSWORD as PASSWORD } from "#tests/support/staff.ts";

const { db } = tempDb();
const CHOSEN = "ma phrase de passe choisie";
const IP = "192.0.2.10";

// Every secret a test hands out or receives, to check none of them lands in the audit log.
const secrets = new Set<string>([PASSWORD, CHOSEN]);

const admin = await createUser(db, {
  email: "admin@siao95.example",
  name: "Alice Admin",
  role: "admin",
  password: PASSWORD,
});
const actor = { userId: admin.id, ip: IP };

function latestEmailTo(address: string) {
  const row = db.select().from(emails).where(eq(emails.toAddress, address)).orderBy(desc(emails.id)).get();
  return row && withContent(row);
}

/** The one-time token in the last email sent to an address, read the way its recipient would. */
function linkTokenFor(address: string): string {
  const email = latestEmailTo(address);
  const match = email?.text.match(/https:\/\/cts\.example\.org\/admin\/invitation\/([A-Za-z0-9_-]+)/);
  if (!match?.[1]) throw new Error(`no account link emailed to ${address}`);
  expect(email!.html).toContain(`/admin/invitation/${match[1]}`);
  secrets.add(match[1]);
  return match[1];
}

async function sessionFor(email: string, password: string): Promise<string> {
  const result = await login(db, { email, password, ip: IP });
  if (!result.ok) throw new Error(`login failed for ${email}: ${result.reason}`);
  secrets.add(result.sessionToken);
  return result.sessionToken;
}

async function invite(email: string, role: "organiser" | "reviewer" | "admin" = "organiser", now?: Date) {
  const { userId } = await inviteUser(
    { db, mail: ctx, actor, now: now ?? new Date() },
    { email, name: `Personne ${email.split("@")[0]}`, role },
  );
  return userId;
}

/** Invites someone and lets them choose their password: an ordinary, working account. */
async function activeAccount(email: string, role: "organiser" | "reviewer" | "admin" = "organiser") {
  const userId = await invite(email, role);
  const outcome = await setPasswordWithToken(db, linkTokenFor(email), CHOSEN, IP);
  expect(outcome.status).toBe("valid");
  return userId;
}

/** An ordinary account, signed in on two devices. */
async function signedInTwice(email: string) {
  const userId = await activeAccount(email);
  return { userId, sessions: [await sessionFor(email, CHOSEN), await sessionFor(email, CHOSEN)] };
}

async function canLogIn(email: string, password: string): Promise<boolean> {
  return (await login(db, { email, password, ip: IP })).ok;
}

async function rejection(promise: Promise<unknown> | (() => unknown)): Promise<UserError> {
  try {
    await (typeof promise === "function" ? promise() : promise);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error("expected a UserError");
}

describe("forms", () => {
  it("ask for the same minimum length as the server", () => {
    expect(PASSWORD_MIN_LENGTH).toBe(MIN_PASSWORD_LENGTH);
  });

  it("refuse a short password, two different entries, and a new password equal to the current one", () => {
    const short = setPasswordSchema.safeParse({ password: "court", confirmation: "court" });
    expect(short.success).toBe(false);
    expect(short.error?.issues[0]?.message).toContain(`${MIN_PASSWORD_LENGTH}\u00a0caractères`);
    const mismatch = setPasswordSchema.safeParse({ password: CHOSEN, confirmation: `${CHOSEN}!` });
    expect(mismatch.error?.issues.map((issue) => issue.path.join("."))).toEqual(["confirmation"]);
    const same = changePasswordSchema.safeParse({ currentPassword: CHOSEN, newPassword: CHOSEN, confirmation: CHOSEN });
    expect(same.error?.issues.map((issue) => issue.path.join("."))).toEqual(["newPassword"]);
  });

  it("invite organisers and reviewers only, and know every role on the edit form", () => {
    expect(inviteUserSchema.safeParse({ email: "a@b.fr", name: "A", role: "admin" }).success).toBe(false);
    expect(inviteUserSchema.safeParse({ email: "pas-une-adresse", name: "A", role: "reviewer" }).success).toBe(false);
    expect(updateUserSchema.safeParse({ intent: "update", name: "A", role: "admin" }).success).toBe(true);
  });
});

describe("account emails", () => {
  const url = "https://cts.example.org/admin/invitation/abcdefghijklmnopqrstuv";
  const expiresAt = new Date("2026-03-05T08:30:00Z");
  const messages = [
    renderMessage({
      template: "account.invitation",
      props: { name: "Awa <Diallo>", url, expiresAt, roleLabel: "Organisation", invitedBy: "Alice" },
    }),
    renderMessage({ template: "account.password_reset", props: { name: "Awa <Diallo>", url, expiresAt } }),
  ];

  it("carry the link and its end date in French, in HTML and in plain text", () => {
    for (const email of messages) {
      expect(email.html).toMatch(/^<!DOCTYPE html><html lang="fr">/);
      expect(email.text).toContain("Bonjour Awa <Diallo>,");
      expect(email.text).toContain(url);
      expect(email.html).toContain(`href="${url}"`);
      expect(email.text).toContain("jusqu’au jeudi 5 mars 2026 à 9\u00a0h\u00a030");
      expect(email.subject).toContain("SIAO\u00a095");
    }
  });

  it("escape the name in HTML and keep French spacing before colons", () => {
    for (const email of messages) {
      expectDialloEscaped(email.html);
      expect(email.text).toMatch(/en suivant ce lien\u00a0:/);
      expect(email.text).not.toMatch(/ [:;?!]/);
    }
    expect(messages[0]!.text).toContain("«\u00a0Organisation\u00a0»");
  });
});

describe("invitation", () => {
  it("creates an account that cannot log in, and emails a one-time link stored only as a hash", async () => {
    const before = new Date();
    const userId = await invite("Nouvelle@SIAO95.example", "reviewer");
    const row = db.select().from(users).where(eq(users.id, userId)).get()!;
    expect(row).toMatchObject({ email: "nouvelle@siao95.example", role: "reviewer", active: true, activated: false });

    const email = latestEmailTo("nouvelle@siao95.example")!;
    expect(email).toMatchObject({ kind: "account.invitation", status: "pending", toName: "Personne Nouvelle" });
    expect(email.subject).toContain("Votre compte");
    expect(email.text).toContain("Alice Admin vous a créé un compte (rôle «\u00a0Relecture\u00a0»)");
    expect(email.text).toContain("SIAO\u00a095");
    expect(email.html).toMatch(/^<!DOCTYPE html><html lang="fr">/);

    const token = linkTokenFor("nouvelle@siao95.example");
    expect(token).toHaveLength(22); // 128 bits in base64url
    const stored = db.select().from(accountTokens).where(eq(accountTokens.userId, userId)).all();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored[0]!.expiresAt.getTime() - before.getTime()).toBeGreaterThanOrEqual(ACCOUNT_TOKEN_TTL_MS - 1000);
    expect(stored[0]!.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(ACCOUNT_TOKEN_TTL_MS);

    // Nobody knows the password the account holds: neither an empty one nor the link's token opens it.
    for (const guess of ["", token, PASSWORD]) {
      expect((await login(db, { email: "nouvelle@siao95.example", password: guess, ip: null })).ok).toBe(false);
    }
    expect(listUsers(db).find((user) => user.id === userId)).toMatchObject({ activated: false, lastLoginAt: null });
    expect(pendingAccountLink(db, userId)?.purpose).toBe("invitation");

    const entry = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.invite"), eq(auditLog.entityId, userId)))
      .get()!;
    expect(entry).toMatchObject({ userId: admin.id, entityType: "user", ip: IP });
    expect(JSON.parse(entry.details!)).toEqual({ role: "reviewer" });
  });

  it("refuses a second account for the same address, whatever its case, and writes nothing", async () => {
    await invite("doublon@siao95.example");
    const countEmails = () => db.select().from(emails).all().length;
    const before = { emails: countEmails(), users: listUsers(db).length };
    const error = await rejection(invite("DOUBLON@siao95.example"));
    expect(error.message).toBe("Un compte existe déjà pour doublon@siao95.example.");
    expect(error.field).toBe("email");
    expect(error.status).toBe(409);
    expect({ emails: countEmails(), users: listUsers(db).length }).toEqual(before);
  });

  it("lets the person choose a password once, then log in", async () => {
    const userId = await invite("choisit@siao95.example");
    const token = linkTokenFor("choisit@siao95.example");
    expect(checkAccountToken(db, token)).toMatchObject({
      status: "valid",
      purpose: "invitation",
      user: { id: userId },
    });

    const outcome = await setPasswordWithToken(db, token, CHOSEN, IP);
    expect(outcome.status).toBe("valid");
    expect(findUserByEmail(db, "choisit@siao95.example")!.activated).toBe(true);
    expect(await canLogIn("choisit@siao95.example", CHOSEN)).toBe(true);

    // Single use: the same link now answers "used", and cannot overwrite the password.
    expect(checkAccountToken(db, token).status).toBe("used");
    expect((await setPasswordWithToken(db, token, "un autre mot de passe", IP)).status).toBe("used");
    expect(await canLogIn("choisit@siao95.example", "un autre mot de passe")).toBe(false);
    expect(pendingAccountLink(db, userId)).toBeNull();

    const entry = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.password_set"), eq(auditLog.entityId, userId)))
      .get()!;
    expect(entry.userId).toBe(userId);
    expect(JSON.parse(entry.details!)).toEqual({ link: "invitation" });
  });

  it("refuses an expired link, and leaves the account as it was", async () => {
    const sentAt = new Date(Date.now() - ACCOUNT_TOKEN_TTL_MS - 60_000);
    const userId = await invite("tardif@siao95.example", "organiser", sentAt);
    const token = linkTokenFor("tardif@siao95.example");
    // One minute before the end it still works; at the end it does not.
    expect(checkAccountToken(db, token, new Date(sentAt.getTime() + ACCOUNT_TOKEN_TTL_MS - 60_000)).status).toBe(
      "valid",
    );
    expect(checkAccountToken(db, token, new Date(sentAt.getTime() + ACCOUNT_TOKEN_TTL_MS)).status).toBe("expired");
    expect((await setPasswordWithToken(db, token, CHOSEN, IP)).status).toBe("expired");
    expect(findUserByEmail(db, "tardif@siao95.example")!.activated).toBe(false);
    expect(await canLogIn("tardif@siao95.example", CHOSEN)).toBe(false);
    expect(pendingAccountLink(db, userId)).toBeNull();
  });

  it("treats made-up, malformed and truncated links as unknown", async () => {
    await invite("inconnu@siao95.example");
    const token = linkTokenFor("inconnu@siao95.example");
    for (const candidate of ["AAAAAAAAAAAAAAAAAAAAAA", "n'importe quoi", token.slice(0, -1), `${token}A`, ""]) {
      expect(checkAccountToken(db, candidate).status).toBe("unknown");
    }
  });

  it("refuses a short password without spending the link", async () => {
    await invite("court@siao95.example");
    const token = linkTokenFor("court@siao95.example");
    const error = await rejection(setPasswordWithToken(db, token, "court", IP));
    expect(error).toMatchObject({ field: "password", status: 400 });
    expect(error.message).toContain("au moins 12\u00a0caractères");
    expect(checkAccountToken(db, token).status).toBe("valid");
  });

  it("lets only one of two simultaneous submissions of the same link win", async () => {
    await invite("deux-onglets@siao95.example");
    const token = linkTokenFor("deux-onglets@siao95.example");
    const outcomes = await Promise.all([
      setPasswordWithToken(db, token, "premier mot de passe", IP),
      setPasswordWithToken(db, token, "second mot de passe!", IP),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["used", "valid"]);
  });
});

describe("password reset by an admin", () => {
  it("kills the old password and every session, and emails a fresh single-use link", async () => {
    const { userId, sessions } = await signedInTwice("oublie@siao95.example");

    expect(await resetUserPassword({ db, mail: ctx, actor, now: new Date() }, userId)).toEqual({ purpose: "reset" });
    for (const session of sessions) expect(getSessionUser(db, session)).toBeNull();
    expect(await canLogIn("oublie@siao95.example", CHOSEN)).toBe(false);

    const email = latestEmailTo("oublie@siao95.example")!;
    expect(email.kind).toBe("account.password_reset");
    expect(email.subject).toContain("Réinitialisation");
    const token = linkTokenFor("oublie@siao95.example");
    expect(checkAccountToken(db, token)).toMatchObject({ status: "valid", purpose: "reset" });
    expect((await setPasswordWithToken(db, token, "un tout nouveau mot de passe", IP)).status).toBe("valid");
    expect(await canLogIn("oublie@siao95.example", "un tout nouveau mot de passe")).toBe(true);
    secrets.add("un tout nouveau mot de passe");

    const entry = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.password_reset"), eq(auditLog.entityId, userId)))
      .get()!;
    expect(entry).toMatchObject({ userId: admin.id, entityType: "user" });
  });

  it("sends a never-activated account its invitation again, and the first link stops working", async () => {
    const userId = await invite("relance@siao95.example");
    const first = linkTokenFor("relance@siao95.example");
    expect(await resetUserPassword({ db, mail: ctx, actor, now: new Date() }, userId)).toEqual({
      purpose: "invitation",
    });
    const second = linkTokenFor("relance@siao95.example");
    expect(second).not.toBe(first);
    expect(latestEmailTo("relance@siao95.example")!.kind).toBe("account.invitation");
    expect(checkAccountToken(db, first).status).toBe("unknown");
    expect(checkAccountToken(db, second).status).toBe("valid");
  });

  it("is refused for one's own account and for a deactivated account", async () => {
    const own = await rejection(resetUserPassword({ db, mail: ctx, actor, now: new Date() }, admin.id));
    expect(own.message).toContain("Mon mot de passe");
    const userId = await activeAccount("parti@siao95.example");
    setUserActive({ db, actor, now: new Date() }, userId, false);
    const inactive = await rejection(resetUserPassword({ db, mail: ctx, actor, now: new Date() }, userId));
    expect(inactive.message).toContain("réactivez-le");
    expect(inactive.status).toBe(409);
  });
});

describe("name and role", () => {
  it("changes them and records what changed", async () => {
    const userId = await activeAccount("promue@siao95.example");
    expect(updateUser({ db, actor, now: new Date() }, userId, { name: "  Bea Promue ", role: "admin" })).toEqual({
      changed: true,
    });
    expect(findUserByEmail(db, "promue@siao95.example")).toMatchObject({ name: "Bea Promue", role: "admin" });
    const entry = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.update"), eq(auditLog.entityId, userId)))
      .get()!;
    expect(JSON.parse(entry.details!)).toEqual({ changed: ["name", "role"], role: { from: "organiser", to: "admin" } });
    // Saving the same values again changes nothing and records nothing.
    expect(updateUser({ db, actor, now: new Date() }, userId, { name: "Bea Promue", role: "admin" })).toEqual({
      changed: false,
    });
    expect(
      db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "user.update"), eq(auditLog.entityId, userId)))
        .all(),
    ).toHaveLength(1);
    // Back to organiser, so that the other tests keep one admin besides Alice where they expect it.
    updateUser({ db, actor, now: new Date() }, userId, { name: "Bea Promue", role: "organiser" });
  });

  it("never lets an admin demote themselves", async () => {
    const other = await activeAccount("second-admin@siao95.example", "admin");
    const error = await rejection(() =>
      updateUser({ db, actor, now: new Date() }, admin.id, { name: "Alice Admin", role: "organiser" }),
    );
    expect(error).toMatchObject({ field: "role", status: 409 });
    expect(error.message).toBe(
      "Vous ne pouvez pas retirer votre propre rôle «\u00a0Administration\u00a0»\u00a0; demandez-le à une autre personne de l’administration.",
    );
    expect(findUserByEmail(db, "admin@siao95.example")!.role).toBe("admin");
    // Renaming oneself stays possible.
    expect(updateUser({ db, actor, now: new Date() }, admin.id, { name: "Alice A.", role: "admin" })).toEqual({
      changed: true,
    });
    setUserActive({ db, actor, now: new Date() }, other, false);
  });

  it("never demotes the last active admin, whoever asks", async () => {
    // Alice is now the only active admin (the second one was deactivated above).
    const alone = await rejection(() =>
      updateUser({ db, actor, now: new Date() }, admin.id, { name: "Alice A.", role: "reviewer" }),
    );
    expect(alone.message).toContain("dernier compte actif avec le rôle «\u00a0Administration\u00a0»");
    const system = await rejection(() =>
      updateUser({ db, actor: { userId: null }, now: new Date() }, admin.id, { name: "Alice A.", role: "reviewer" }),
    );
    expect(system.message).toContain("dernier compte actif avec le rôle «\u00a0Administration\u00a0»");
    expect(findUserByEmail(db, "admin@siao95.example")!.role).toBe("admin");
  });

  it("refuses an admin who lost the role since the page was opened", async () => {
    const bob = await activeAccount("bob-admin@siao95.example", "admin");
    const target = await activeAccount("cible@siao95.example");
    updateUser({ db, actor, now: new Date() }, bob, { name: "Bob", role: "organiser" });
    const error = await rejection(() =>
      updateUser({ db, actor: { userId: bob }, now: new Date() }, target, { name: "Cible", role: "admin" }),
    );
    expect(error.status).toBe(403);
    expect(findUserByEmail(db, "cible@siao95.example")!.role).toBe("organiser");
  });
});

describe("deactivation", () => {
  it("closes every session at once, refuses login, kills pending links, and can be undone", async () => {
    const { userId, sessions } = await signedInTwice("desactive@siao95.example");
    const pending = await invite("desactive-en-attente@siao95.example");
    const pendingToken = linkTokenFor("desactive-en-attente@siao95.example");

    expect(setUserActive({ db, actor, now: new Date() }, userId, false)).toEqual({ changed: true });
    expect(db.select().from(authSessions).where(eq(authSessions.userId, userId)).all()).toHaveLength(0);
    for (const session of sessions) expect(getSessionUser(db, session)).toBeNull();
    expect(await canLogIn("desactive@siao95.example", CHOSEN)).toBe(false);

    setUserActive({ db, actor, now: new Date() }, pending, false);
    expect(checkAccountToken(db, pendingToken).status).toBe("unknown");

    expect(setUserActive({ db, actor, now: new Date() }, userId, true)).toEqual({ changed: true });
    expect(await canLogIn("desactive@siao95.example", CHOSEN)).toBe(true);
    const actions = db
      .select({ action: auditLog.action, userId: auditLog.userId })
      .from(auditLog)
      .where(eq(auditLog.entityId, userId))
      .all()
      .filter((entry) => entry.action.startsWith("user.") && entry.action.endsWith("activate"));
    expect(actions).toEqual([
      { action: "user.deactivate", userId: admin.id },
      { action: "user.reactivate", userId: admin.id },
    ]);
  });

  it("is refused for oneself and for the last active admin", async () => {
    const other = await activeAccount("admin-trois@siao95.example", "admin");
    const self = await rejection(() => setUserActive({ db, actor, now: new Date() }, admin.id, false));
    expect(self.message).toBe(
      "Vous ne pouvez pas désactiver votre propre compte\u00a0; demandez-le à une autre personne de l’administration.",
    );
    setUserActive({ db, actor, now: new Date() }, other, false);
    const last = await rejection(() =>
      setUserActive({ db, actor: { userId: null }, now: new Date() }, admin.id, false),
    );
    expect(last.message).toContain("dernier compte actif avec le rôle «\u00a0Administration\u00a0»");
    expect(last.status).toBe(409);
    expect(findUserByEmail(db, "admin@siao95.example")!.active).toBe(true);
  });

  it("makes a pending link of a deactivated account useless", async () => {
    const userId = await activeAccount("lien-mort@siao95.example");
    await resetUserPassword({ db, mail: ctx, actor, now: new Date() }, userId);
    const token = linkTokenFor("lien-mort@siao95.example");
    // Straight in the table, as if the deactivation had happened without the domain function.
    db.update(users).set({ active: false }).where(eq(users.id, userId)).run();
    expect(checkAccountToken(db, token).status).toBe("inactive");
    expect((await setPasswordWithToken(db, token, CHOSEN, IP)).status).toBe("inactive");
  });
});

describe("changing one's own password", () => {
  it("refuses a wrong current password and changes nothing", async () => {
    const userId = await activeAccount("moi@siao95.example");
    const current = await sessionFor("moi@siao95.example", CHOSEN);
    const result = await changeOwnPassword(db, {
      userId,
      currentPassword: "pas le bon mot de passe",
      newPassword: "une nouvelle phrase",
      keepSessionToken: current,
      ip: IP,
    });
    expect(result).toEqual({ ok: false, reason: "wrong_current" });
    expect(await canLogIn("moi@siao95.example", CHOSEN)).toBe(true);
    expect(getSessionUser(db, current)).not.toBeNull();
    const failed = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.password_change_failed"), eq(auditLog.userId, userId)))
      .all();
    expect(failed).toHaveLength(1);
  });

  it("keeps the current session and closes every other one", async () => {
    const userId = await activeAccount("sessions@siao95.example");
    const current = await sessionFor("sessions@siao95.example", CHOSEN);
    const others = [
      await sessionFor("sessions@siao95.example", CHOSEN),
      await sessionFor("sessions@siao95.example", CHOSEN),
    ];
    const bystander = await sessionFor("admin@siao95.example", PASSWORD);

    const result = await changeOwnPassword(db, {
      userId,
      currentPassword: CHOSEN,
      newPassword: "une nouvelle phrase de passe",
      keepSessionToken: current,
      ip: IP,
    });
    secrets.add("une nouvelle phrase de passe");
    expect(result).toEqual({ ok: true, otherSessionsClosed: 2 });
    expect(getSessionUser(db, current)?.id).toBe(userId);
    for (const session of others) expect(getSessionUser(db, session)).toBeNull();
    expect(getSessionUser(db, bystander)?.id).toBe(admin.id);
    expect(await canLogIn("sessions@siao95.example", CHOSEN)).toBe(false);
    expect(await canLogIn("sessions@siao95.example", "une nouvelle phrase de passe")).toBe(true);
    const entry = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.password_change"), eq(auditLog.userId, userId)))
      .get()!;
    expect(JSON.parse(entry.details!)).toEqual({ otherSessionsClosed: 2 });
  });

  it("refuses a new password that is too short", async () => {
    const userId = await activeAccount("trop-court@siao95.example");
    const error = await rejection(
      changeOwnPassword(db, { userId, currentPassword: CHOSEN, newPassword: "court", keepSessionToken: null, ip: IP }),
    );
    expect(error).toMatchObject({ field: "newPassword", status: 400 });
  });

  it("stops answering after repeated wrong current passwords", async () => {
    const userId = await activeAccount("devine@siao95.example");
    const attempt = (currentPassword: string) =>
      changeOwnPassword(db, {
        userId,
        currentPassword,
        newPassword: "une nouvelle phrase",
        keepSessionToken: null,
        ip: IP,
      });
    for (let i = 0; i < PASSWORD_CHANGE_THROTTLE.maxFailures; i++) {
      expect(await attempt(`essai numéro ${i}`)).toEqual({ ok: false, reason: "wrong_current" });
    }
    // Even the right password waits now: guessing cannot go on from an open session.
    expect(await attempt(CHOSEN)).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("counts wrong current passwords sent at the same time", async () => {
    const userId = await activeAccount("parallele@siao95.example");
    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        changeOwnPassword(db, {
          userId,
          currentPassword: "pas le bon",
          newPassword: "une nouvelle phrase",
          keepSessionToken: null,
          ip: IP,
        }),
      ),
    );
    expect(results.filter((result) => !result.ok && result.reason === "wrong_current")).toHaveLength(
      PASSWORD_CHANGE_THROTTLE.maxFailures,
    );
  });
});

describe("audit entries", () => {
  it("were written for every change, and never hold a password, a token or a link", () => {
    const entries = db.select().from(auditLog).all();
    const actions = new Set(entries.map((entry) => entry.action));
    for (const action of [...USER_ACCOUNT_ACTIONS, "user.password_change_failed"]) {
      expect(actions, action).toContain(action);
    }
    expect(secrets.size).toBeGreaterThan(10);
    const dump = JSON.stringify(entries);
    for (const secret of secrets) {
      expect(dump).not.toContain(secret);
      expect(dump).not.toContain(hashToken(secret));
    }
    expect(dump).not.toContain("/admin/invitation/");
    expect(dump).not.toMatch(/argon2/);
  });
});
