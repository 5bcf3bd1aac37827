import { and, eq, isNull } from "drizzle-orm";
import { registrationEmailChanges, registrations } from "#db/schema.ts";
import { findRegistration } from "./queries.server.ts";
import { immediate, type Db } from "#app/lib/db.server.ts";
import { generateToken, hashToken } from "#app/lib/tokens.server.ts";
import { findByPrivateToken } from "#app/domain/shared/private-links.server.ts";
import { normaliseEmail } from "#app/domain/accounts/account.ts";
import { loadEdition } from "#app/domain/editions/editions.server.ts";
import { emailEdition } from "#app/domain/editions/messages.ts";
import { recordAudit } from "#app/domain/shared/audit.server.ts";
import type { MailContext } from "#app/domain/shared/mail-context.ts";
import { notify } from "#app/domain/shared/notifications.server.ts";
import {
  currentPrivateToken,
  emailPerson,
  manageUrl,
  notifyRegistrant,
  registrantRecipient,
  registrationInvite,
} from "./messages.server.ts";
import { activeRegistration } from "./registrations.server.ts";
import { registrantMayChange } from "./self-service.ts";
import type { MailingAct } from "#app/domain/shared/actor.ts";

/** How long the link sent to the new address works. */
export const EMAIL_CHANGE_VALIDITY_MS = 48 * 3_600_000;

export function emailChangeUrl(mail: MailContext, token: string): string {
  return `${mail.appUrl}/inscription/nouvelle-adresse/${token}`;
}

export type EmailChangeRequestOutcome =
  | { outcome: "sent"; address: string }
  | { outcome: "same_email" }
  | { outcome: "email_taken" }
  | { outcome: "not_allowed" };

/**
 * « Corriger mon adresse »: nothing changes yet. A single-use link, valid 48 h, goes to the new
 * address; the registration moves to it only when that link is followed (`confirmEmailChange`),
 * so a typo cannot send someone's invite and private link to a stranger.
 */
export function requestEmailChange(
  db: Db,
  mail: MailContext,
  registrationId: number,
  newEmail: string,
  now: Date = new Date(),
): EmailChangeRequestOutcome {
  return immediate(db, () => {
    const registration = findRegistration(db, registrationId);
    // A walk-in registered without an address has no private link to ask from.
    if (!registration?.email) return { outcome: "not_allowed" } as const;
    const { edition, venue } = loadEdition(db, registration.editionId);
    if (!registrantMayChange("correct_email", edition, registration, now)) return { outcome: "not_allowed" } as const;
    const address = newEmail.trim();
    const key = normaliseEmail(address);
    if (key === registration.emailKey) return { outcome: "same_email" } as const;
    if (activeRegistration(db, edition.id, key)) return { outcome: "email_taken" } as const;

    const token = generateToken();
    const expiresAt = new Date(now.getTime() + EMAIL_CHANGE_VALIDITY_MS);
    const change = db
      .insert(registrationEmailChanges)
      .values({ registrationId, newEmail: address, tokenHash: hashToken(token), expiresAt, createdAt: now })
      .returning()
      .get();
    notify(
      db,
      {
        to: { ...registrantRecipient({ ...registration, email: registration.email }), address },
        email: {
          template: "registration.email_change_requested",
          props: {
            edition: emailEdition(mail, edition, venue),
            person: emailPerson(registration),
            confirmUrl: emailChangeUrl(mail, token),
            expiresAt,
          },
        },
        editionId: edition.id,
        registrationId,
        dedupeKey: `email-change:${change.id}`,
      },
      now,
    );
    return { outcome: "sent", address } as const;
  });
}

export type EmailChangeOutcome =
  | { outcome: "changed"; registrationId: number; token: string; address: string }
  | { outcome: "invalid" }
  | { outcome: "expired" }
  | { outcome: "used" }
  | { outcome: "email_taken" }
  | { outcome: "not_allowed" };

function findChange(db: Db, token: string) {
  return findByPrivateToken(token, (tokenHash) =>
    db.select().from(registrationEmailChanges).where(eq(registrationEmailChanges.tokenHash, tokenHash)).get(),
  );
}

/** The pending change behind a link, or why the link can no longer be used. */
function usableChange(
  db: Db,
  token: string,
  now: Date,
): { change: NonNullable<ReturnType<typeof findChange>> } | { outcome: "invalid" | "expired" | "used" } {
  const change = findChange(db, token);
  if (!change) return { outcome: "invalid" };
  if (change.usedAt) return { outcome: "used" };
  if (change.expiresAt <= now) return { outcome: "expired" };
  return { change };
}

/** What the link's page says before anyone presses the button: the same checks, nothing written. */
export function emailChangeStatus(
  db: Db,
  token: string,
  now: Date = new Date(),
): { outcome: "ready"; address: string } | { outcome: "invalid" | "expired" | "used" } {
  const usable = usableChange(db, token, now);
  return "change" in usable ? { outcome: "ready", address: usable.change.newEmail } : usable;
}

/**
 * Applies a confirmed change: the registration takes the new address, a confirmed person gets
 * their invite again there (same UID, SEQUENCE + 1, so calendars replace rather than duplicate
 * it), and the old address is told where the registration went.
 */
export function confirmEmailChange(act: MailingAct, token: string): EmailChangeOutcome {
  const { db, mail, actor, now } = act;
  return immediate(db, () => {
    const usable = usableChange(db, token, now);
    if (!("change" in usable)) return usable;
    const { change } = usable;
    const registration = findRegistration(db, change.registrationId);
    if (!registration) return { outcome: "invalid" } as const;
    const { edition, venue } = loadEdition(db, registration.editionId);
    if (!registrantMayChange("correct_email", edition, registration, now)) return { outcome: "not_allowed" } as const;
    const key = normaliseEmail(change.newEmail);
    const holder = activeRegistration(db, edition.id, key);
    if (holder && holder.id !== registration.id) return { outcome: "email_taken" } as const;

    // Every pending request of this registration ends here: an older link must not undo this one.
    db.update(registrationEmailChanges)
      .set({ usedAt: now })
      .where(and(eq(registrationEmailChanges.registrationId, registration.id), isNull(registrationEmailChanges.usedAt)))
      .run();
    const confirmed = registration.status === "confirmed";
    const sequence = registration.inviteSequence + (confirmed ? 1 : 0);
    const moved = { ...registration, email: change.newEmail, emailKey: key, inviteSequence: sequence, updatedAt: now };
    db.update(registrations)
      .set({ email: moved.email, emailKey: key, inviteSequence: sequence, updatedAt: now })
      .where(eq(registrations.id, registration.id))
      .run();

    const shown = emailEdition(mail, edition, venue);
    const privateToken = currentPrivateToken(db, mail, moved);
    const link = manageUrl(mail, privateToken);
    notifyRegistrant(
      db,
      moved,
      {
        email: {
          template: "registration.email_changed",
          props: { edition: shown, person: emailPerson(moved), manageUrl: link, confirmed },
        },
        invite: confirmed ? registrationInvite(mail, edition, venue, moved, "REQUEST", sequence, link) : null,
      },
      now,
    );
    notifyRegistrant(
      db,
      registration,
      {
        email: {
          template: "registration.email_moved",
          props: { edition: shown, person: emailPerson(registration), newAddress: moved.email },
        },
      },
      now,
    );
    recordAudit(db, actor, {
      action: "registration.email_change",
      entityType: "registration",
      entityId: registration.id,
    });
    return { outcome: "changed", registrationId: registration.id, token: privateToken, address: moved.email } as const;
  });
}
