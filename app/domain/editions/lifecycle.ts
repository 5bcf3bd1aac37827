// The tables of docs/lifecycle.md as data: every domain function that a phase can forbid asks
// here, and tests/integration/lifecycle.test.ts checks both the doc and the domain against it.
import type { EditionStatus, RegistrationStatus } from "#app/domain/shared/vocabulary.ts";
import { parisDateString, parisWallTimeToUtc } from "#app/lib/time.ts";

export const PHASES = ["draft", "announced", "open", "closed", "under_way", "held", "archived", "cancelled"] as const;
export type Phase = (typeof PHASES)[number];

/** The phases in which the day has begun: registrations turn into presences and absences. */
export const STARTED: readonly Phase[] = ["under_way", "held", "archived"];
const BEFORE_START: readonly Phase[] = ["announced", "open", "closed"];

export const REGISTRATION_STATES = ["confirmed", "waitlisted", "cancelled", "present", "absent"] as const;
export type RegistrationState = (typeof REGISTRATION_STATES)[number];
/** `none`: the person has no registration yet (the only state in which one registers). */
export type RegistrantState = RegistrationState | "none";

export type PhaseEdition = {
  status: EditionStatus;
  startsAt: Date;
  endsAt: Date;
  registrationOpensAt: Date | null;
  registrationClosesAt: Date | null;
  waitlistEnabled?: boolean;
};

/**
 * The phase of an edition at `now`. `full` says the seats are all taken, which closes an edition
 * without a waiting list; the caller counts them.
 */
export function editionPhase(edition: PhaseEdition, now: Date, options: { full?: boolean } = {}): Phase {
  if (edition.status !== "published") {
    return edition.status === "draft" ? "draft" : edition.status;
  }
  if (now >= edition.startsAt) return "under_way";
  const opens = edition.registrationOpensAt;
  const closes = edition.registrationClosesAt;
  if ((!opens && !closes) || (opens && now < opens)) return "announced";
  if (closes && now >= closes) return "closed";
  if (options.full && edition.waitlistEnabled === false) return "closed";
  return "open";
}

export function registrationState(
  registration: { status: RegistrationStatus; checkedInAt: Date | null },
  phase: Phase,
): RegistrationState {
  if (registration.status !== "confirmed") return registration.status;
  if (!STARTED.includes(phase)) return "confirmed";
  return registration.checkedInAt ? "present" : "absent";
}

type Rule<S> = { doc: string; phases: readonly Phase[]; states: readonly S[] };

const LIVE: readonly RegistrantState[] = ["confirmed", "waitlisted"];
const ANY: readonly RegistrantState[] = REGISTRATION_STATES;

/** What a registrant may do from their private link (or the public form, for `register`). */
export const REGISTRANT_RULES = {
  register: { doc: "register (alone or a team)", phases: ["open"], states: ["none"] },
  correct_details: {
    doc: "correct details (name, organisation, role, needs, meal)",
    phases: BEFORE_START,
    states: LIVE,
  },
  correct_email: {
    doc: "correct email (confirmed by a link sent to the new address)",
    phases: BEFORE_START,
    states: LIVE,
  },
  hand_over: { doc: "hand over the place (« Céder ma place »)", phases: BEFORE_START, states: LIVE },
  cancel: { doc: "cancel (« Me désinscrire »)", phases: BEFORE_START, states: LIVE },
  download_invite: {
    doc: "download the invite",
    phases: [...BEFORE_START, "under_way"],
    states: ["confirmed", "present", "absent"],
  },
  see_after_the_day: {
    doc: "see presence, certificate, survey",
    phases: STARTED,
    states: ["present", "absent"],
  },
  own_data: { doc: "download own data, erase own registration", phases: PHASES, states: ANY },
} as const satisfies Record<string, Rule<RegistrantState>>;
export type RegistrantAction = keyof typeof REGISTRANT_RULES;

/** `checkInTime`: the rule is the check-in window, not a list of phases (see `checkInOpen`). */
type OrganiserRule = Rule<RegistrantState> & { checkInTime?: true };

/** What organisers may do. `states`: the registrations an action applies to (`none` for the edition itself). */
export const ORGANISER_RULES = {
  edit_edition: {
    doc: "edit the edition (texts, windows)",
    phases: ["draft", ...BEFORE_START, "under_way", "held"],
    states: ["none"],
  },
  change_logistics: {
    doc: "change date, times, title or venue (invites updated, after a preview)",
    phases: ["draft", ...BEFORE_START],
    states: ["none"],
  },
  change_capacity: {
    doc: "change capacity (waiting list moves up, after a preview)",
    phases: ["draft", ...BEFORE_START],
    states: ["none"],
  },
  edit_programme: {
    doc: "edit the programme",
    phases: ["draft", ...BEFORE_START, "under_way", "held"],
    states: ["none"],
  },
  publish: {
    doc: "publish (programme in order, no overlap, within the day's hours)",
    phases: ["draft"],
    states: ["none"],
  },
  cancel_edition: {
    doc: "cancel the edition (everyone told, after a preview)",
    phases: BEFORE_START,
    states: ["none"],
  },
  cancel_registration: {
    doc: "cancel a registration, confirm from the waiting list",
    phases: BEFORE_START,
    states: LIVE,
  },
  confirm_from_waitlist: {
    doc: "cancel a registration, confirm from the waiting list",
    phases: BEFORE_START,
    states: ["waitlisted"],
  },
  resend_confirmation: {
    doc: "resend the confirmation (its invite and check-in code)",
    phases: [...BEFORE_START, "under_way"],
    states: ["confirmed", "present", "absent"],
  },
  check_in: {
    doc: "check in, register a walk-in (name and organisation; email optional)",
    phases: [...BEFORE_START, "under_way", "held"],
    states: ["confirmed", "present", "absent"],
    checkInTime: true,
  },
  walk_in: {
    doc: "check in, register a walk-in (name and organisation; email optional)",
    phases: [...BEFORE_START, "under_way", "held"],
    states: ["none"],
    checkInTime: true,
  },
  mark_presence: {
    doc: "mark present or absent (with a journal entry)",
    phases: ["under_way", "held"],
    states: ["present", "absent"],
  },
  mark_held: { doc: "mark held", phases: ["under_way", "archived"], states: ["none"] },
  issue_certificates: {
    doc: "issue certificates (to people present only)",
    phases: ["held", "archived"],
    states: ["present"],
  },
  archive: { doc: "archive", phases: ["held"], states: ["none"] },
} as const satisfies Record<string, OrganiserRule>;
export type OrganiserAction = keyof typeof ORGANISER_RULES;

export function registrantMay(action: RegistrantAction, phase: Phase, state: RegistrantState): boolean {
  const rule: Rule<RegistrantState> = REGISTRANT_RULES[action];
  return rule.phases.includes(phase) && rule.states.includes(state);
}

/**
 * Whether organisers may do `action`. Check-in and walk-ins also need the clock: they are open
 * from the day before the start (00:00 in Paris) to the end of the edition's day, and while held.
 */
export function organiserMay(
  action: OrganiserAction,
  phase: Phase,
  state: RegistrantState,
  clock?: { edition: Pick<PhaseEdition, "startsAt" | "endsAt">; now: Date },
): boolean {
  const rule: OrganiserRule = ORGANISER_RULES[action];
  if (!rule.phases.includes(phase) || !rule.states.includes(state)) return false;
  if (!rule.checkInTime || phase === "held") return true;
  return clock !== undefined && checkInOpen(clock.edition, clock.now);
}

/** 00:00 Paris time on the day before `instant`'s Paris day. */
function parisMidnightDayBefore(instant: Date): Date {
  const noon = Date.parse(`${parisDateString(instant)}T12:00:00Z`) - 86_400_000;
  return parisWallTimeToUtc(parisDateString(noon), "00:00")!;
}

/** The first instant after the Paris day of `instant`. */
function parisEndOfDay(instant: Date): Date {
  const noon = Date.parse(`${parisDateString(instant)}T12:00:00Z`) + 86_400_000;
  return parisWallTimeToUtc(parisDateString(noon), "00:00")!;
}

/** The check-in window: from 00:00 Paris time the day before the start to the end of the edition's last day. */
export function checkInWindow(edition: Pick<PhaseEdition, "startsAt" | "endsAt">): { opensAt: Date; closesAt: Date } {
  return { opensAt: parisMidnightDayBefore(edition.startsAt), closesAt: parisEndOfDay(edition.endsAt) };
}

export function checkInOpen(edition: Pick<PhaseEdition, "startsAt" | "endsAt">, now: Date): boolean {
  const { opensAt, closesAt } = checkInWindow(edition);
  return now >= opensAt && now < closesAt;
}

/** A rule of the lifecycle said no; the message is for people, `status` for HTTP. */
export class LifecycleError extends Error {
  constructor(
    message: string,
    readonly status: 409 = 409,
  ) {
    super(message);
  }
}

/** Why a registrant cannot do something now, in French, for the page that refuses it. */
export function registrantRefusal(action: RegistrantAction, phase: Phase, state: RegistrantState): string {
  if (phase === "cancelled") return "Cette édition est annulée.";
  if (state === "cancelled") return "Cette inscription est annulée\u00a0: elle ne peut plus être modifiée.";
  if (STARTED.includes(phase)) {
    if (action === "cancel") return "L’édition a commencé\u00a0: il n’est plus possible de se désinscrire.";
    return "L’édition a commencé\u00a0: votre inscription ne peut plus être modifiée.";
  }
  return "Cette action n’est pas possible à ce stade de l’édition.";
}

const PHASE_WORDS: Record<Phase, string> = {
  draft: "l’édition est un brouillon",
  announced: "les inscriptions ne sont pas ouvertes",
  open: "les inscriptions sont ouvertes",
  closed: "les inscriptions sont closes",
  under_way: "l’édition a commencé",
  held: "l’édition est marquée comme tenue",
  archived: "l’édition est archivée",
  cancelled: "l’édition est annulée",
};

/** Why organisers cannot do something now, in French. */
export function organiserRefusal(action: OrganiserAction, phase: Phase): string {
  if (action === "check_in" || action === "walk_in") {
    if (ORGANISER_RULES[action].phases.includes(phase as never)) {
      return "L’accueil n’est pas ouvert\u00a0: il ouvre à 0\u00a0h (heure de Paris) la veille de l’édition et ferme à la fin de la journée.";
    }
  }
  return `Impossible\u00a0: ${PHASE_WORDS[phase]}.`;
}

/** Throws the French refusal when a registrant may not do `action`. */
export function assertRegistrantMay(action: RegistrantAction, phase: Phase, state: RegistrantState): void {
  if (!registrantMay(action, phase, state)) throw new LifecycleError(registrantRefusal(action, phase, state));
}

/** Throws the French refusal when organisers may not do `action`. */
export function assertOrganiserMay(
  action: OrganiserAction,
  phase: Phase,
  state: RegistrantState,
  clock?: { edition: Pick<PhaseEdition, "startsAt" | "endsAt">; now: Date },
): void {
  if (!organiserMay(action, phase, state, clock)) throw new LifecycleError(organiserRefusal(action, phase));
}
