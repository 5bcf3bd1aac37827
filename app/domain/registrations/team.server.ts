import type { Db } from "#app/lib/db.server.ts";
import { normaliseEmail } from "#app/domain/accounts/account.ts";
import type { StructureType } from "#app/domain/shared/vocabulary.ts";
import type { MailContext } from "#app/domain/shared/mail-context.ts";
import {
  activeRegistration,
  admit,
  confirmedCount,
  whileOpenForRegistration,
  type ClosedReason,
} from "./registrations.server.ts";

/** The most people one team form registers at once. */
export const TEAM_MAX = 10;

export type TeamMember = { firstName: string; lastName: string; email: string; role: string | null };
export type TeamInput = { organisation: string; structureType: StructureType; members: TeamMember[] };

export type TeamMemberOutcome = {
  firstName: string;
  lastName: string;
  email: string;
  status: "confirmed" | "waitlisted";
  /** Position on the waiting list, 0 when confirmed. */
  position: number;
};

export type TeamOutcome =
  | { outcome: "registered"; members: TeamMemberOutcome[] }
  /** Indexes (in the form's order) of the addresses already registered, or given twice. */
  | { outcome: "emails_taken"; indexes: number[] }
  | { outcome: "not_enough_seats"; seatsLeft: number }
  | { outcome: "closed"; reason: ClosedReason };

/**
 * Registers colleagues of one structure, each with their own registration, private link and
 * invite. One BEGIN IMMEDIATE transaction gives seats in the form's order, the rest joining the
 * waiting list, so concurrent teams never overbook. Nothing is written when one address is
 * already registered: the form says which, and the person fixes it.
 */
export function registerTeam(
  db: Db,
  mail: MailContext,
  editionSlug: string,
  input: TeamInput,
  now: Date = new Date(),
): TeamOutcome {
  return whileOpenForRegistration(db, editionSlug, now, ({ edition, venue, seatsLeft }): TeamOutcome => {
    const seen = new Set<string>();
    const taken: number[] = [];
    input.members.forEach((member, index) => {
      const key = normaliseEmail(member.email);
      if (seen.has(key) || activeRegistration(db, edition.id, key)) taken.push(index);
      seen.add(key);
    });
    if (taken.length > 0) return { outcome: "emails_taken", indexes: taken } as const;
    if (!edition.waitlistEnabled && input.members.length > seatsLeft) {
      return { outcome: "not_enough_seats", seatsLeft: seatsLeft } as const;
    }

    const members: TeamMemberOutcome[] = [];
    for (const member of input.members) {
      const status = confirmedCount(db, edition.id) < edition.capacity ? "confirmed" : "waitlisted";
      const outcome = admit(
        db,
        mail,
        edition,
        venue,
        {
          ...member,
          organisation: input.organisation,
          structureType: input.structureType,
          accessNeeds: null,
          meal: false,
          listedInNetwork: false,
        },
        status,
        now,
      );
      if (outcome.outcome !== "confirmed" && outcome.outcome !== "waitlisted") {
        // Checked above inside the same transaction; reaching this would be a bug, and must undo everything.
        throw new Error(`team member not admitted: ${outcome.outcome}`);
      }
      members.push({
        firstName: member.firstName,
        lastName: member.lastName,
        email: member.email.trim(),
        status: outcome.outcome,
        position: outcome.outcome === "waitlisted" ? outcome.position : 0,
      });
    }
    return { outcome: "registered", members } as const;
  });
}
