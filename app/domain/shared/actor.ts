import type { MailContext } from "#app/domain/shared/mail-context.ts";
import type { Db } from "#app/lib/db.server.ts";

/** Who does something: an organiser (their user id), or the person themselves or the system (null). */
export type Actor = { userId: number | null; ip?: string | null };

/** The system itself: a job, a command-line tool, a rule that runs on its own. */
export const SYSTEM: Actor = { userId: null };

/**
 * One act in the domain: on which database, by whom, and at which instant. Every command takes it
 * first, so the instant an act is recorded at and the person it is recorded for travel together
 * through whatever else the command calls.
 */
export type Act = { db: Db; actor: Actor; now: Date };

/** An act that may also write emails to the outbox. */
export type MailingAct = Act & { mail: MailContext };
