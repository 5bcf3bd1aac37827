// Before a change that writes to people, organisers see what it will send. The change itself is
// run and rolled back, so the preview can never disagree with what the real save does.
import { createHash } from "node:crypto";
import { asc, gt, max } from "drizzle-orm";
import { immediate, type Db } from "#app/lib/db.server.ts";
import { emails } from "#db/schema.ts";
import { emailContent } from "./email-content.server.ts";

/** One kind of email a change would write, how many, and one of them as an example. */
export type RehearsedEmails = {
  kind: string;
  count: number;
  sample: { to: string; subject: string; text: string };
};

export type Rehearsal<T> = {
  /** What the change returned, computed on a state that was then rolled back. */
  outcome: T;
  emails: RehearsedEmails[];
  /** Changes whenever who would receive what changes: a confirmation is only valid for this. */
  fingerprint: string;
};

class RolledBack<T> extends Error {
  constructor(readonly rehearsal: Rehearsal<T>) {
    super("rehearsal");
  }
}

/**
 * Runs `change` in a transaction that is always rolled back, and reports the emails it wrote to
 * the outbox. Errors of the change itself (a refused input) are thrown as they are.
 */
export function rehearse<T>(db: Db, change: () => T): Rehearsal<T> {
  try {
    immediate(db, () => {
      const last =
        db
          .select({ id: max(emails.id) })
          .from(emails)
          .get()?.id ?? 0;
      const outcome = change();
      const written = db.select().from(emails).where(gt(emails.id, last)).orderBy(asc(emails.id)).all();
      throw new RolledBack({ outcome, ...summarise(written) });
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.rehearsal as Rehearsal<T>;
    throw error;
  }
  throw new Error("A rehearsal always rolls back.");
}

function summarise(written: (typeof emails.$inferSelect)[]): Omit<Rehearsal<never>, "outcome"> {
  const byKind = new Map<string, RehearsedEmails>();
  const hash = createHash("sha256");
  for (const row of written) {
    hash.update(`${row.kind}\u0000${row.toAddress}\u0000${row.subject}\u0000${row.icsMethod ?? ""}\n`);
    const group = byKind.get(row.kind);
    if (group) group.count += 1;
    else {
      byKind.set(row.kind, {
        kind: row.kind,
        count: 1,
        sample: { to: row.toName ?? row.toAddress, subject: row.subject, text: emailContent(row).text },
      });
    }
  }
  return { emails: [...byKind.values()], fingerprint: hash.digest("base64url").slice(0, 22) };
}

const persons = (n: number) => `${n}\u00a0personne${n > 1 ? "s" : ""}`;

/** What each kind of email means to the organiser who is about to send it. */
const CONSEQUENCES: Record<string, (n: number) => string> = {
  "edition.changed": (n) => `${persons(n)} recevr${n > 1 ? "ont" : "a"} une invitation mise à jour`,
  "registration.promoted": (n) =>
    `${persons(n)} ser${n > 1 ? "ont" : "a"} confirmée${n > 1 ? "s" : ""} depuis la liste d’attente`,
  "edition.cancelled": (n) => `${persons(n)} ser${n > 1 ? "ont" : "a"} prévenue${n > 1 ? "s" : ""} de l’annulation`,
  "contribution.session_changed": (n) =>
    `${persons(n)} intervenant dans le programme recevr${n > 1 ? "ont" : "a"} une invitation mise à jour`,
};

/** « 12 personnes recevront une invitation mise à jour ; 2 seront confirmées depuis la liste d’attente ». */
export function describeRehearsal(rehearsed: readonly RehearsedEmails[]): string {
  const parts = rehearsed.map(({ kind, count }) =>
    CONSEQUENCES[kind] ? CONSEQUENCES[kind](count) : `${count}\u00a0courriel${count > 1 ? "s" : ""} (${kind})`,
  );
  if (parts.length === 0) return "";
  const sentence = parts.join("\u00a0; ");
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

export type Confirmable<T> = { done: true; outcome: T } | { done: false; preview: Rehearsal<T> };

/**
 * Applies `change` when it writes to nobody, or when `confirmation` is the fingerprint of the
 * preview the organiser saw and nothing has changed since; otherwise returns the preview to show.
 * Rehearsal and change run in one write transaction, so what is confirmed is what is sent.
 */
export function applyIfConfirmed<T>(db: Db, change: () => T, confirmation: string | undefined): Confirmable<T> {
  return immediate(db, () => {
    const preview = rehearse(db, change);
    if (preview.emails.length > 0 && preview.fingerprint !== confirmation) return { done: false, preview };
    return { done: true, outcome: change() };
  });
}
