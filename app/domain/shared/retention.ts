// How long each kind of personal data is kept, where the code decides it. The privacy page reads
// these very constants (and `RETENTION_MONTHS`, `BACKUP_MAX_AGE_DAYS` from the environment), so
// what it tells people cannot drift from what the purge does.

/** A directory correction request is deleted this many days after an organiser marked it handled. */
export const HANDLED_CORRECTION_DAYS = 30;

/**
 * An erased person's cancellation (METHOD:CANCEL) that no worker managed to send within this time
 * is given up and blanked by the next purge.
 */
export const ERASURE_SEND_GRACE_HOURS = 24;

/** The app runs the purge at startup and then this often. */
export const PURGE_INTERVAL_HOURS = 24;

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
