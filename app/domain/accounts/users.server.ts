import { and, asc, count, desc, eq, isNull, ne } from "drizzle-orm";
import { accountTokens, authSessions, users } from "#db/schema.ts";
import { immediate, type Db } from "#app/lib/db.server.ts";
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from "#app/lib/password.server.ts";
import { generateToken, hashToken, looksLikeToken, tokenMatches } from "#app/lib/tokens.server.ts";
import { releaseAttempt, reserveAttempt, type AttemptCounter } from "./attempts.server.ts";
import { recordAudit } from "#app/domain/shared/audit.server.ts";
import { normaliseEmail, type PublicUser, type User } from "./account.ts";
import { destroyUserSessions } from "./sessions.server.ts";
import { notify } from "#app/domain/shared/notifications.server.ts";
import { USER_ROLE_LABELS, type UserRole } from "#app/domain/shared/vocabulary.ts";
import type { Act } from "#app/domain/shared/actor.ts";

export type { User, PublicUser } from "./account.ts";

type UserErrorStatus = 400 | 403 | 404 | 409 | 410 | 422 | 429;

/** A rule said no. `field` names the form field the message belongs next to, when there is one. */
export class UserError extends Error {
  readonly field: string | undefined;
  readonly status: UserErrorStatus;
  constructor(message: string, options: { field?: string; status?: UserErrorStatus } = {}) {
    super(message);
    this.field = options.field;
    this.status = options.status ?? 409;
  }
}

/** Who acts: an account, or `null` for the system (command-line tools). */
export type AccountActor = { userId: number | null; ip?: string | null };

/** Where the links in account emails point. */
export type AccountMailContext = { appUrl: string };

/** How long an invitation or reset link stays usable. */
export const ACCOUNT_TOKEN_TTL_MS = 7 * 24 * 60 * 60_000;

/**
 * How long a link asked for with « Mot de passe oublié ? » stays usable: whoever asks is at the
 * keyboard and reads the email now, and a link left in a mailbox is a way into the account.
 */
export const FORGOTTEN_PASSWORD_TTL_MS = 60 * 60_000;

/**
 * Requests of « Mot de passe oublié ? »: a few per address (the mailbox of someone else must not
 * be flooded) and per IP (one client must not walk a list of addresses). Every request counts,
 * whether the account exists or not, so the throttle says nothing about the accounts either.
 */
export const FORGOTTEN_PASSWORD_THROTTLE = { perAddress: 3, perIp: 10 } as const;

/** Wrong current passwords allowed on the own-password page before it waits, per account. */
export const PASSWORD_CHANGE_THROTTLE = { maxFailures: 5 } as const;

const passwordTooShort = () => `Le mot de passe doit compter au moins ${MIN_PASSWORD_LENGTH}\u00a0caractères.`;

export async function createUser(
  db: Db,
  input: { email: string; name: string; role: UserRole; password: string },
): Promise<PublicUser> {
  const email = normaliseEmail(input.email);
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    // A plain space: this message is printed by the command-line tool.
    throw new UserError(`Le mot de passe doit compter au moins ${MIN_PASSWORD_LENGTH} caractères.`, {
      field: "password",
      status: 400,
    });
  }
  if (findUserByEmail(db, email)) throw new UserError(`Un compte existe déjà pour ${email}.`, { field: "email" });
  const passwordHash = await hashPassword(input.password);
  const row = db
    .insert(users)
    .values({ email, name: input.name.trim(), role: input.role, passwordHash })
    .returning({ id: users.id, email: users.email, name: users.name, role: users.role })
    .get();
  return row;
}

export function findUserByEmail(db: Db, email: string): User | undefined {
  return db
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .get();
}

export function findUserById(db: Db, id: number): User | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export type UserSummary = Pick<User, "id" | "email" | "name" | "role" | "active" | "activated" | "lastLoginAt">;

export function listUsers(db: Db): UserSummary[] {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      active: users.active,
      activated: users.activated,
      lastLoginAt: users.lastLoginAt,
    })
    .from(users)
    .orderBy(asc(users.name), asc(users.id))
    .all();
}

function activeAdminCount(db: Db): number {
  return db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true)))
    .get()!.n;
}

/**
 * Checked again inside each write transaction: the page was allowed when the request began, but
 * another admin may have demoted or deactivated this one since.
 */
function assertAdminActor(db: Db, actor: AccountActor): void {
  if (actor.userId === null) return;
  const row = findUserById(db, actor.userId);
  if (!row || !row.active || row.role !== "admin") {
    throw new UserError("Votre compte n’a plus le rôle «\u00a0Administration\u00a0».", { status: 403 });
  }
}

function requireTarget(db: Db, userId: number): User {
  const target = findUserById(db, userId);
  if (!target) throw new UserError("Ce compte n’existe pas.", { status: 404 });
  return target;
}

/** The account an admin acts on, once the actor is checked to still be an admin. */
function adminTarget(db: Db, actor: AccountActor, userId: number): User {
  assertAdminActor(db, actor);
  return requireTarget(db, userId);
}

/**
 * The last active admin can never lose the role or the account, and no admin can do either to
 * themselves (the last-admin message wins, since it says why even another admin could not).
 */
function assertAdminStays(db: Db, target: User, actor: AccountActor, what: "demote" | "deactivate"): void {
  if (target.role !== "admin" || !target.active) return;
  const field = what === "demote" ? "role" : undefined;
  if (activeAdminCount(db) <= 1) {
    throw new UserError(
      what === "demote"
        ? "C’est le dernier compte actif avec le rôle «\u00a0Administration\u00a0»\u00a0: il doit le garder. Donnez d’abord ce rôle à un autre compte."
        : "C’est le dernier compte actif avec le rôle «\u00a0Administration\u00a0»\u00a0: il ne peut pas être désactivé. Donnez d’abord ce rôle à un autre compte.",
      { field, status: 409 },
    );
  }
  if (target.id === actor.userId) {
    throw new UserError(
      what === "demote"
        ? "Vous ne pouvez pas retirer votre propre rôle «\u00a0Administration\u00a0»\u00a0; demandez-le à une autre personne de l’administration."
        : "Vous ne pouvez pas désactiver votre propre compte\u00a0; demandez-le à une autre personne de l’administration.",
      { field, status: 409 },
    );
  }
}

/** A password nobody knows: the account exists, but only the emailed link can give it a real one. */
function unusablePasswordHash(): Promise<string> {
  return hashPassword(generateToken(32));
}

function accountLink(mail: AccountMailContext, token: string): string {
  return `${mail.appUrl}/admin/invitation/${token}`;
}

/** A fresh one-time link for a user. Their older unused links stop working. */
function issueAccountToken(
  db: Db,
  userId: number,
  purpose: "invitation" | "reset",
  now: Date,
  ttlMs: number = ACCOUNT_TOKEN_TTL_MS,
): { token: string; expiresAt: Date } {
  revokeAccountTokens(db, userId);
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + ttlMs);
  db.insert(accountTokens)
    .values({ userId, purpose, tokenHash: hashToken(token), expiresAt, createdAt: now })
    .run();
  return { token, expiresAt };
}

function revokeAccountTokens(db: Db, userId: number): void {
  db.delete(accountTokens)
    .where(and(eq(accountTokens.userId, userId), isNull(accountTokens.usedAt)))
    .run();
}

function enqueueAccountEmail(
  db: Db,
  mail: AccountMailContext,
  user: Pick<User, "email" | "name" | "role">,
  purpose: "invitation" | "reset",
  link: { token: string; expiresAt: Date },
  invitedBy: string,
  now: Date,
): void {
  const url = accountLink(mail, link.token);
  notify(
    db,
    {
      to: { address: user.email, name: user.name },
      email:
        purpose === "invitation"
          ? {
              template: "account.invitation",
              props: {
                name: user.name,
                url,
                expiresAt: link.expiresAt,
                roleLabel: USER_ROLE_LABELS[user.role],
                invitedBy,
              },
            }
          : { template: "account.password_reset", props: { name: user.name, url, expiresAt: link.expiresAt } },
    },
    now,
  );
}

function actorName(db: Db, actor: AccountActor): string {
  const row = actor.userId === null ? undefined : findUserById(db, actor.userId);
  return row?.name ?? "L’équipe du SIAO\u00a095";
}

/**
 * Creates an account that cannot log in yet, and emails its owner a one-time link to choose a
 * password. The account, the link and the email are one transaction.
 */
export async function inviteUser(
  act: Act & { mail: AccountMailContext },
  input: { email: string; name: string; role: UserRole },
): Promise<{ userId: number }> {
  const { db, mail, actor, now } = act;
  const email = normaliseEmail(input.email);
  const exists = () => new UserError(`Un compte existe déjà pour ${email}.`, { field: "email", status: 409 });
  if (findUserByEmail(db, email)) throw exists();
  const passwordHash = await unusablePasswordHash();
  return immediate(db, () => {
    assertAdminActor(db, actor);
    if (findUserByEmail(db, email)) throw exists();
    const user = db
      .insert(users)
      .values({
        email,
        name: input.name.trim(),
        role: input.role,
        passwordHash,
        activated: false,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    const link = issueAccountToken(db, user.id, "invitation", now);
    enqueueAccountEmail(db, mail, user, "invitation", link, actorName(db, actor), now);
    recordAudit(db, actor, {
      action: "user.invite",
      entityType: "user",
      entityId: user.id,
      details: { role: user.role },
    });
    return { userId: user.id };
  });
}

/** Name and role. Returns whether anything changed; nothing changed, nothing recorded. */
export function updateUser(act: Act, userId: number, input: { name: string; role: UserRole }): { changed: boolean } {
  const { db, actor, now } = act;
  return immediate(db, () => {
    const target = adminTarget(db, actor, userId);
    const name = input.name.trim();
    if (target.role !== input.role && input.role !== "admin") assertAdminStays(db, target, actor, "demote");
    const changed = [...(name !== target.name ? ["name"] : []), ...(input.role !== target.role ? ["role"] : [])];
    if (changed.length === 0) return { changed: false };
    db.update(users).set({ name, role: input.role, updatedAt: now }).where(eq(users.id, userId)).run();
    recordAudit(db, actor, {
      action: "user.update",
      entityType: "user",
      entityId: userId,
      details: {
        changed,
        ...(input.role !== target.role ? { role: { from: target.role, to: input.role } } : {}),
      },
    });
    return { changed: true };
  });
}

/**
 * Deactivating closes every session of the account at once and kills its pending links;
 * reactivating gives back access with the password it had.
 */
export function setUserActive(act: Act, userId: number, active: boolean): { changed: boolean } {
  const { db, actor, now } = act;
  return immediate(db, () => {
    const target = adminTarget(db, actor, userId);
    if (target.active === active) return { changed: false };
    if (!active) assertAdminStays(db, target, actor, "deactivate");
    db.update(users).set({ active, updatedAt: now }).where(eq(users.id, userId)).run();
    if (!active) {
      destroyUserSessions(db, userId);
      revokeAccountTokens(db, userId);
    }
    recordAudit(db, actor, {
      action: active ? "user.reactivate" : "user.deactivate",
      entityType: "user",
      entityId: userId,
    });
    return { changed: true };
  });
}

/**
 * For a forgotten or possibly known-to-others password: the old one stops working, every session
 * closes, and the owner is emailed a fresh one-time link. An account never activated gets its
 * invitation again instead.
 */
export async function resetUserPassword(
  act: Act & { mail: AccountMailContext },
  userId: number,
): Promise<{ purpose: "invitation" | "reset" }> {
  const { db, mail, actor, now } = act;
  const check = (target: User) => {
    if (target.id === actor.userId) {
      throw new UserError(
        "Pour votre propre compte, changez votre mot de passe depuis la page «\u00a0Mon mot de passe\u00a0».",
        {
          status: 409,
        },
      );
    }
    if (!target.active) {
      throw new UserError("Ce compte est désactivé\u00a0: réactivez-le d’abord pour lui envoyer un lien.", {
        status: 409,
      });
    }
  };
  check(requireTarget(db, userId));
  const passwordHash = await unusablePasswordHash();
  return immediate(db, () => {
    const target = adminTarget(db, actor, userId);
    check(target);
    const purpose = target.activated ? "reset" : "invitation";
    db.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, userId)).run();
    destroyUserSessions(db, userId);
    const link = issueAccountToken(db, userId, purpose, now);
    enqueueAccountEmail(db, mail, target, purpose, link, actorName(db, actor), now);
    recordAudit(db, actor, {
      action: "user.password_reset",
      entityType: "user",
      entityId: userId,
      details: { link: purpose },
    });
    return { purpose };
  });
}

/** The link waiting to be used for an account, if any: when it was sent, and until when it works. */
export function pendingAccountLink(
  db: Db,
  userId: number,
  now: Date = new Date(),
): { purpose: "invitation" | "reset"; createdAt: Date; expiresAt: Date } | null {
  const row = db
    .select({ purpose: accountTokens.purpose, createdAt: accountTokens.createdAt, expiresAt: accountTokens.expiresAt })
    .from(accountTokens)
    .where(and(eq(accountTokens.userId, userId), isNull(accountTokens.usedAt)))
    .orderBy(desc(accountTokens.id))
    .get();
  return row && row.expiresAt > now ? row : null;
}

export type AccountTokenCheck =
  | { status: "valid"; tokenId: number; purpose: "invitation" | "reset"; user: Pick<User, "id" | "email" | "name"> }
  | { status: "unknown" }
  | { status: "used" }
  | { status: "expired" }
  | { status: "inactive" };

/** What a one-time link is worth now. Unknown covers malformed, made-up and replaced links. */
export function checkAccountToken(db: Db, token: string, now: Date = new Date()): AccountTokenCheck {
  if (!looksLikeToken(token)) return { status: "unknown" };
  const row = db
    .select({
      id: accountTokens.id,
      purpose: accountTokens.purpose,
      tokenHash: accountTokens.tokenHash,
      expiresAt: accountTokens.expiresAt,
      usedAt: accountTokens.usedAt,
      user: { id: users.id, email: users.email, name: users.name, active: users.active },
    })
    .from(accountTokens)
    .innerJoin(users, eq(users.id, accountTokens.userId))
    .where(eq(accountTokens.tokenHash, hashToken(token)))
    .get();
  if (!row || !tokenMatches(token, row.tokenHash)) return { status: "unknown" };
  if (row.usedAt) return { status: "used" };
  if (row.expiresAt <= now) return { status: "expired" };
  if (!row.user.active) return { status: "inactive" };
  const { active: _active, ...user } = row.user;
  return { status: "valid", tokenId: row.id, purpose: row.purpose, user };
}

/**
 * Spends a one-time link: the password becomes the account's, the link can never serve again,
 * and any session still open for the account closes. Returns why not when the link is not valid.
 */
export async function setPasswordWithToken(
  db: Db,
  token: string,
  password: string,
  ip: string | null,
  now: Date = new Date(),
): Promise<AccountTokenCheck> {
  const first = checkAccountToken(db, token, now);
  if (first.status !== "valid") return first;
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new UserError(passwordTooShort(), { field: "password", status: 400 });
  const passwordHash = await hashPassword(password);
  return immediate(db, () => {
    // Two tabs may submit the same link: only the first one to take the write lock spends it.
    const again = checkAccountToken(db, token, now);
    if (again.status !== "valid") return again;
    db.update(accountTokens).set({ usedAt: now }).where(eq(accountTokens.id, again.tokenId)).run();
    revokeAccountTokens(db, again.user.id);
    db.update(users).set({ passwordHash, activated: true, updatedAt: now }).where(eq(users.id, again.user.id)).run();
    destroyUserSessions(db, again.user.id);
    recordAudit(
      db,
      { userId: again.user.id, ip: ip },
      { action: "user.password_set", entityType: "user", entityId: again.user.id, details: { link: again.purpose } },
    );
    return again;
  });
}

export type ChangePasswordResult =
  | { ok: true; otherSessionsClosed: number }
  | { ok: false; reason: "wrong_current" }
  | { ok: false; reason: "throttled"; retryAfterMs: number };

/**
 * Changes one's own password, given the current one. Every other session of the account closes
 * (a stolen session dies with the old password); the one making the change stays open.
 */
export async function changeOwnPassword(
  db: Db,
  input: {
    userId: number;
    currentPassword: string;
    newPassword: string;
    keepSessionToken: string | null;
    ip: string | null;
  },
): Promise<ChangePasswordResult> {
  if (input.newPassword.length < MIN_PASSWORD_LENGTH) {
    throw new UserError(passwordTooShort(), { field: "newPassword", status: 400 });
  }
  const user = findUserById(db, input.userId);
  if (!user || !user.active) throw new UserError("Ce compte n’existe pas.", { status: 404 });

  // A session left open on a shared computer must not become a way to guess the password.
  const now = new Date();
  const counters: AttemptCounter[] = [
    { key: `password-change:${user.id}`, freeFailures: PASSWORD_CHANGE_THROTTLE.maxFailures, refund: "forget" },
  ];
  const waitMs = reserveAttempt(db, counters, now);
  if (waitMs > 0) return { ok: false, reason: "throttled", retryAfterMs: waitMs };

  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    recordAudit(
      db,
      { userId: user.id, ip: input.ip },
      { action: "user.password_change_failed", entityType: "user", entityId: user.id },
    );
    return { ok: false, reason: "wrong_current" };
  }
  releaseAttempt(db, counters);
  const passwordHash = await hashPassword(input.newPassword);
  return immediate(db, () => {
    db.update(users).set({ passwordHash, activated: true, updatedAt: new Date() }).where(eq(users.id, user.id)).run();
    const others = input.keepSessionToken
      ? and(eq(authSessions.userId, user.id), ne(authSessions.id, hashToken(input.keepSessionToken)))
      : eq(authSessions.userId, user.id);
    const otherSessionsClosed = db.delete(authSessions).where(others).run().changes;
    revokeAccountTokens(db, user.id);
    recordAudit(
      db,
      { userId: user.id, ip: input.ip },
      { action: "user.password_change", entityType: "user", entityId: user.id, details: { otherSessionsClosed } },
    );
    return { ok: true, otherSessionsClosed } as const;
  });
}

export type ForgottenPasswordResult = { ok: true } | { ok: false; reason: "throttled"; retryAfterMs: number };

/**
 * « Mot de passe oublié ? »: emails a one-time link to choose a new password, valid for an hour,
 * to an active account with this address. The answer is the same whether or not such an account
 * exists; only the throttle can say no. The current password keeps working until the link is
 * used (someone else may have asked); using it closes every session of the account.
 */
export function requestPasswordReset(
  db: Db,
  mail: AccountMailContext,
  input: { email: string; ip: string | null },
  now: Date = new Date(),
): ForgottenPasswordResult {
  const email = normaliseEmail(input.email);
  const counters: AttemptCounter[] = [
    { key: `password-forgotten:${email}`, freeFailures: FORGOTTEN_PASSWORD_THROTTLE.perAddress, refund: "one" },
    ...(input.ip
      ? [
          {
            key: `password-forgotten-ip:${input.ip}`,
            freeFailures: FORGOTTEN_PASSWORD_THROTTLE.perIp,
            refund: "one",
          } as const,
        ]
      : []),
  ];
  const waitMs = reserveAttempt(db, counters, now);
  if (waitMs > 0) return { ok: false, reason: "throttled", retryAfterMs: waitMs };
  immediate(db, () => {
    const user = findUserByEmail(db, email);
    if (!user || !user.active) return;
    const link = issueAccountToken(db, user.id, "reset", now, FORGOTTEN_PASSWORD_TTL_MS);
    notify(
      db,
      {
        to: { address: user.email, name: user.name },
        email: {
          template: "account.password_forgotten",
          props: { name: user.name, url: accountLink(mail, link.token), expiresAt: link.expiresAt },
        },
      },
      now,
    );
    recordAudit(
      db,
      { userId: user.id, ip: input.ip },
      { action: "user.password_forgotten", entityType: "user", entityId: user.id },
    );
  });
  return { ok: true };
}
