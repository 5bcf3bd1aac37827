import type { Party } from "#app/lib/calendar.server.ts";

/** What the registration rules need to write emails: where links point, who sends invites, the link secret. */
export type MailContext = {
  appUrl: string;
  organiser: Party;
  secret: string;
};
