// Turns contributions into outbox rows: private links, speakers' invites, and the updated
// invites sent when an accepted contribution's programme item moves.
import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import { contributions, contributionSpeakers, sessions, users } from "#db/schema.ts";
import type { EmailContribution, EmailSession } from "#emails/contribution.tsx";
import type { CalendarEvent } from "#app/lib/calendar.server.ts";
import type { Db } from "#app/lib/db.server.ts";
import { formatTime, parisDateString, parisTimeString, parisWallTimeToUtc } from "#app/lib/time.ts";
import { frenchTypography } from "#app/lib/typography.ts";
import { notify, type Invite, type Notification } from "#app/domain/shared/notifications.server.ts";
import type { MailContext } from "#app/domain/shared/mail-context.ts";
import { editionUrl, emailEdition, venueText } from "#app/domain/editions/messages.ts";
import { loadEdition, type Edition, type Venue } from "#app/domain/editions/editions.server.ts";
import { currentOrReissuedToken } from "#app/domain/shared/private-links.server.ts";
import { CONTRIBUTION_FORMAT_LABELS } from "#app/domain/shared/vocabulary.ts";

export type Contribution = typeof contributions.$inferSelect;
export type ContributionSpeaker = typeof contributionSpeakers.$inferSelect;
export type Session = typeof sessions.$inferSelect;

/** A mail context, or a way to build one only when an email is actually written. */
export type LazyMailContext = MailContext | (() => MailContext);

export function contributionUrl(mail: MailContext, token: string): string {
  return `${mail.appUrl}/contribution/${token}`;
}

export function adminContributionUrl(mail: MailContext, contribution: Pick<Contribution, "id" | "editionId">): string {
  return `${mail.appUrl}/admin/editions/${contribution.editionId}/contributions/${contribution.id}`;
}

export function emailContribution(contribution: Pick<Contribution, "title" | "format">): EmailContribution {
  return { title: contribution.title, formatLabel: CONTRIBUTION_FORMAT_LABELS[contribution.format] };
}

export function speakersOf(db: Db, contributionId: number): ContributionSpeaker[] {
  return db
    .select()
    .from(contributionSpeakers)
    .where(eq(contributionSpeakers.contributionId, contributionId))
    .orderBy(asc(contributionSpeakers.position))
    .all();
}

/**
 * When a speaker stands on the stage. A programme item is a wall-clock time on the edition's
 * day (the programme form only edits times); when the edition moves to another day its items'
 * stored instants stay on the old day until someone edits them, so the day is taken from the
 * edition and the time from the item.
 */
export function sessionSchedule(
  edition: Pick<Edition, "startsAt">,
  session: Pick<Session, "startsAt" | "endsAt">,
): { startsAt: Date; endsAt: Date } {
  const day = parisDateString(edition.startsAt);
  const startsAt = parisWallTimeToUtc(day, parisTimeString(session.startsAt)) ?? session.startsAt;
  const endsAt = parisWallTimeToUtc(day, parisTimeString(session.endsAt)) ?? session.endsAt;
  return endsAt > startsAt ? { startsAt, endsAt } : { startsAt: session.startsAt, endsAt: session.endsAt };
}

export function emailSession(edition: Edition, session: Session): EmailSession {
  return { title: session.title, room: session.room, ...sessionSchedule(edition, session) };
}

/** UID of a contribution's calendar event: the same for every invite, update and cancel, whoever receives it. */
export function contributionUid(mail: MailContext, contributionId: number): string {
  return `cts-contribution-${contributionId}@${new URL(mail.appUrl).hostname}`;
}

export type InviteRecipient = { name: string; email: string; speakerId: number | null };

/**
 * Who holds the invite of an accepted contribution: the person who proposed it, and each
 * co-speaker who gave an address (once per address).
 */
export function inviteRecipients(db: Db, contribution: Contribution): InviteRecipient[] {
  const recipients: InviteRecipient[] = [
    { name: contribution.submitterName, email: contribution.submitterEmail, speakerId: null },
  ];
  const seen = new Set([contribution.submitterEmail.toLowerCase()]);
  for (const speaker of speakersOf(db, contribution.id)) {
    if (!speaker.email || seen.has(speaker.email.toLowerCase())) continue;
    seen.add(speaker.email.toLowerCase());
    recipients.push({ name: speaker.name, email: speaker.email, speakerId: speaker.id });
  }
  return recipients;
}

/** The programme item an accepted contribution is in: null otherwise, or when that item was deleted since. */
export function acceptedSession(db: Db, contribution: Contribution): Session | null {
  if (contribution.status !== "accepted" || !contribution.acceptedSessionId) return null;
  return db.select().from(sessions).where(eq(sessions.id, contribution.acceptedSessionId)).get() ?? null;
}

/**
 * The invite of an accepted contribution, the same event for each of its speakers: as the
 * speakers hold it now, or, with `update`, the one that replaces or cancels it.
 */
export function speakerInvite(
  mail: MailContext,
  edition: Edition,
  venue: Venue | null,
  session: Session,
  contribution: Contribution,
  link: string | null,
  update: { method: "REQUEST" | "CANCEL"; sequence: number } = {
    method: "REQUEST",
    sequence: contribution.inviteSequence,
  },
): Invite {
  const { method, sequence } = update;
  const lines = [
    `Votre intervention « ${contribution.title} » dans la séquence « ${session.title} » de la coordination territoriale du SIAO 95 : ${edition.title}.`,
    session.room ? `Salle : ${session.room}` : "",
    `Programme : ${editionUrl(mail, edition)}`,
    link ? `Votre contribution : ${link}` : "",
  ].filter(Boolean);
  const event: CalendarEvent = {
    uid: contributionUid(mail, contribution.id),
    sequence,
    title: frenchTypography(`CTS SIAO 95 — Intervention : ${session.title}`),
    description: frenchTypography(lines.join("\n")),
    location: venueText(venue),
    ...sessionSchedule(edition, session),
    url: editionUrl(mail, edition),
  };
  return { method, event, organiser: mail.organiser };
}

/**
 * Every email about a contribution, to a speaker or to an organiser: filed under the
 * contribution, which is how erasing the contribution finds it.
 */
export function notifyAboutContribution(
  db: Db,
  contribution: Pick<Contribution, "id" | "editionId">,
  to: { name: string; email: string },
  notification: Omit<Notification, "to" | "editionId" | "contributionId">,
  now: Date,
): number | null {
  return notify(
    db,
    {
      ...notification,
      to: { address: to.email, name: to.name },
      editionId: contribution.editionId,
      contributionId: contribution.id,
    },
    now,
  );
}

/**
 * The private link of a contribution, for an email sent after the first one. When the secret
 * changed since the token was sealed, a new token replaces it (the old link stops working).
 */
export function currentContributionToken(db: Db, mail: MailContext, contribution: Contribution): string {
  return currentOrReissuedToken(mail, contribution, ({ tokenHash, tokenSealed }) =>
    db.update(contributions).set({ tokenHash, tokenSealed }).where(eq(contributions.id, contribution.id)).run(),
  );
}

/** Active accounts that run editions: they are told when an accepted contribution is withdrawn. */
export function organiserRecipients(db: Db): Array<{ name: string; email: string }> {
  return db
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(and(inArray(users.role, ["admin", "organiser"]), eq(users.active, true)))
    .orderBy(asc(users.id))
    .all();
}

/** Sentences telling a speaker what changed in their programme item, or none when the invite would look the same. */
export function describeSessionChanges(before: Session, after: Session): string[] {
  const changes: string[] = [];
  if (before.title !== after.title) changes.push(`Séquence : « ${after.title} » (au lieu de « ${before.title} »)`);
  const was = `${formatTime(before.startsAt)}–${formatTime(before.endsAt)}`;
  const now = `${formatTime(after.startsAt)}–${formatTime(after.endsAt)}`;
  if (was !== now) changes.push(`Horaires : ${now} (au lieu de ${was})`);
  if ((before.room ?? "") !== (after.room ?? "")) changes.push(`Salle : ${after.room ?? "à préciser"}`);
  return changes.map(frenchTypography);
}

/**
 * Sends the speakers of accepted contributions whose decision has gone out an updated invite
 * (same UID, SEQUENCE + 1) and a note of what changed, inside the caller's transaction. Called
 * when a programme item moves and when the edition's title, date, times or venue change.
 * Returns how many emails were written.
 */
export function updateSpeakerInvites(
  db: Db,
  mail: LazyMailContext,
  scope: { sessionId: number } | { editionId: number },
  changes: string[],
  now: Date,
): number {
  // The edition's opening hours are not a speaker's: their invite keeps their item's times.
  const relevant = "editionId" in scope ? changes.filter((change) => !change.startsWith("Horaires")) : changes;
  if (relevant.length === 0) return 0;
  const accepted = db
    .select()
    .from(contributions)
    .where(
      and(
        eq(contributions.status, "accepted"),
        isNotNull(contributions.decisionNotifiedAt),
        isNotNull(contributions.acceptedSessionId),
        "sessionId" in scope
          ? eq(contributions.acceptedSessionId, scope.sessionId)
          : eq(contributions.editionId, scope.editionId),
      ),
    )
    .all();
  if (accepted.length === 0) return 0;
  const context = typeof mail === "function" ? mail() : mail;
  let written = 0;
  for (const contribution of accepted) {
    const { edition, venue } = loadEdition(db, contribution.editionId);
    if (edition.status === "cancelled") continue;
    const session = acceptedSession(db, contribution);
    if (!session) continue;
    const sequence = contribution.inviteSequence + 1;
    db.update(contributions).set({ inviteSequence: sequence }).where(eq(contributions.id, contribution.id)).run();
    const link = contributionUrl(context, currentContributionToken(db, context, contribution));
    for (const recipient of inviteRecipients(db, contribution)) {
      const own = recipient.speakerId === null ? link : null;
      notifyAboutContribution(
        db,
        contribution,
        recipient,
        {
          email: {
            template: "contribution.session_changed",
            props: {
              edition: emailEdition(context, edition, venue),
              speaker: { name: recipient.name },
              contribution: emailContribution(contribution),
              session: emailSession(edition, session),
              changes: relevant,
              manageUrl: own,
            },
          },
          invite: speakerInvite(context, edition, venue, session, contribution, own, { method: "REQUEST", sequence }),
        },
        now,
      );
      written++;
    }
  }
  return written;
}
