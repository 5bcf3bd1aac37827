// Reviewers' scores: one per reviewer and contribution, and who may see whose.
import { asc, eq, inArray } from "drizzle-orm";
import { reviews, users } from "#db/schema.ts";
import { immediate, type Db } from "#app/lib/db.server.ts";
import { frenchTypography } from "#app/lib/typography.ts";
import { recordAudit } from "#app/domain/shared/audit.server.ts";
import type { Actor } from "#app/domain/shared/actor.ts";
import type { UserRole } from "#app/domain/shared/vocabulary.ts";
import { ContributionError, contributionOf } from "./decisions.server.ts";

export type ScoreStats = {
  count: number;
  mean: number;
  min: number;
  max: number;
  /** max − min: how far apart the reviewers are. */
  spread: number;
  /** Population standard deviation of the scores. */
  standardDeviation: number;
};

/** Mean and spread of a list of scores, or null when nobody has scored yet. */
export function scoreStats(scores: readonly number[]): ScoreStats | null {
  if (scores.length === 0) return null;
  const mean = scores.reduce((sum, score) => sum + score, 0) / scores.length;
  const min = Math.min(...scores);
  const max = Math.max(...scores);
  const variance = scores.reduce((sum, score) => sum + (score - mean) ** 2, 0) / scores.length;
  return { count: scores.length, mean, min, max, spread: max - min, standardDeviation: Math.sqrt(variance) };
}

export type Viewer = { id: number; role: UserRole };

/**
 * Reviewers score blind: until they have given their own score, they see neither the others'
 * scores nor their mean, so that the first opinion does not set everyone's. Organisers and
 * admins, who decide, see everything.
 */
export function seesOthersScores(viewer: Viewer, hasOwnReview: boolean): boolean {
  return viewer.role !== "reviewer" || hasOwnReview;
}

export type ReviewView = {
  reviewerId: number;
  reviewerName: string;
  score: number;
  comment: string | null;
  updatedAt: Date;
};

export type ReviewPanel = {
  mine: ReviewView | null;
  /** Everybody else's reviews, or null while they are hidden from this viewer. */
  others: ReviewView[] | null;
  /** Over every review, the viewer's included; null while hidden or when nobody has scored. */
  stats: ScoreStats | null;
  count: number;
};

export function reviewPanel(db: Db, contributionId: number, viewer: Viewer): ReviewPanel {
  const all = db
    .select({
      reviewerId: reviews.reviewerId,
      reviewerName: users.name,
      score: reviews.score,
      comment: reviews.comment,
      updatedAt: reviews.updatedAt,
    })
    .from(reviews)
    .innerJoin(users, eq(users.id, reviews.reviewerId))
    .where(eq(reviews.contributionId, contributionId))
    .orderBy(asc(reviews.createdAt), asc(reviews.id))
    .all();
  const mine = all.find((review) => review.reviewerId === viewer.id) ?? null;
  const visible = seesOthersScores(viewer, mine !== null);
  return {
    mine,
    others: visible ? all.filter((review) => review.reviewerId !== viewer.id) : null,
    stats: visible ? scoreStats(all.map((review) => review.score)) : null,
    count: all.length,
  };
}

/** Gives or changes the viewer's score (1 to 5) and comment on a contribution of this edition. */
export function saveReview(
  db: Db,
  editionId: number,
  contributionId: number,
  reviewer: Actor & { userId: number },
  input: { score: number; comment: string | null },
  now: Date = new Date(),
): void {
  immediate(db, () => {
    const contribution = contributionOf(db, editionId, contributionId);
    if (contribution.status === "withdrawn")
      throw new ContributionError("Cette contribution a été retirée\u00a0: elle ne s’évalue plus.");
    if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5) {
      throw new ContributionError("Choisissez une note de 1 à 5.", "invalid", "score");
    }
    const comment = input.comment ? frenchTypography(input.comment) : null;
    db.insert(reviews)
      .values({
        contributionId,
        reviewerId: reviewer.userId,
        score: input.score,
        comment,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [reviews.contributionId, reviews.reviewerId],
        set: { score: input.score, comment, updatedAt: now },
      })
      .run();
    recordAudit(
      db,
      { userId: reviewer.userId, ip: reviewer.ip ?? null },
      {
        action: "contribution.review",
        entityType: "contribution",
        entityId: contributionId,
        details: { score: input.score },
      },
    );
  });
}

/** Scores of every contribution of an edition, for the list (one query instead of one per row). */
export function scoresByContribution(
  db: Db,
  contributionIds: number[],
): Map<number, Array<{ reviewerId: number; score: number }>> {
  const map = new Map<number, Array<{ reviewerId: number; score: number }>>();
  if (contributionIds.length === 0) return map;
  const rows = db
    .select({ contributionId: reviews.contributionId, reviewerId: reviews.reviewerId, score: reviews.score })
    .from(reviews)
    .where(inArray(reviews.contributionId, contributionIds))
    .all();
  for (const row of rows) {
    map.set(row.contributionId, [
      ...(map.get(row.contributionId) ?? []),
      { reviewerId: row.reviewerId, score: row.score },
    ]);
  }
  return map;
}
