// The speaker's side of the call for contributions: the window, submitting, and what the
// private link allows (reading, editing while allowed, withdrawing).
import { and, eq } from "drizzle-orm";
import { contributions, contributionSpeakers, sessions } from "#db/schema.ts";
import { abstractTooLongMessage, CO_SPEAKER_MAX } from "#app/forms/contribution.ts";
import { immediate, type Db } from "#app/lib/db.server.ts";
import { frenchTypography } from "#app/lib/typography.ts";
import { recordAudit } from "#app/domain/shared/audit.server.ts";
import { findPublicEdition, programmeOrder, type Edition } from "#app/domain/editions/editions.server.ts";
import type { MailContext } from "#app/domain/shared/mail-context.ts";
import { inviteFile } from "#app/domain/shared/notifications.server.ts";
import { emailEdition } from "#app/domain/editions/messages.ts";
import { loadEdition } from "#app/domain/editions/editions.server.ts";
import { publicEditionSummary } from "#app/domain/editions/public-summary.ts";
import { findByPrivateToken, newPrivateToken } from "#app/domain/shared/private-links.server.ts";
import type { Actor, MailingAct } from "#app/domain/shared/actor.ts";
import type { ContributionFormat } from "#app/domain/shared/vocabulary.ts";
import { detachSpeakers } from "./decisions.server.ts";
import {
  acceptedSession,
  adminContributionUrl,
  contributionUrl,
  emailContribution,
  inviteRecipients,
  notifyAboutContribution,
  organiserRecipients,
  sessionSchedule,
  speakerInvite,
  speakersOf,
  type Contribution,
} from "./messages.server.ts";

export type SpeakerInput = { name: string; role: string | null; organisation: string | null; email: string | null };

/** What a speaker writes, and may change later from their private page. */
export type ContributionDetails = {
  name: string;
  role: string | null;
  organisation: string | null;
  coSpeakers: SpeakerInput[];
  title: string;
  abstract: string;
  format: ContributionFormat;
  wishedSessionId: number | null;
  availability: string | null;
};

export type ContributionInput = ContributionDetails & { email: string };

export type ContributionWindow =
  | { state: "open"; closesAt: Date }
  | { state: "not_yet_open"; opensAt: Date }
  | { state: "closed"; reason: "window_over" | "edition_over" | "cancelled" | "not_planned" };

export type ContributionClosedReason =
  "not_found" | "not_yet_open" | Extract<ContributionWindow, { state: "closed" }>["reason"];

/**
 * Whether the call for contributions takes proposals now, and why not. Without a closing date
 * the call ends when the edition starts.
 */
export function contributionWindow(
  edition: Pick<Edition, "status" | "startsAt" | "endsAt" | "contributionsOpensAt" | "contributionsClosesAt">,
  now: Date = new Date(),
): ContributionWindow {
  if (edition.status === "cancelled") return { state: "closed", reason: "cancelled" };
  if (edition.status !== "published" || edition.endsAt <= now) return { state: "closed", reason: "edition_over" };
  if (!edition.contributionsOpensAt && !edition.contributionsClosesAt)
    return { state: "closed", reason: "not_planned" };
  if (edition.contributionsOpensAt && now < edition.contributionsOpensAt) {
    return { state: "not_yet_open", opensAt: edition.contributionsOpensAt };
  }
  const closesAt = edition.contributionsClosesAt ?? edition.startsAt;
  if (now >= closesAt) return { state: "closed", reason: "window_over" };
  return { state: "open", closesAt };
}

/** The tables rondes a speaker may wish to join: the edition's programme items of that kind, in programme order. */
export function tablesRondes(
  db: Db,
  editionId: number,
): Array<{ id: number; title: string; startsAt: Date; endsAt: Date }> {
  return db
    .select({ id: sessions.id, title: sessions.title, startsAt: sessions.startsAt, endsAt: sessions.endsAt })
    .from(sessions)
    .where(and(eq(sessions.editionId, editionId), eq(sessions.kind, "table_ronde")))
    .orderBy(...programmeOrder)
    .all();
}

export type InvalidField = { field: "wishedSessionId" | "abstract" | "coSpeakers"; message: string };

/** Rules the form cannot check alone (the wished session belongs to this edition), and the form's own limits again. */
function checkDetails(db: Db, editionId: number, input: ContributionDetails): InvalidField | null {
  if (
    input.wishedSessionId !== null &&
    !tablesRondes(db, editionId).some((session) => session.id === input.wishedSessionId)
  ) {
    return { field: "wishedSessionId", message: "Choisissez une table ronde de cette édition dans la liste." };
  }
  const tooLong = abstractTooLongMessage(input.abstract);
  if (tooLong) return { field: "abstract", message: tooLong };
  if (input.coSpeakers.length > CO_SPEAKER_MAX) {
    return { field: "coSpeakers", message: `${CO_SPEAKER_MAX}\u00a0co-intervenants au maximum.` };
  }
  return null;
}

/** Texts shown on public and back-office pages get French spacing once, when they are stored. */
function storedDetails(input: ContributionDetails) {
  return {
    submitterName: input.name,
    submitterRole: input.role ? frenchTypography(input.role) : null,
    submitterOrganisation: input.organisation,
    title: frenchTypography(input.title),
    abstract: frenchTypography(input.abstract),
    format: input.format,
    wishedSessionId: input.wishedSessionId,
    availability: input.availability ? frenchTypography(input.availability) : null,
  };
}

function replaceSpeakers(db: Db, contributionId: number, speakers: SpeakerInput[]): void {
  db.delete(contributionSpeakers).where(eq(contributionSpeakers.contributionId, contributionId)).run();
  speakers.forEach((speaker, index) => {
    db.insert(contributionSpeakers)
      .values({
        contributionId,
        name: speaker.name,
        role: speaker.role ? frenchTypography(speaker.role) : null,
        organisation: speaker.organisation,
        email: speaker.email,
        position: index + 1,
      })
      .run();
  });
}

export type SubmitOutcome =
  | { outcome: "submitted"; contributionId: number; token: string }
  | { outcome: "closed"; reason: ContributionClosedReason }
  | ({ outcome: "invalid" } & InvalidField);

/**
 * Records a proposal and writes its acknowledgement (with the private link) to the outbox, in
 * one transaction. Several proposals from one address are fine: people propose more than one.
 */
export function submitContribution(
  db: Db,
  mail: MailContext,
  editionSlug: string,
  input: ContributionInput,
  now: Date = new Date(),
): SubmitOutcome {
  return immediate(db, () => {
    const found = findPublicEdition(db, editionSlug);
    if (!found) return { outcome: "closed", reason: "not_found" } as const;
    const { edition, venue } = found;
    const window = contributionWindow(edition, now);
    if (window.state === "not_yet_open") return { outcome: "closed", reason: "not_yet_open" } as const;
    if (window.state === "closed") return { outcome: "closed", reason: window.reason } as const;
    const invalid = checkDetails(db, edition.id, input);
    if (invalid) return { outcome: "invalid", ...invalid } as const;

    const { token, tokenHash, tokenSealed } = newPrivateToken(mail);
    const contribution = db
      .insert(contributions)
      .values({
        editionId: edition.id,
        ...storedDetails(input),
        submitterEmail: input.email.trim(),
        status: "submitted",
        tokenHash,
        tokenSealed,
        consentAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    replaceSpeakers(db, contribution.id, input.coSpeakers);
    notifyAboutContribution(
      db,
      contribution,
      { name: contribution.submitterName, email: contribution.submitterEmail },
      {
        email: {
          template: "contribution.received",
          props: {
            edition: emailEdition(mail, edition, venue),
            speaker: { name: contribution.submitterName },
            contribution: emailContribution(contribution),
            manageUrl: contributionUrl(mail, token),
            editableUntil: window.closesAt,
          },
        },
      },
      now,
    );
    return { outcome: "submitted", contributionId: contribution.id, token };
  });
}

/** The contribution behind a private link, or null for anything that is not a live token. */
export function findContributionByToken(db: Db, token: string): Contribution | null {
  return findByPrivateToken(token, (tokenHash) =>
    db.select().from(contributions).where(eq(contributions.tokenHash, tokenHash)).get(),
  );
}

export type SpeakerRights = {
  editable: boolean;
  withdrawable: boolean;
  reason: "locked" | "closed" | "decided" | "withdrawn" | null;
};

/**
 * What the private link allows now. Editing: while the proposal awaits a decision, the call is
 * open and the organisers have not locked it. Withdrawing: until the edition is over, unless
 * the answer was no (there is nothing left to withdraw).
 */
export function speakerRights(contribution: Contribution, edition: Edition, now: Date = new Date()): SpeakerRights {
  const over = edition.endsAt <= now || edition.status === "cancelled";
  const withdrawable = !over && (contribution.status === "submitted" || contribution.status === "accepted");
  if (contribution.status === "withdrawn") return { editable: false, withdrawable: false, reason: "withdrawn" };
  if (contribution.status !== "submitted") return { editable: false, withdrawable, reason: "decided" };
  if (contribution.lockedAt) return { editable: false, withdrawable, reason: "locked" };
  if (contributionWindow(edition, now).state !== "open") return { editable: false, withdrawable, reason: "closed" };
  return { editable: true, withdrawable, reason: null };
}

/** A speaker's action on the contribution of their private link, in one transaction. */
function onOwnContribution<T>(
  db: Db,
  token: string,
  act: (contribution: Contribution) => T,
): T | { outcome: "not_found" } {
  return immediate(db, () => {
    const contribution = findContributionByToken(db, token);
    return contribution ? act(contribution) : { outcome: "not_found" as const };
  });
}

export type EditOutcome =
  | { outcome: "saved" }
  | { outcome: "not_found" }
  | { outcome: "refused"; reason: NonNullable<SpeakerRights["reason"]> }
  | ({ outcome: "invalid" } & InvalidField);

/**
 * Changes from the private page. The contribution is the one of the token, never an id from
 * the form; the email address is the identity of the proposal and stays.
 */
export function updateOwnContribution(
  db: Db,
  token: string,
  input: ContributionDetails,
  now: Date = new Date(),
): EditOutcome {
  return onOwnContribution(db, token, (contribution): EditOutcome => {
    const { edition } = loadEdition(db, contribution.editionId);
    const rights = speakerRights(contribution, edition, now);
    if (!rights.editable) return { outcome: "refused", reason: rights.reason ?? "closed" } as const;
    const invalid = checkDetails(db, edition.id, input);
    if (invalid) return { outcome: "invalid", ...invalid } as const;
    db.update(contributions)
      .set({ ...storedDetails(input), updatedAt: now })
      .where(eq(contributions.id, contribution.id))
      .run();
    replaceSpeakers(db, contribution.id, input.coSpeakers);
    return { outcome: "saved" };
  });
}

export type WithdrawOutcome =
  { outcome: "withdrawn"; wasAccepted: boolean } | { outcome: "not_found" } | { outcome: "refused" };

/** Withdrawal from the private page, after the confirmation step. */
export function withdrawOwnContribution(act: MailingAct, token: string): WithdrawOutcome {
  const { db, mail, actor, now } = act;
  return onOwnContribution(db, token, (contribution) => withdrawContribution(db, mail, contribution, actor, now));
}

/**
 * Withdraws a contribution. An accepted one leaves the public programme (its speakers are
 * detached from the session); those who received its invite get a METHOD:CANCEL for the same
 * UID with a higher SEQUENCE; the organisers are told by email. All in the caller's transaction.
 */
function withdrawContribution(
  db: Db,
  mail: MailContext,
  contribution: Contribution,
  actor: Actor,
  now: Date,
): WithdrawOutcome {
  const { edition, venue } = loadEdition(db, contribution.editionId);
  if (!speakerRights(contribution, edition, now).withdrawable) return { outcome: "refused" };
  const wasAccepted = contribution.status === "accepted";
  const session = acceptedSession(db, contribution);
  const inviteSent = wasAccepted && contribution.decisionNotifiedAt !== null && session !== null;
  const sequence = contribution.inviteSequence + (inviteSent ? 1 : 0);
  if (session) detachSpeakers({ db, actor, now }, contribution, session.id);
  db.update(contributions)
    .set({ status: "withdrawn", inviteSequence: sequence, updatedAt: now })
    .where(eq(contributions.id, contribution.id))
    .run();

  const mailEdition = emailEdition(mail, edition, venue);
  // Co-speakers only hear about it when they were told of the acceptance in the first place.
  const recipients = inviteSent ? inviteRecipients(db, contribution) : inviteRecipients(db, contribution).slice(0, 1);
  for (const recipient of recipients) {
    notifyAboutContribution(
      db,
      contribution,
      recipient,
      {
        email: {
          template: "contribution.withdrawn",
          props: {
            edition: mailEdition,
            speaker: { name: recipient.name },
            contribution: emailContribution(contribution),
            removesInvite: inviteSent,
            ...(recipient.speakerId === null ? {} : { withdrawnBy: contribution.submitterName }),
          },
        },
        invite: inviteSent
          ? speakerInvite(mail, edition, venue, session!, contribution, null, { method: "CANCEL", sequence })
          : null,
      },
      now,
    );
  }
  if (wasAccepted) {
    for (const organiser of organiserRecipients(db)) {
      notifyAboutContribution(
        db,
        contribution,
        organiser,
        {
          email: {
            template: "contribution.withdrawn_organisers",
            props: {
              edition: mailEdition,
              contribution: emailContribution(contribution),
              submitterName: contribution.submitterName,
              sessionTitle: session?.title ?? null,
              adminUrl: adminContributionUrl(mail, contribution),
            },
          },
        },
        now,
      );
    }
  }
  recordAudit(db, actor, {
    action: "contribution.withdraw",
    entityType: "contribution",
    entityId: contribution.id,
    details: { by: actor.userId ? "organiser" : "speaker", from: contribution.status },
  });
  return { outcome: "withdrawn", wasAccepted };
}

/** The status a speaker sees: a decision shows once it has been sent to them, not before. */
export type SpeakerStatus = "under_review" | "accepted" | "declined" | "withdrawn";

export type SpeakerView = {
  edition: { slug: string; title: string; startsAt: Date; endsAt: Date; status: Edition["status"] };
  contribution: {
    title: string;
    abstract: string;
    format: ContributionFormat;
    availability: string | null;
    wishedSessionId: number | null;
    wishedSessionTitle: string | null;
    submitter: { name: string; email: string; role: string | null; organisation: string | null };
    coSpeakers: SpeakerInput[];
    createdAt: Date;
    updatedAt: Date;
    locked: boolean;
  };
  status: SpeakerStatus;
  /** The programme item, once the acceptance has been sent. */
  session: { title: string; startsAt: Date; endsAt: Date; room: string | null } | null;
  /** The organisers' message, once the decision has been sent. */
  decisionMessage: string | null;
  rights: SpeakerRights;
  window: ContributionWindow;
  tablesRondes: Array<{ id: number; title: string; startsAt: Date; endsAt: Date }>;
};

/** Everything the private page shows. */
export function speakerView(db: Db, contribution: Contribution, now: Date = new Date()): SpeakerView {
  const { edition } = loadEdition(db, contribution.editionId);
  const sent = contribution.decisionNotifiedAt !== null;
  const status: SpeakerStatus =
    contribution.status === "withdrawn"
      ? "withdrawn"
      : sent && contribution.status === "accepted"
        ? "accepted"
        : sent && contribution.status === "declined"
          ? "declined"
          : "under_review";
  const session = status === "accepted" ? acceptedSession(db, contribution) : null;
  const options = tablesRondes(db, edition.id);
  return {
    edition: { ...publicEditionSummary(edition), status: edition.status },
    contribution: {
      title: contribution.title,
      abstract: contribution.abstract,
      format: contribution.format,
      availability: contribution.availability,
      wishedSessionId: contribution.wishedSessionId,
      wishedSessionTitle: options.find((option) => option.id === contribution.wishedSessionId)?.title ?? null,
      submitter: {
        name: contribution.submitterName,
        email: contribution.submitterEmail,
        role: contribution.submitterRole,
        organisation: contribution.submitterOrganisation,
      },
      coSpeakers: speakersOf(db, contribution.id).map(({ name, role, organisation, email }) => ({
        name,
        role,
        organisation,
        email,
      })),
      createdAt: contribution.createdAt,
      updatedAt: contribution.updatedAt,
      locked: contribution.lockedAt !== null,
    },
    status,
    session: session ? { title: session.title, room: session.room, ...sessionSchedule(edition, session) } : null,
    decisionMessage: sent && status !== "withdrawn" ? contribution.decisionMessage : null,
    rights: speakerRights(contribution, edition, now),
    window: contributionWindow(edition, now),
    tablesRondes: options,
  };
}

/** The speaker's invite as it stands now, for the "download again" link; null unless the acceptance was sent. */
export function currentSpeakerInvite(
  db: Db,
  mail: MailContext,
  contribution: Contribution,
  token: string,
): string | null {
  if (contribution.status !== "accepted" || !contribution.decisionNotifiedAt || !contribution.acceptedSessionId)
    return null;
  const { edition, venue } = loadEdition(db, contribution.editionId);
  if (edition.status === "cancelled") return null;
  const session = acceptedSession(db, contribution);
  if (!session) return null;
  const invite = speakerInvite(mail, edition, venue, session, contribution, contributionUrl(mail, token));
  return inviteFile(invite, { address: contribution.submitterEmail, name: contribution.submitterName });
}
