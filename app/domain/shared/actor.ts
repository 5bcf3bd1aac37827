/** Who does something: an organiser (their user id), or the person themselves or the system (null). */
export type Actor = { userId: number | null; ip?: string | null };

/** The system itself: a job, a command-line tool, a rule that runs on its own. */
export const SYSTEM: Actor = { userId: null };
