import type { Actor, MailingAct } from "#app/domain/shared/actor.ts";
import { db } from "#app/lib/db.server.ts";
import { mailContext } from "#app/lib/mail-context.server.ts";

/** What a route hands a domain command: the app's database and mail settings, who acts, and now. */
export function actBy(actor: Actor): MailingAct {
  return { db: db(), mail: mailContext(), actor, now: new Date() };
}
