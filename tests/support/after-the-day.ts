import { sessions } from "#db/schema.ts";
import { setEditionStatus } from "#app/domain/editions/admin.server.ts";
import { setPresence } from "#app/domain/registrations/check-in.server.ts";
import { register, type RegistrationInput } from "#app/domain/registrations/registrations.server.ts";
import type { SessionKind } from "#app/domain/shared/vocabulary.ts";
import type { Db } from "#app/lib/db.server.ts";
import { createEdition, ctx, person } from "./fixtures.ts";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const actor = { userId: null };

export type Attendee = { registrationId: number; token: string; input: RegistrationInput };

/**
 * An edition that took place the day before `now`: people registered a month earlier, the
 * programme given by `kinds`, and the first `present` people checked in on the day. It stays
 * published (not yet marked held) so that tests can try the survey before and after.
 */
export function pastEdition(
  db: Db,
  now: Date,
  options: {
    people: Array<string | number>;
    present: number;
    kinds?: SessionKind[];
    overrides?: Partial<RegistrationInput>;
  },
) {
  const registeredAt = new Date(now.getTime() - 30 * DAY);
  const startsAt = new Date(now.getTime() - DAY);
  const edition = createEdition(db, registeredAt, {
    capacity: 100,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 7 * HOUR),
    registrationClosesAt: new Date(startsAt.getTime() - DAY),
  });
  const kinds = options.kinds ?? ["accueil", "conference", "table_ronde", "pause", "table_ronde"];
  const sessionIds = kinds.map(
    (kind, index) =>
      db
        .insert(sessions)
        .values({
          editionId: edition.id,
          kind,
          title: `${kind === "table_ronde" ? "Table ronde" : kind === "conference" ? "Conférence" : "Temps"} ${index + 1}`,
          startsAt: new Date(startsAt.getTime() + index * HOUR),
          endsAt: new Date(startsAt.getTime() + (index + 1) * HOUR),
          position: index + 1,
        })
        .returning({ id: sessions.id })
        .get().id,
  );
  const attendees: Attendee[] = options.people.map((n) => {
    const input = person(n, options.overrides);
    const outcome = register(db, ctx, edition.slug, input, registeredAt);
    if (!("token" in outcome)) throw new Error(`registration of ${n} failed: ${outcome.outcome}`);
    return { registrationId: outcome.registrationId, token: outcome.token, input };
  });
  attendees
    .slice(0, options.present)
    .forEach((attendee) => setPresence({ db, actor, now: startsAt }, edition.id, attendee.registrationId, true));
  return {
    edition,
    sessionIds,
    attendees,
    markHeld: () => setEditionStatus({ db, actor, now }, edition.id, "held"),
  };
}
