import { and, eq, isNull, lt, or } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { users } from "#db/schema.ts";
import type { Db } from "#app/lib/db.server.ts";
import { recordAudit } from "#app/domain/shared/audit.server.ts";

const ISSUER = "CTS SIAO 95";
const PERIOD_SECONDS = 30;
/** One step either side absorbs a phone clock a little off without widening the guess space much. */
const WINDOW = 1;

export type TwoFactorStatus = { enabled: boolean; required: boolean; pending: boolean };

function totpFor(email: string, secret: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label: email,
    algorithm: "SHA1",
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

function currentStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / PERIOD_SECONDS);
}

/** Six digits, spaces and dashes ignored, as authenticator apps show them. */
export function normaliseCode(code: string): string {
  return code.replace(/[\s-]/g, "");
}

/**
 * The step a code belongs to when it is valid and newer than the last accepted one, else null:
 * a code seen once, even within its window, never opens a second session.
 */
function acceptedStep(email: string, secret: string, code: string, lastStep: number | null, now: Date): number | null {
  const token = normaliseCode(code);
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(email, secret).validate({ token, timestamp: now.getTime(), window: WINDOW });
  if (delta === null) return null;
  const step = currentStep(now) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}

export function twoFactorStatus(db: Db, userId: number): TwoFactorStatus {
  const user = db
    .select({ secret: users.totpSecret, enabledAt: users.totpEnabledAt, required: users.totpRequired })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!user) throw new Error(`Unknown user ${userId}`);
  return {
    enabled: user.enabledAt !== null,
    required: user.required,
    pending: user.secret !== null && user.enabledAt === null,
  };
}

export type Enrolment = { secret: string; uri: string; qrSvg: string };

/** A fresh secret kept aside until the person proves their app holds it; an enabled one is never replaced here. */
export async function startEnrolment(db: Db, userId: number): Promise<Enrolment> {
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) throw new Error(`Unknown user ${userId}`);
  if (user.totpEnabledAt) throw new Error("Two-factor login is already enabled");
  const secret = user.totpSecret ?? new Secret({ size: 20 }).base32;
  if (!user.totpSecret) db.update(users).set({ totpSecret: secret }).where(eq(users.id, userId)).run();
  return enrolmentFor(user.email, secret);
}

async function enrolmentFor(email: string, secret: string): Promise<Enrolment> {
  const uri = totpFor(email, secret).toString();
  // Loaded on demand: only enrolment draws a QR code.
  const { default: QRCode } = await import("qrcode");
  const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { secret, uri, qrSvg };
}

export type TwoFactorResult = { ok: true } | { ok: false; message: string };

const WRONG_CODE =
  "Ce code n’est pas valide. Saisissez le code à six chiffres affiché en ce moment par votre application.";

export function confirmEnrolment(db: Db, userId: number, code: string, now: Date = new Date()): TwoFactorResult {
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user?.totpSecret || user.totpEnabledAt) {
    return { ok: false, message: "Commencez par afficher le code QR, puis saisissez le code de votre application." };
  }
  const step = acceptedStep(user.email, user.totpSecret, code, null, now);
  if (step === null) return { ok: false, message: WRONG_CODE };
  db.update(users).set({ totpEnabledAt: now, totpLastStep: step }).where(eq(users.id, userId)).run();
  recordAudit(db, { userId }, { action: "auth.totp_enabled", entityType: "user", entityId: userId });
  return { ok: true };
}

/** Checks a login code and consumes its step. */
export function verifyLoginCode(db: Db, userId: number, code: string, now: Date = new Date()): boolean {
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user?.totpSecret || !user.totpEnabledAt) return false;
  const step = acceptedStep(user.email, user.totpSecret, code, user.totpLastStep, now);
  if (step === null) return false;
  // The guard on the last step makes two concurrent submissions of one code accept only one.
  const changed = db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .run().changes;
  return changed === 1;
}

export function disableTwoFactor(db: Db, userId: number, code: string, now: Date = new Date()): TwoFactorResult {
  const status = twoFactorStatus(db, userId);
  if (status.required) {
    return {
      ok: false,
      message:
        "L’équipe d’administration exige la double authentification pour votre compte : elle ne peut pas être désactivée.",
    };
  }
  if (!verifyLoginCode(db, userId, code, now)) return { ok: false, message: WRONG_CODE };
  db.update(users).set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null }).where(eq(users.id, userId)).run();
  recordAudit(db, { userId }, { action: "auth.totp_disabled", entityType: "user", entityId: userId });
  return { ok: true };
}

/** For a lost phone: an admin clears the second factor; the person enrols again at next login if it is required. */
export function resetTwoFactor(db: Db, actorId: number, userId: number): void {
  db.update(users).set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null }).where(eq(users.id, userId)).run();
  recordAudit(db, { userId: actorId }, { action: "user.totp_reset", entityType: "user", entityId: userId });
}

export function setTwoFactorRequired(db: Db, actorId: number, userId: number, required: boolean): void {
  db.update(users).set({ totpRequired: required }).where(eq(users.id, userId)).run();
  recordAudit(
    db,
    { userId: actorId },
    { action: required ? "user.totp_required" : "user.totp_not_required", entityType: "user", entityId: userId },
  );
}

/** A code for tests and the CLI: what the person's app shows at `now`. */
export function codeAt(email: string, secret: string, now: Date): string {
  return totpFor(email, secret).generate({ timestamp: now.getTime() });
}
