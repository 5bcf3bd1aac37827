import { and, eq, gt, lte, sql } from "drizzle-orm";
import { editions, emails, registrations } from "#db/schema.ts";
import { immediate, type Db } from "#app/lib/db.server.ts";
import type { MailContext } from "#app/domain/shared/mail-context.ts";
import { registrationsOf } from "./queries.server.ts";
import { currentPrivateToken, emailPerson, manageUrl, notifyRegistrant } from "./messages.server.ts";
import { emailEdition } from "#app/domain/editions/messages.ts";
import { loadEdition } from "#app/domain/editions/editions.server.ts";

const DAY = 86_400_000;

/**
 * Writes the reminders that are due: 7 days before (to people confirmed before that point) and
 * 1 day before (to everyone confirmed). Each has a dedupe key, so however often this runs and
 * however many workers run it, a person gets each reminder once.
 */
export function scheduleReminders(db: Db, mail: MailContext, now: Date = new Date()): number {
  const soon = db
    .select({ id: editions.id, startsAt: editions.startsAt })
    .from(editions)
    .where(
      and(
        eq(editions.status, "published"),
        gt(editions.startsAt, now),
        lte(editions.startsAt, new Date(now.getTime() + 7 * DAY)),
      ),
    )
    .all();
  let written = 0;
  for (const { id, startsAt } of soon) {
    const daysBefore: 7 | 1 = startsAt.getTime() - now.getTime() <= DAY ? 1 : 7;
    const key = (registrationId: number) => `reminder:${daysBefore}d:${registrationId}`;
    const sevenDaysBefore = new Date(startsAt.getTime() - 7 * DAY);
    written += immediate(db, () => {
      const due = registrationsOf(
        db,
        id,
        eq(registrations.status, "confirmed"),
        daysBefore === 7 ? lte(registrations.confirmedAt, sevenDaysBefore) : undefined,
        sql`not exists (select 1 from ${emails} where ${emails.dedupeKey} = ${`reminder:${daysBefore}d:`} || ${registrations.id})`,
      );
      if (due.length === 0) return 0;
      let count = 0;
      const { edition, venue } = loadEdition(db, id);
      for (const registration of due) {
        const emailId = notifyRegistrant(
          db,
          registration,
          {
            kind: `reminder.${daysBefore}d`,
            email: {
              template: "registration.reminder",
              props: {
                edition: emailEdition(mail, edition, venue),
                person: emailPerson(registration),
                manageUrl: manageUrl(mail, currentPrivateToken(db, mail, registration)),
                daysBefore,
              },
            },
            dedupeKey: key(registration.id),
          },
          now,
        );
        if (emailId !== null) count++;
      }
      return count;
    });
  }
  return written;
}
