import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import {
  editions,
  emails,
  registrations,
  sessions,
  surveyResponses,
  surveySessionScores,
  surveyThemeSuggestions,
} from "#db/schema.ts";
import { immediate, type Db } from "#app/lib/db.server.ts";
import { parisWallTimeToUtc } from "#app/lib/time.ts";
import { frenchTypography } from "#app/lib/typography.ts";
import { recordAudit } from "#app/domain/shared/audit.server.ts";
import {
  currentPrivateToken,
  emailPerson,
  manageUrl,
  notifyRegistrant,
  type Registration,
} from "#app/domain/registrations/messages.server.ts";
import { findRegistration, presentIn } from "#app/domain/registrations/queries.server.ts";
import { loadEdition, programmeOrder, type Edition } from "#app/domain/editions/editions.server.ts";
import { labelKey, NO_OPINION, splitThemes, type SurveyScore } from "./values.ts";
import { FieldError } from "#app/domain/shared/field-error.ts";
import type { Act, MailingAct } from "#app/domain/shared/actor.ts";

// The feedback survey after the day: who may answer, the one answer per registration, and the
// invitations. What organisers read from the answers is in survey-results.server.ts.

export const SURVEY_INVITATION_KIND = "survey.invitation";

export type SurveyClosedReason = "not_held" | "closed" | "not_checked_in" | "cancelled";

export type SurveyState =
  { open: true; closesAt: Date | null } | { open: false; reason: SurveyClosedReason; closesAt: Date | null };

/** Whether the edition's survey takes answers at `now`, whoever asks. */
export function surveyWindow(edition: Pick<Edition, "status" | "surveyClosesAt">, now: Date = new Date()): SurveyState {
  if (edition.status !== "held")
    return {
      open: false,
      reason: edition.status === "archived" ? "closed" : "not_held",
      closesAt: edition.surveyClosesAt,
    };
  if (edition.surveyClosesAt && now >= edition.surveyClosesAt)
    return { open: false, reason: "closed", closesAt: edition.surveyClosesAt };
  return { open: true, closesAt: edition.surveyClosesAt };
}

/**
 * The same, for one person: only people checked in on the day give feedback on it. The
 * edition's own state comes first, so that nobody is told they were absent from a day that has
 * not happened yet.
 */
export function surveyAccess(db: Db, registration: Registration, now: Date = new Date()): SurveyState {
  const { edition } = loadEdition(db, registration.editionId);
  if (registration.status === "cancelled" || registration.anonymisedAt)
    return { open: false, reason: "cancelled", closesAt: edition.surveyClosesAt };
  const window = surveyWindow(edition, now);
  if (!window.open) return window;
  if (registration.status !== "confirmed" || !registration.checkedInAt) {
    return { open: false, reason: "not_checked_in", closesAt: edition.surveyClosesAt };
  }
  return window;
}

export function surveyClosedMessage(reason: SurveyClosedReason): string {
  switch (reason) {
    case "not_held":
      return "Le questionnaire de satisfaction ouvrira une fois la journée passée.";
    case "closed":
      return "Le questionnaire de cette édition est clos\u00a0: merci à celles et ceux qui ont répondu.";
    case "not_checked_in":
      return "Le questionnaire est réservé aux personnes dont la présence a été enregistrée le jour J. Si vous étiez là, écrivez-nous en répondant à l’un de nos e-mails.";
    case "cancelled":
      return "Cette inscription est annulée\u00a0: le questionnaire n’est pas accessible.";
  }
}

export type SurveySession = { id: number; title: string; kind: string };

/**
 * The programme items worth a usefulness score: everything but the welcome, breaks and lunch,
 * in programme order.
 */
export function surveySessions(db: Db, editionId: number): SurveySession[] {
  return db
    .select({ id: sessions.id, title: sessions.title, kind: sessions.kind })
    .from(sessions)
    .where(eq(sessions.editionId, editionId))
    .orderBy(...programmeOrder)
    .all()
    .filter((session) => !["accueil", "pause", "dejeuner"].includes(session.kind));
}

export type SurveyAnswer = {
  overall: number;
  scores: Record<number, SurveyScore>;
  keep: string | null;
  change: string | null;
  themes: string[];
  comment: string | null;
  updatedAt: Date;
};

/** The person's own answer, to fill the form again; null before they answer. */
/** A person's survey response and the themes they suggested, in the order they typed them. */
export function responseOf(db: Db, registrationId: number) {
  const response = db.select().from(surveyResponses).where(eq(surveyResponses.registrationId, registrationId)).get();
  if (!response) return null;
  const themes = db
    .select({ label: surveyThemeSuggestions.label })
    .from(surveyThemeSuggestions)
    .where(eq(surveyThemeSuggestions.responseId, response.id))
    .orderBy(asc(surveyThemeSuggestions.id))
    .all()
    .map((row) => row.label);
  return { response, themes };
}

export function findSurveyAnswer(db: Db, registrationId: number): SurveyAnswer | null {
  const answer = responseOf(db, registrationId);
  if (!answer) return null;
  const { response, themes } = answer;
  const scores = db.select().from(surveySessionScores).where(eq(surveySessionScores.responseId, response.id)).all();
  return {
    overall: response.overall,
    scores: Object.fromEntries(scores.map((row) => [row.sessionId, row.score as SurveyScore])),
    keep: response.keep,
    change: response.change,
    themes,
    comment: response.comment,
    updatedAt: response.updatedAt,
  };
}

export type SurveyInput = {
  overall: number;
  /** `s<session id>` → "1"…"5" or « none », as the form posts it. */
  scores: Record<string, string>;
  keep: string | null;
  change: string | null;
  themes: string | null;
  comment: string | null;
};

export class SurveyError extends FieldError<"scores"> {}

export type SaveOutcome = { outcome: "created" | "updated" } | { outcome: "refused"; reason: SurveyClosedReason };

/**
 * Records the answer of one registration, or replaces it: there is one answer per registration
 * (the unique index says so too), and it stays editable until the survey closes. The scores and
 * the themes are rewritten with it, in the same transaction.
 */
export function saveSurveyResponse(
  db: Db,
  registrationId: number,
  input: SurveyInput,
  now: Date = new Date(),
): SaveOutcome {
  return immediate(db, () => {
    const registration = findRegistration(db, registrationId);
    if (!registration) return { outcome: "refused", reason: "cancelled" } as const;
    const access = surveyAccess(db, registration, now);
    if (!access.open) return { outcome: "refused", reason: access.reason } as const;

    const allowed = new Set(surveySessions(db, registration.editionId).map((session) => session.id));
    const scores: Array<{ sessionId: number; score: number }> = [];
    for (const [key, value] of Object.entries(input.scores)) {
      const sessionId = Number(key.replace(/^s/, ""));
      if (!allowed.has(sessionId))
        throw new SurveyError("Cette séquence ne fait pas partie du programme de l’édition.", "scores");
      if (value === NO_OPINION) continue;
      const score = Number(value);
      if (!Number.isInteger(score) || score < 1 || score > 5)
        throw new SurveyError("Choisissez une note de 1 à 5.", "scores");
      scores.push({ sessionId, score });
    }
    if (!Number.isInteger(input.overall) || input.overall < 1 || input.overall > 5) {
      throw new SurveyError("Indiquez votre satisfaction générale, de 1 à 5.");
    }

    // Stored with French spacing: organisers read these texts as they are, on a French page.
    const text = (value: string | null) => (value ? frenchTypography(value) : null);
    const values = {
      overall: input.overall,
      keep: text(input.keep),
      change: text(input.change),
      comment: text(input.comment),
    };
    const existing = db
      .select({ id: surveyResponses.id })
      .from(surveyResponses)
      .where(eq(surveyResponses.registrationId, registrationId))
      .get();
    const responseId = existing
      ? db
          .update(surveyResponses)
          .set({ ...values, updatedAt: now })
          .where(eq(surveyResponses.id, existing.id))
          .returning({ id: surveyResponses.id })
          .get().id
      : db
          .insert(surveyResponses)
          .values({ ...values, editionId: registration.editionId, registrationId, createdAt: now, updatedAt: now })
          .returning({ id: surveyResponses.id })
          .get().id;

    db.delete(surveySessionScores).where(eq(surveySessionScores.responseId, responseId)).run();
    for (const { sessionId, score } of scores)
      db.insert(surveySessionScores).values({ responseId, sessionId, score }).run();
    db.delete(surveyThemeSuggestions).where(eq(surveyThemeSuggestions.responseId, responseId)).run();
    for (const label of splitThemes(input.themes)) {
      db.insert(surveyThemeSuggestions)
        .values({ responseId, label: frenchTypography(label), labelKey: labelKey(label) })
        .run();
    }
    return { outcome: existing ? "updated" : "created" } as const;
  });
}

/** People of an edition who may answer: confirmed, checked in, not erased. */
function surveyAudience(editionId: number) {
  return and(presentIn(editionId), isNull(registrations.anonymisedAt));
}

export type InvitationSummary = { present: number; invited: number; pending: number };

/**
 * How many people were present, how many got the invitation (people, not emails: a resent
 * email counts once), and how many would get it on the next click.
 */
export function invitationSummary(db: Db, editionId: number): InvitationSummary {
  const invited = new Set(
    db
      .selectDistinct({ id: emails.registrationId })
      .from(emails)
      .where(
        and(eq(emails.editionId, editionId), eq(emails.kind, SURVEY_INVITATION_KIND), isNotNull(emails.registrationId)),
      )
      .all()
      .map((row) => row.id),
  );
  const audience = db
    .select({ id: registrations.id, email: registrations.email })
    .from(registrations)
    .where(surveyAudience(editionId))
    .all();
  return {
    present: audience.length,
    invited: invited.size,
    // A walk-in without an address cannot be invited, and would otherwise stay pending for ever.
    pending: audience.filter((row) => row.email !== null && !invited.has(row.id)).length,
  };
}

export class SurveyAdminError extends Error {}

/**
 * Writes the survey invitation of every person present who has not had it yet, with their
 * private link. The dedupe key makes it once per registration, however often organisers click
 * and whoever else clicks at the same time; people checked in later get theirs on the next click.
 */
export function sendSurveyInvitations(act: MailingAct, editionId: number): { queued: number } {
  const { db, mail, actor, now } = act;
  return immediate(db, () => {
    const { edition } = loadEdition(db, editionId);
    const window = surveyWindow(edition, now);
    if (!window.open) {
      throw new SurveyAdminError(
        window.reason === "not_held"
          ? "Marquez d’abord l’édition comme tenue\u00a0: le questionnaire porte sur une journée passée."
          : "Le questionnaire est clos\u00a0: rouvrez-le (date de clôture) avant d’inviter.",
      );
    }
    const people = db
      .select()
      .from(registrations)
      .where(surveyAudience(editionId))
      .orderBy(asc(registrations.id))
      .all();
    let queued = 0;
    for (const person of people) {
      const id = notifyRegistrant(
        db,
        person,
        {
          email: {
            template: "survey.invitation",
            props: {
              edition: { title: edition.title, startsAt: edition.startsAt },
              person: emailPerson(person),
              surveyUrl: `${manageUrl(mail, currentPrivateToken(db, mail, person))}/questionnaire`,
              closesAt: edition.surveyClosesAt,
            },
          },
          kind: SURVEY_INVITATION_KIND,
          dedupeKey: `survey-invitation:${person.id}`,
        },
        now,
      );
      if (id !== null) queued++;
    }
    recordAudit(db, actor, {
      action: "survey.invite",
      entityType: "edition",
      entityId: editionId,
      details: { queued },
    });
    return { queued };
  });
}

/**
 * Sets or clears the closing date of an edition's survey, from the wall-clock value of the
 * back-office form (`2026-12-15T18:00`, Paris time); empty keeps it open while the edition is held.
 */
export function setSurveyClosing(act: Act, editionId: number, local: string | undefined): Date | null {
  const { db, actor, now } = act;
  let closesAt: Date | null = null;
  if (local) {
    const [date, time] = local.split("T");
    closesAt = parisWallTimeToUtc(date ?? "", time ?? "");
    if (!closesAt) throw new SurveyAdminError("Cette date ou cette heure n’existe pas à Paris (changement d’heure).");
  }
  db.update(editions).set({ surveyClosesAt: closesAt, updatedAt: now }).where(eq(editions.id, editionId)).run();
  recordAudit(db, actor, {
    action: "survey.closing",
    entityType: "edition",
    entityId: editionId,
    details: { closesAt: closesAt?.toISOString() ?? null },
  });
  return closesAt;
}
