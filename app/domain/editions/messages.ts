// How an edition appears in emails and invites, whoever they are sent to.
import type { EmailEdition } from "#emails/components.tsx";
import type { MailContext } from "#app/domain/shared/mail-context.ts";
import type { Edition, Venue } from "./editions.server.ts";

export function editionUrl(mail: MailContext, edition: Pick<Edition, "slug">): string {
  return `${mail.appUrl}/editions/${edition.slug}`;
}

export function emailEdition(mail: MailContext, edition: Edition, venue: Venue | null): EmailEdition {
  return {
    title: edition.title,
    startsAt: edition.startsAt,
    endsAt: edition.endsAt,
    url: editionUrl(mail, edition),
    venue,
  };
}

/** The one line an invite's LOCATION shows. */
export function venueText(venue: Venue | null): string | null {
  if (!venue) return null;
  const town = [venue.postcode, venue.city].filter(Boolean).join(" ");
  return [venue.name, venue.address, town].filter(Boolean).join(", ");
}
