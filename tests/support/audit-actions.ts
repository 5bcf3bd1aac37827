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
