// What the back-office shows of contributions: the list with its filters and scores, one
// contribution with its reviews, and the editions a reviewer has work in.
import { and, asc, desc, eq, inArray, isNull, ne, type SQL } from "drizzle-orm";
import { programmeOrder } from "#app/domain/editions/editions.server.ts";
import { alias } from "drizzle-orm/sqlite-core";
import { contributions, editions, reviews, sessions } from "#db/schema.ts";
import type { Db } from "#app/lib/db.server.ts";
import type {
  ContributionFormat,
  ContributionStatus,
  EditionStatus,
  SessionKind,
} from "#app/domain/shared/vocabulary.ts";
import { SPEAKING_SESSION_KINDS } from "#app/domain/shared/vocabulary.ts";
import { contributionOf } from "./decisions.server.ts";
import { speakersOf } from "./messages.server.ts";
import {
  reviewPanel,
  scoresByContribution,
  scoreStats,
  seesOthersScores,
  type ReviewPanel,
  type ScoreStats,
  type Viewer,
} from "./reviews.server.ts";

export type ContributionFilter = {
  status?: ContributionStatus;
  format?: ContributionFormat;
  /** A programme item's id, or "none" for proposals without a wish. */
  wishedSessionId?: number | "none";
};

export type ContributionRow = {
  id: number;
  title: string;
  submitterName: string;
  submitterOrganisation: string | null;
  format: ContributionFormat;
  status: ContributionStatus;
  wishedSessionTitle: string | null;
  acceptedSessionTitle: string | null;
  locked: boolean;
  decisionNotified: boolean;
  createdAt: Date;
  reviewCount: number;
  myScore: number | null;
  /** Null while hidden from a reviewer who has not scored this one, or when nobody has. */
  stats: ScoreStats | null;
};

const wished = alias(sessions, "wished_session");
const accepted = alias(sessions, "accepted_session");

export function listContributions(
  db: Db,
  editionId: number,
  filter: ContributionFilter,
  viewer: Viewer,
): ContributionRow[] {
  const conditions: SQL[] = [eq(contributions.editionId, editionId)];
  if (filter.status) conditions.push(eq(contributions.status, filter.status));
  if (filter.format) conditions.push(eq(contributions.format, filter.format));
  if (filter.wishedSessionId === "none") conditions.push(isNull(contributions.wishedSessionId));
  else if (filter.wishedSessionId) conditions.push(eq(contributions.wishedSessionId, filter.wishedSessionId));
  const rows = db
    .select({
      id: contributions.id,
      title: contributions.title,
      submitterName: contributions.submitterName,
      submitterOrganisation: contributions.submitterOrganisation,
      format: contributions.format,
      status: contributions.status,
      wishedSessionTitle: wished.title,
      acceptedSessionTitle: accepted.title,
      lockedAt: contributions.lockedAt,
      decisionNotifiedAt: contributions.decisionNotifiedAt,
      createdAt: contributions.createdAt,
    })
    .from(contributions)
    .leftJoin(wished, eq(wished.id, contributions.wishedSessionId))
    .leftJoin(accepted, eq(accepted.id, contributions.acceptedSessionId))
    .where(and(...conditions))
    .orderBy(asc(contributions.createdAt), asc(contributions.id))
    .all();
  const scores = scoresByContribution(
    db,
    rows.map((row) => row.id),
  );
  return rows.map(({ lockedAt, decisionNotifiedAt, ...row }) => {
    const all = scores.get(row.id) ?? [];
    const mine = all.find((review) => review.reviewerId === viewer.id)?.score ?? null;
    return {
      ...row,
      locked: lockedAt !== null,
      decisionNotified: decisionNotifiedAt !== null,
      reviewCount: all.length,
      myScore: mine,
      stats: seesOthersScores(viewer, mine !== null) ? scoreStats(all.map((review) => review.score)) : null,
    };
  });
}

/** The programme items of an edition, for the filters and the choice of where to place an accepted contribution. */
export function sessionChoices(
  db: Db,
  editionId: number,
): Array<{ id: number; kind: SessionKind; title: string; startsAt: Date; endsAt: Date }> {
  return db
    .select({
      id: sessions.id,
      kind: sessions.kind,
      title: sessions.title,
      startsAt: sessions.startsAt,
      endsAt: sessions.endsAt,
    })
    .from(sessions)
    .where(and(eq(sessions.editionId, editionId), inArray(sessions.kind, [...SPEAKING_SESSION_KINDS])))
    .orderBy(...programmeOrder)
    .all();
}

export type ContributionDetail = {
  id: number;
  title: string;
  abstract: string;
  format: ContributionFormat;
  status: ContributionStatus;
  availability: string | null;
  submitter: { name: string; role: string | null; organisation: string | null; email: string | null };
  coSpeakers: Array<{ name: string; role: string | null; organisation: string | null; email: string | null }>;
  wishedSessionId: number | null;
  wishedSessionTitle: string | null;
  acceptedSessionId: number | null;
  acceptedSessionTitle: string | null;
  decisionMessage: string | null;
  decidedAt: Date | null;
  decisionNotifiedAt: Date | null;
  lockedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  reviews: ReviewPanel;
};

/**
 * One contribution as the back-office shows it. Reviewers assess the proposal, not the
 * people's contact details: email addresses are only given to organisers and admins.
 */
export function contributionDetail(
  db: Db,
  editionId: number,
  contributionId: number,
  viewer: Viewer,
): ContributionDetail {
  const contribution = contributionOf(db, editionId, contributionId);
  const showEmails = viewer.role !== "reviewer";
  const titleOf = (id: number | null) =>
    id ? (db.select({ title: sessions.title }).from(sessions).where(eq(sessions.id, id)).get()?.title ?? null) : null;
  return {
    id: contribution.id,
    title: contribution.title,
    abstract: contribution.abstract,
    format: contribution.format,
    status: contribution.status,
    availability: contribution.availability,
    submitter: {
      name: contribution.submitterName,
      role: contribution.submitterRole,
      organisation: contribution.submitterOrganisation,
      email: showEmails ? contribution.submitterEmail : null,
    },
    coSpeakers: speakersOf(db, contribution.id).map((speaker) => ({
      name: speaker.name,
      role: speaker.role,
      organisation: speaker.organisation,
      email: showEmails ? speaker.email : null,
    })),
    wishedSessionId: contribution.wishedSessionId,
    wishedSessionTitle: titleOf(contribution.wishedSessionId),
    acceptedSessionId: contribution.acceptedSessionId,
    acceptedSessionTitle: titleOf(contribution.acceptedSessionId),
    decisionMessage: contribution.decisionMessage,
    decidedAt: contribution.decidedAt,
    decisionNotifiedAt: contribution.decisionNotifiedAt,
    lockedAt: contribution.lockedAt,
    createdAt: contribution.createdAt,
    updatedAt: contribution.updatedAt,
    reviews: reviewPanel(db, contribution.id, viewer),
  };
}

export type EditionToReview = {
  id: number;
  title: string;
  startsAt: Date;
  status: EditionStatus;
  contributions: number;
  awaitingDecision: number;
  unreviewedByMe: number;
};

/** Editions with contributions (withdrawn ones aside), newest first, with what is left for this viewer to score. */
export function editionsToReview(db: Db, viewerId: number): EditionToReview[] {
  const rows = db
    .select({
      editionId: contributions.editionId,
      status: contributions.status,
      mine: reviews.id,
    })
    .from(contributions)
    .leftJoin(reviews, and(eq(reviews.contributionId, contributions.id), eq(reviews.reviewerId, viewerId)))
    .where(ne(contributions.status, "withdrawn"))
    .all();
  if (rows.length === 0) return [];
  const byEdition = new Map<number, { contributions: number; awaitingDecision: number; unreviewedByMe: number }>();
  for (const row of rows) {
    const counts = byEdition.get(row.editionId) ?? { contributions: 0, awaitingDecision: 0, unreviewedByMe: 0 };
    counts.contributions++;
    if (row.status === "submitted") counts.awaitingDecision++;
    if (row.mine === null) counts.unreviewedByMe++;
    byEdition.set(row.editionId, counts);
  }
  return db
    .select({ id: editions.id, title: editions.title, startsAt: editions.startsAt, status: editions.status })
    .from(editions)
    .orderBy(desc(editions.startsAt))
    .all()
    .filter((edition) => byEdition.has(edition.id))
    .map((edition) => ({ ...edition, ...byEdition.get(edition.id)! }));
}
