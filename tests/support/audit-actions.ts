/** What the journal records about user accounts, from the invitation to a password change. */
export const USER_ACCOUNT_ACTIONS = [
  "user.invite",
  "user.update",
  "user.deactivate",
  "user.reactivate",
  "user.password_reset",
  "user.password_set",
  "user.password_change",
] as const;

/** What else the journal records: sign-ins, cancellations, edition and venue changes, resent emails. */
export const OTHER_AUDIT_ACTIONS = [
  "auth.login",
  "auth.login_failed",
  "auth.logout",
  "registration.cancel",
  "edition.capacity",
  "edition.logistics",
  "edition.cancel",
  "venue.update",
  "email.resend",
] as const;
