import { Button } from "@react-email/button";
import { Section } from "@react-email/section";
import type { ReactNode } from "react";
import { formatRange } from "#app/lib/time.ts";
import { frenchTypography, normaliseLineBreaks } from "#app/lib/typography.ts";

// The pieces every template is built from. Each is written once, for the HTML; the plain-text
// part is derived from that HTML (render.tsx), so a piece never says one thing in each part.

export const NBSP = "\u00a0";

/** French spacing, and « SIAO 95 » never cut between its two words. */
export function fr(text: string): string {
  return frenchTypography(text).replace(/SIAO 95/g, `SIAO${NBSP}95`);
}

export type EmailPerson = { firstName: string; lastName: string };

export type EmailVenue = {
  name: string;
  address: string | null;
  postcode: string | null;
  city: string;
  access: string | null;
  accessibility: string | null;
};

export type EmailEdition = { title: string; startsAt: Date; endsAt: Date; url: string; venue: EmailVenue | null };

export const fullName = (person: EmailPerson) => `${person.firstName} ${person.lastName}`;

export function Greeting({ name }: { name: string | null }) {
  return <p>{name === null ? "Bonjour," : `Bonjour ${name},`}</p>;
}

/** A paragraph of the template's own words, in French typography. */
export function Say({ children }: { children: string }) {
  return <p>{fr(children)}</p>;
}

export function Signature({ closing }: { closing?: string }) {
  return (
    <p>
      {closing ? (
        <>
          {closing}
          <br />
        </>
      ) : null}
      L’équipe du SIAO{NBSP}95
    </p>
  );
}

/**
 * The one call to action of a message. React Email's button keeps its padding in Outlook; the
 * text part writes it as its label and the address on a line of its own (render.tsx).
 */
export function CallToAction({ href, children }: { href: string; children: string }) {
  return (
    <p>
      <Button
        href={href}
        data-call-to-action="true"
        style={{
          background: "#1d4e89",
          color: "#ffffff",
          padding: "10px 18px",
          borderRadius: 6,
          textDecoration: "none",
          fontWeight: "bold",
        }}
      >
        {children}
      </Button>
    </p>
  );
}

/** Text typed in a form, with its line breaks: a paragraph per blank line, a <br> per line break. */
export function Lines({ text }: { text: string }) {
  return normaliseLineBreaks(text)
    .split(/\n{2,}/)
    .map((paragraph, index) => (
      <p key={index}>
        {paragraph.split("\n").map((line, i) => (
          <span key={i}>
            {i > 0 ? <br /> : null}
            {fr(line)}
          </span>
        ))}
      </p>
    ));
}

/** Someone's own words (the organisers', a requester's), set apart from the template's. */
export function Quote({ text }: { text: string }) {
  return (
    <blockquote style={{ margin: "16px 0", padding: "8px 16px", borderLeft: "4px solid #d5dbe3", color: "#1b1f24" }}>
      <Lines text={text} />
    </blockquote>
  );
}

export function ChangeList({ changes }: { changes: readonly string[] }) {
  return (
    <ul>
      {changes.map((change) => (
        <li key={change}>{fr(change)}</li>
      ))}
    </ul>
  );
}

/** One line of a details block; a value that is an address is a link. */
export type Detail = { label: string; value: string; link?: boolean };

/** Labelled lines set apart: the practical details of a day, of an intervention, of a request. */
export function Details({ rows }: { rows: readonly Detail[] }) {
  return (
    <Section style={{ margin: "16px 0", borderLeft: "4px solid #1d4e89" }}>
      {rows.map(({ label, value, link }) => (
        <div key={label} style={{ padding: "2px 12px" }}>
          <strong>
            {label}
            {NBSP}:
          </strong>{" "}
          {link ? <a href={value}>{value}</a> : <MultilineValue text={value} />}
        </div>
      ))}
    </Section>
  );
}

function MultilineValue({ text }: { text: string }): ReactNode {
  return normaliseLineBreaks(fr(text))
    .split("\n")
    .map((line, i) => (
      <span key={i}>
        {i > 0 ? <br /> : null}
        {line}
      </span>
    ));
}

export function venueDetails(venue: EmailVenue | null): Detail[] {
  if (!venue) return [{ label: "Lieu", value: "communiqué prochainement" }];
  const town = [venue.postcode, venue.city].filter(Boolean).join(" ");
  const rows: Detail[] = [{ label: "Lieu", value: [venue.name, venue.address, town].filter(Boolean).join(", ") }];
  if (venue.access) rows.push({ label: "Accès", value: venue.access });
  if (venue.accessibility) rows.push({ label: "Accessibilité", value: venue.accessibility });
  return rows;
}

/** The date, the place and the programme of an edition. */
export function EditionDetails({ edition }: { edition: EmailEdition }) {
  return (
    <Details
      rows={[
        { label: "Date", value: formatRange(edition.startsAt, edition.endsAt) },
        ...venueDetails(edition.venue),
        { label: "Programme", value: edition.url, link: true },
      ]}
    />
  );
}

/** A sentence that sends the reader to the edition's page, where anyone may register. */
export function EditionPageLink(props: { edition: EmailEdition; before: string; after?: string }) {
  return (
    <p>
      {fr(props.before)} <a href={props.edition.url}>la page de l’édition</a>
      {fr(props.after ?? ".")}
    </p>
  );
}
