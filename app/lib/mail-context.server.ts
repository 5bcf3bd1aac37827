import type { MailContext } from "../domain/registrations/context";
import { parseMailbox } from "./calendar.server";
import { env } from "./env.server";

export function mailContext(): MailContext {
  const config = env();
  return { appUrl: config.appUrl, organiser: parseMailbox(config.mailFrom), secret: config.sessionSecret };
}
