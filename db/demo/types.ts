import type { EditionStatus, SessionKind, SessionPersonRole } from "#app/domain/shared/vocabulary.ts";

export type PersonSeed = { name: string; role: string; organisation: string; as: SessionPersonRole };

export type EditionSeed = {
  slug: string;
  title: string;
  subtitle: string;
  summary: string;
  objectives: string[];
  /** Paris calendar day and wall times. */
  date: string;
  startTime: string;
  endTime: string;
  dateIsIllustrative: boolean;
  status: EditionStatus;
  capacity: number;
  waitlistEnabled: boolean;
  registration: { opens: [string, string]; closes: [string, string] };
  /** Who signs the attendance certificates of the edition. */
  signatory?: { name: string; role: string };
  contributions?: { opens: [string, string]; closes: [string, string] };
  venue: {
    name: string;
    city: string;
    postcode: string | null;
    address: string | null;
    access: string | null;
    accessibility: string | null;
  };
  themes: string[];
  programme: Array<{
    kind: SessionKind;
    title: string;
    description?: string;
    start: string;
    end: string;
    persons?: PersonSeed[];
  }>;
};
