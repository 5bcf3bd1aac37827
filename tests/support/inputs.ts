import type { ArticleInput } from "#app/domain/articles/articles.server.ts";
import type { ContributionInput } from "#app/domain/contributions/submissions.server.ts";
import type { DispositifInput } from "#app/domain/directory/dispositifs.server.ts";
import { EMPTY_DISPOSITIF_VALUES } from "#app/domain/directory/values.ts";
import type { PersonInput, SessionInput } from "#app/domain/editions/programme.server.ts";
import type { EditionFormValues } from "#app/forms/edition.ts";

// What the back-office forms hand to the domain once parsed, with every optional field empty:
// a test overrides only the fields its assertions are about.

/** Fresh defaults on each call (no array shared between tests), then the test's own values. */
function withOverrides<T>(defaults: () => T): (overrides?: Partial<T>) => T {
  return (overrides = {}) => ({ ...defaults(), ...overrides });
}

/** An edition on 20 May 2027 at a new venue in Argenteuil, 2 seats and a waiting list. */
export const editionForm = withOverrides<EditionFormValues>(() => ({
  title: "Logement d’abord : où en est-on ?",
  subtitle: null,
  themeIds: [],
  newTheme: "Logement d’abord",
  date: "2027-05-20",
  startTime: "09:00",
  endTime: "16:30",
  venueId: "new",
  newVenueName: "Salle Jean Vilar",
  newVenueAddress: null,
  newVenuePostcode: "95100",
  newVenueCity: "Argenteuil",
  newVenueAccess: null,
  newVenueAccessibility: null,
  summary: null,
  objectives: "Comprendre\nPartager",
  capacity: 2,
  waitlistEnabled: true,
  registrationOpensAt: "2026-11-01T09:00",
  registrationClosesAt: "2027-05-10T18:00",
  contributionsOpensAt: undefined,
  contributionsClosesAt: undefined,
  signatoryName: null,
  signatoryRole: null,
}));

/** A published synthesis tied to no edition nor theme. */
export const articleInput = withOverrides<ArticleInput>(() => ({
  title: "Synthèse",
  slug: null,
  standfirst: null,
  bodyMarkdown: "Texte.",
  furtherReadingMarkdown: null,
  editionId: null,
  themeIds: [],
  status: "published",
  publishedAt: null,
}));

/** A directory entry with only its name, operator and category. */
export const dispositifInput = withOverrides<DispositifInput>(() => ({
  name: "Service",
  operator: "Association exemple",
  category: "insertion",
  ...EMPTY_DISPOSITIF_VALUES,
}));

/** A speaker's proposal with no co-speaker, no wished session and no constraint. */
export const contributionInput = withOverrides<ContributionInput>(() => ({
  name: "Awa Diallo",
  email: "awa@example.org",
  role: "infirmière",
  organisation: "EMPP",
  coSpeakers: [],
  title: "La maraude santé",
  abstract: "Deux ans de maraudes communes.",
  format: "retour_experience",
  wishedSessionId: null,
  availability: null,
}));

/** A programme item with no description. */
export function programmeItem(
  kind: SessionInput["kind"],
  title: string,
  startTime: string,
  endTime: string,
  room: string | null = null,
): SessionInput {
  return { kind, title, description: null, startTime, endTime, room };
}

/** A person new to the programme, with no email address, as `attachPerson` takes one. */
export function newSpeaker(
  name: string,
  role: string | null = null,
  organisation: string | null = null,
): { create: PersonInput } {
  return { create: { name, role, organisation, email: null } };
}
