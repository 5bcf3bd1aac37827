import { eq } from "drizzle-orm";
import { registrations } from "#db/schema.ts";
import { findRegistration } from "./queries.server.ts";
import { fullName } from "#emails/components.tsx";
import { immediate } from "#app/lib/db.server.ts";
import { normaliseEmail } from "#app/domain/accounts/account.ts";
import { loadEdition } from "#app/domain/editions/editions.server.ts";
import { emailEdition } from "#app/domain/editions/messages.ts";
import { recordAudit } from "#app/domain/shared/audit.server.ts";
import { deadPrivateLink } from "#app/domain/shared/private-links.server.ts";
import { emailPerson, manageUrl, notifyRegistrant, registrationInvite } from "./messages.server.ts";
import {
  activeRegistration,
  insertRegistration,
  waitlistPosition,
  type RegistrationInput,
} from "./registrations.server.ts";
import { registrantMayChange } from "./self-service.ts";
import type { MailingAct } from "#app/domain/shared/actor.ts";

export type HandoverInput = Omit<RegistrationInput, "listedInNetwork">;

export type HandoverOutcome =
  | { outcome: "handed_over"; registrationId: number; successor: string; email: string }
  | { outcome: "email_taken" }
  | { outcome: "not_allowed" };

/**
 * « Céder ma place »: the place goes to a colleague, in one transaction. The old registration is
 * cancelled and its private link dies; a new registration for the colleague takes its status and
 * its rank in arrival order (decision 020), with its own link and its own invite UID (SEQUENCE 0).
 * The old holder's calendar gets a METHOD:CANCEL; the journal records who handed over to whom.
 */
export function handOverRegistration(act: MailingAct, registrationId: number, input: HandoverInput): HandoverOutcome {
  const { db, mail, actor, now } = act;
  return immediate(db, () => {
    const old = findRegistration(db, registrationId);
    if (!old) return { outcome: "not_allowed" } as const;
    const { edition, venue } = loadEdition(db, old.editionId);
    if (!registrantMayChange("hand_over", edition, old, now)) return { outcome: "not_allowed" } as const;
    const emailKey = normaliseEmail(input.email);
    // The holder's own address included: handing a place to oneself changes nothing.
    if (activeRegistration(db, edition.id, emailKey)) return { outcome: "email_taken" } as const;

    const wasConfirmed = old.status === "confirmed";
    const sequence = old.inviteSequence + (wasConfirmed ? 1 : 0);
    db.update(registrations)
      .set({ status: "cancelled", cancelledAt: now, updatedAt: now, inviteSequence: sequence, ...deadPrivateLink() })
      .where(eq(registrations.id, old.id))
      .run();

    const { registration: successor, token } = insertRegistration(
      db,
      mail,
      edition.id,
      input,
      emailKey,
      {
        status: old.status,
        listedInNetwork: false,
        confirmedAt: wasConfirmed ? now : null,
        queueRank: old.queueRank ?? old.id,
      },
      now,
    );

    const shown = emailEdition(mail, edition, venue);
    notifyRegistrant(
      db,
      old,
      {
        email: {
          template: "registration.handed_over",
          props: { edition: shown, person: emailPerson(old), successor: fullName(successor), wasConfirmed },
        },
        invite: wasConfirmed ? registrationInvite(mail, edition, venue, old, "CANCEL", sequence, null) : null,
      },
      now,
    );
    const link = manageUrl(mail, token);
    notifyRegistrant(
      db,
      successor,
      {
        email: {
          template: "registration.handed_over_to_you",
          props: {
            edition: shown,
            person: emailPerson(successor),
            predecessor: fullName(old),
            position: waitlistPosition(db, successor),
            manageUrl: link,
          },
        },
        invite: wasConfirmed
          ? registrationInvite(mail, edition, venue, successor, "REQUEST", successor.inviteSequence, link)
          : null,
      },
      now,
    );
    // Ids, not names: the journal outlives the registrations' personal data.
    recordAudit(db, actor, {
      action: "registration.hand_over",
      entityType: "registration",
      entityId: successor.id,
      details: { from: `inscription n° ${old.id}`, to: `inscription n° ${successor.id}` },
    });
    return {
      outcome: "handed_over",
      registrationId: successor.id,
      successor: fullName(successor),
      email: input.email.trim(),
    } as const;
  });
}
