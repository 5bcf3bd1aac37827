import type { MailContext } from "#app/domain/shared/mail-context.ts";
import { parseMailbox } from "./calendar.server.ts";
import { env } from "./env.server.ts";

export function mailContext(): MailContext {
  const config = env();
  return { appUrl: config.appUrl, organiser: parseMailbox(config.mailFrom), secret: config.sessionSecret };
}
