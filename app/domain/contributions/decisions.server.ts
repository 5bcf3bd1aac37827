// The organisers' side: locking editing, accepting into a programme item, declining, and
// sending every decision once, in one batch (speakers become persons of the programme then).
import { randomUUID } from "node:crypto";
import { and, asc, count, eq, inArray, isNull, ne } from "drizzle-orm";
import { contributions, persons, sessionPersons, sessions } from "#db/schema.ts";
import { immediate, type Db } from "#app/lib/db.server.ts";
import { foldText } from "#app/lib/fold.ts";
import { frenchTypography } from "#app/lib/typography.ts";
import { recordAudit } from "#app/domain/shared/audit.server.ts";
import { attachPerson } from "#app/domain/editions/programme.server.ts";
import { emailEdition } from "#app/domain/editions/messages.ts";
import { loadEdition } from "#app/domain/editions/editions.server.ts";
import type { Act, MailingAct } from "#app/domain/shared/actor.ts";
import { SPEAKING_SESSION_KINDS } from "#app/domain/shared/vocabulary.ts";
import {
  acceptedSession,
  contributionUrl,
  currentContributionToken,
  emailContribution,
  emailSession,
  inviteRecipients,
  notifyAboutContribution,
  speakerInvite,
  speakersOf,
  type Contribution,
} from "./messages.server.ts";

/** A refused organiser action; `kind` tells the route which HTTP status answers it. */
export class ContributionError extends Error {
  constructor(
    message: string,
    readonly kind: "not_found" | "conflict" | "invalid" = "conflict",
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

/** A contribution of this edition, or an error: ids from another edition are refused. */
export function contributionOf(db: Db, editionId: number, contributionId: number): Contribution {
  const contribution = db.select().from(contributions).where(eq(contributions.id, contributionId)).get();
  if (!contribution || contribution.editionId !== editionId)
    throw new ContributionError("Contribution introuvable.", "not_found");
  return contribution;
}

/**
 * A contribution of this edition whose decision can still change: until it is sent, the speaker
 * has not been told.
 */
function decidableContribution(db: Db, editionId: number, contributionId: number): Contribution {
  const contribution = contributionOf(db, editionId, contributionId);
  if (contribution.status === "withdrawn") {
    throw new ContributionError("Cette contribution a été retirée par la personne qui l’avait proposée.");
  }
  if (contribution.decisionNotifiedAt) {
    throw new ContributionError("La réponse a déjà été envoyée\u00a0: la décision ne peut plus changer.");
  }
  return contribution;
}

export function setLocked(act: Act, editionId: number, contributionId: number, locked: boolean): void {
  const { db, actor, now } = act;
  immediate(db, () => {
    const contribution = contributionOf(db, editionId, contributionId);
    if (contribution.status === "withdrawn") throw new ContributionError("Cette contribution a été retirée.");
    db.update(contributions)
      .set({ lockedAt: locked ? (contribution.lockedAt ?? now) : null, updatedAt: now })
      .where(eq(contributions.id, contributionId))
      .run();
    recordAudit(db, actor, {
      action: locked ? "contribution.lock" : "contribution.unlock",
      entityType: "contribution",
      entityId: contributionId,
    });
  });
}

// ------------------------------------------------------------ speakers and persons

type SpeakerIdentity = { name: string; role: string | null; organisation: string | null; email: string | null };

/** The person who proposed the contribution first, then the co-speakers in their order. */
function allSpeakers(db: Db, contribution: Contribution): SpeakerIdentity[] {
  return [
    {
      name: contribution.submitterName,
      role: contribution.submitterRole,
      organisation: contribution.submitterOrganisation,
      email: contribution.submitterEmail,
    },
    ...speakersOf(db, contribution.id).map(({ name, role, organisation, email }) => ({
      name,
      role,
      organisation,
      email,
    })),
  ];
}

/** Case-, accent- and spacing-insensitive form of a name or an organisation. */
function identityKey(value: string | null): string {
  return foldText(value ?? "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The person of the programme a speaker already is, if any, so that accepting a contribution
 * never duplicates someone who spoke at this or a past edition. The same name (ignoring case,
 * accents and spacing) is required. Then the same email address settles it, even when the
 * organisation is written differently from one year to the next; failing that, the same
 * organisation settles it when one side has no address (persons added by hand in the
 * back-office have none). The same name with a different address is someone else. When several
 * match, the oldest wins: it is the one organisers have been reusing. The speakers' directory
 * holds a few hundred rows at most, so it is read whole and compared here.
 */
export function findMatchingPerson(db: Db, speaker: SpeakerIdentity): { id: number; email: string | null } | null {
  const name = identityKey(speaker.name);
  const email = speaker.email?.trim().toLowerCase() || null;
  const candidates = db
    .select({ id: persons.id, name: persons.name, organisation: persons.organisation, email: persons.email })
    .from(persons)
    .orderBy(asc(persons.id))
    .all()
    .filter((person) => identityKey(person.name) === name);
  const byEmail = email ? candidates.find((person) => person.email?.trim().toLowerCase() === email) : undefined;
  if (byEmail) return { id: byEmail.id, email: byEmail.email };
  const byOrganisation = candidates.find(
    (person) => identityKey(person.organisation) === identityKey(speaker.organisation) && (!person.email || !email),
  );
  return byOrganisation ? { id: byOrganisation.id, email: byOrganisation.email } : null;
}

/** Puts a speaker on a programme item as « intervenant », reusing their person when they have one. */
function placeSpeaker(act: Act, editionId: number, sessionId: number, speaker: SpeakerIdentity): void {
  const { db } = act;
  const match = findMatchingPerson(db, speaker);
  if (match) {
    // The address stays private; keeping it makes the next match exact.
    if (!match.email && speaker.email)
      db.update(persons).set({ email: speaker.email }).where(eq(persons.id, match.id)).run();
    const already = db
      .select({ personId: sessionPersons.personId })
      .from(sessionPersons)
      .where(and(eq(sessionPersons.sessionId, sessionId), eq(sessionPersons.personId, match.id)))
      .get();
    if (already) return;
    attachPerson(act, editionId, sessionId, { personId: match.id }, "intervenant");
    return;
  }
  attachPerson(
    act,
    editionId,
    sessionId,
    { create: { name: speaker.name, role: speaker.role, organisation: speaker.organisation, email: speaker.email } },
    "intervenant",
  );
}

/**
 * Takes a contribution's speakers off a programme item (its acceptance moved elsewhere, was
 * replaced by a refusal, or the contribution was withdrawn). Only their « intervenant » places
 * go, and not those of a speaker who is also there through another accepted contribution.
 */
export function detachSpeakers(act: Act, contribution: Contribution, sessionId: number): void {
  const { db, actor } = act;
  const others = db
    .select()
    .from(contributions)
    .where(
      and(
        eq(contributions.acceptedSessionId, sessionId),
        eq(contributions.status, "accepted"),
        ne(contributions.id, contribution.id),
      ),
    )
    .all();
  const keep = new Set(
    others.flatMap((other) => allSpeakers(db, other).map((speaker) => findMatchingPerson(db, speaker)?.id ?? 0)),
  );
  for (const speaker of allSpeakers(db, contribution)) {
    const match = findMatchingPerson(db, speaker);
    if (!match || keep.has(match.id)) continue;
    const removed = db
      .delete(sessionPersons)
      .where(
        and(
          eq(sessionPersons.sessionId, sessionId),
          eq(sessionPersons.personId, match.id),
          eq(sessionPersons.role, "intervenant"),
        ),
      )
      .run().changes;
    if (removed > 0) {
      recordAudit(db, actor, {
        action: "session.person_remove",
        entityType: "session",
        entityId: sessionId,
        details: { personId: match.id, contribution: contribution.id },
      });
    }
  }
}

// ------------------------------------------------------------ decisions

/**
 * Accepts a contribution into a programme item of its edition. Nothing public changes yet: the
 * speakers join the programme when « Notifier toutes les décisions » writes their email, so the
 * website never announces a decision the speaker has not been sent (docs/lifecycle.md).
 */
export function acceptContribution(
  act: Act,
  editionId: number,
  contributionId: number,
  decision: { sessionId: number; message: string | null },
): void {
  const { db, actor, now } = act;
  immediate(db, () => {
    const contribution = decidableContribution(db, editionId, contributionId);
    const session = db.select().from(sessions).where(eq(sessions.id, decision.sessionId)).get();
    if (!session || session.editionId !== editionId) {
      throw new ContributionError("Choisissez une séquence du programme de cette édition.", "invalid", "sessionId");
    }
    if (!SPEAKING_SESSION_KINDS.includes(session.kind)) {
      throw new ContributionError(
        "Choisissez une séquence où l’on prend la parole (pas un accueil, une pause ni un déjeuner).",
        "invalid",
        "sessionId",
      );
    }
    if (
      contribution.status === "accepted" &&
      contribution.acceptedSessionId &&
      contribution.acceptedSessionId !== session.id
    ) {
      detachSpeakers(act, contribution, contribution.acceptedSessionId);
    }
    db.update(contributions)
      .set({
        status: "accepted",
        acceptedSessionId: session.id,
        decisionMessage: decision.message ? frenchTypography(decision.message) : null,
        decidedAt: now,
        updatedAt: now,
      })
      .where(eq(contributions.id, contributionId))
      .run();
    recordAudit(db, actor, {
      action: "contribution.accept",
      entityType: "contribution",
      entityId: contributionId,
      details: { session: session.title },
    });
  });
}

/** Declines a contribution with the organisers' message; the email waits for « Notifier toutes les décisions ». */
export function declineContribution(
  act: Act,
  editionId: number,
  contributionId: number,
  decision: { message: string },
): void {
  const { db, actor, now } = act;
  immediate(db, () => {
    const contribution = decidableContribution(db, editionId, contributionId);
    if (!decision.message.trim())
      throw new ContributionError("Écrivez le message qui accompagnera la réponse.", "invalid", "message");
    if (contribution.status === "accepted" && contribution.acceptedSessionId) {
      detachSpeakers(act, contribution, contribution.acceptedSessionId);
    }
    db.update(contributions)
      .set({
        status: "declined",
        acceptedSessionId: null,
        decisionMessage: frenchTypography(decision.message),
        decidedAt: now,
        updatedAt: now,
      })
      .where(eq(contributions.id, contributionId))
      .run();
    recordAudit(db, actor, { action: "contribution.decline", entityType: "contribution", entityId: contributionId });
  });
}

/** Decisions taken and not sent yet. */
export function pendingDecisionCount(db: Db, editionId: number): number {
  return db.select({ n: count() }).from(contributions).where(decisionNotSent(editionId)).get()!.n;
}

function decisionNotSent(editionId: number) {
  return and(
    eq(contributions.editionId, editionId),
    inArray(contributions.status, ["accepted", "declined"]),
    isNull(contributions.decisionNotifiedAt),
  );
}

export type NotifyReport = { notified: number; emails: number; skipped: number; batchId: string | null };

/**
 * « Notifier toutes les décisions »: every decision of the edition not sent yet goes to the
 * outbox in one transaction and one batch. Accepted speakers are put on their programme item
 * in that same transaction, so the public programme shows them exactly when their email is
 * written. Acceptances go with the programme item and an invite
 * (METHOD:REQUEST, the contribution's UID, SEQUENCE from `invite_sequence`), refusals with the
 * organisers' message. `decision_notified_at` marks each one sent, and each email carries a
 * dedupe key, so a second click, or two organisers clicking at once, sends nothing twice.
 * An acceptance whose programme item was deleted since is left for the organisers to redo.
 */
export function notifyDecisions(act: MailingAct, editionId: number): NotifyReport {
  const { db, mail, actor, now } = act;
  return immediate(db, () => {
    const due = db.select().from(contributions).where(decisionNotSent(editionId)).orderBy(asc(contributions.id)).all();
    if (due.length === 0) return { notified: 0, emails: 0, skipped: 0, batchId: null };
    const { edition, venue } = loadEdition(db, editionId);
    const mailEdition = emailEdition(mail, edition, venue);
    const batchId = randomUUID();
    let notified = 0;
    let emails = 0;
    let skipped = 0;
    for (const contribution of due) {
      const link = contributionUrl(mail, currentContributionToken(db, mail, contribution));
      if (contribution.status === "accepted") {
        const session = acceptedSession(db, contribution);
        if (!session) {
          skipped++;
          continue;
        }
        for (const speaker of allSpeakers(db, contribution)) placeSpeaker(act, editionId, session.id, speaker);
        for (const recipient of inviteRecipients(db, contribution)) {
          const own = recipient.speakerId === null;
          const written = notifyAboutContribution(
            db,
            contribution,
            recipient,
            {
              email: {
                template: "contribution.accepted",
                props: {
                  edition: mailEdition,
                  speaker: { name: recipient.name },
                  contribution: emailContribution(contribution),
                  session: emailSession(edition, session),
                  message: contribution.decisionMessage,
                  manageUrl: own ? link : null,
                  ...(own ? {} : { proposedBy: contribution.submitterName }),
                },
              },
              invite: speakerInvite(mail, edition, venue, session, contribution, own ? link : null),
              dedupeKey: `contribution-decision:${contribution.id}:${recipient.speakerId ?? "submitter"}`,
              batchId,
            },
            now,
          );
          if (written) emails++;
        }
      } else {
        const written = notifyAboutContribution(
          db,
          contribution,
          { name: contribution.submitterName, email: contribution.submitterEmail },
          {
            email: {
              template: "contribution.declined",
              props: {
                edition: mailEdition,
                speaker: { name: contribution.submitterName },
                contribution: emailContribution(contribution),
                message: contribution.decisionMessage ?? "",
                manageUrl: link,
              },
            },
            dedupeKey: `contribution-decision:${contribution.id}:submitter`,
            batchId,
          },
          now,
        );
        if (written) emails++;
      }
      db.update(contributions).set({ decisionNotifiedAt: now }).where(eq(contributions.id, contribution.id)).run();
      notified++;
    }
    recordAudit(db, actor, {
      action: "contribution.notify",
      entityType: "edition",
      entityId: editionId,
      details: { notified, recipients: emails },
    });
    return { notified, emails, skipped, batchId: notified > 0 ? batchId : null };
  });
}
