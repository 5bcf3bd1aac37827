// One place for turning instants into French text in Europe/Paris, and back.

export const TIME_ZONE = "Europe/Paris";
const NBSP = "\u00a0";

const dateFormatter = new Intl.DateTimeFormat("fr-FR", {
  timeZone: TIME_ZONE,
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
});
const shortDateFormatter = new Intl.DateTimeFormat("fr-FR", {
  timeZone: TIME_ZONE,
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
});
const monthYearFormatter = new Intl.DateTimeFormat("fr-FR", { timeZone: TIME_ZONE, month: "long", year: "numeric" });
const partsFormatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

type Instant = Date | number;
const toDate = (value: Instant) => (typeof value === "number" ? new Date(value) : value);

/** « jeudi 16 octobre 2025 » (« 1er » for the first of the month, as French writes it). */
export function formatDate(value: Instant): string {
  const text = dateFormatter.format(toDate(value));
  return text.replace(/^(\p{L}+) 1 /u, `$1 1er `);
}

/** « 16 octobre 2025 », « 1er octobre 2025 »: without the weekday, as a letter is dated. */
export function formatDayMonthYear(value: Instant): string {
  return formatDate(value).replace(/^\p{L}+ /u, "");
}

/** « 16/10/2025 » */
export function formatShortDate(value: Instant): string {
  return shortDateFormatter.format(toDate(value));
}

/** « octobre 2025 » */
export function formatMonthYear(value: Instant): string {
  return monthYearFormatter.format(toDate(value));
}

/** « 9 h 30 », « 14 h » */
export function formatTime(value: Instant): string {
  const { hour, minute } = parisParts(value);
  return minute === 0 ? `${hour}${NBSP}h` : `${hour}${NBSP}h${NBSP}${String(minute).padStart(2, "0")}`;
}

/** « jeudi 16 octobre 2025 à 9 h 30 » */
export function formatDateTime(value: Instant): string {
  return `${formatDate(value)} à ${formatTime(value)}`;
}

/** « jeudi 16 octobre 2025, de 9 h à 17 h » (or across days when needed). */
export function formatRange(start: Instant, end: Instant): string {
  if (parisDateString(start) === parisDateString(end)) {
    return `${formatDate(start)}, de ${formatTime(start)} à ${formatTime(end)}`;
  }
  return `du ${formatDateTime(start)} au ${formatDateTime(end)}`;
}

export type ParisParts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

/**
 * `formatToParts` showed in the profile of a rendered edition page (decision 023): each
 * programme item formats its times several times, and a page shows few distinct instants.
 */
const partsByInstant = new Map<number, ParisParts>();

export function parisParts(value: Instant): ParisParts {
  const date = toDate(value);
  const instant = date.getTime();
  const known = partsByInstant.get(instant);
  if (known) return { ...known };
  const parts = partsFormatter.formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const computed: ParisParts = {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    hour: get("hour"),
    minute: get("minute"),
    second: get("second"),
  };
  if (partsByInstant.size >= 4096) partsByInstant.clear();
  partsByInstant.set(instant, computed);
  return { ...computed };
}

/** "2025-10-16": the Paris calendar day of an instant, as an `<input type="date">` value. */
export function parisDateString(value: Instant): string {
  const p = parisParts(value);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** "09:30": the Paris wall time of an instant, as an `<input type="time">` value. */
export function parisTimeString(value: Instant): string {
  const p = parisParts(value);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** Minutes Paris is ahead of UTC at a given instant (60 in winter, 120 in summer). */
export function parisOffsetMinutes(value: Instant): number {
  const date = toDate(value);
  const p = parisParts(date);
  const wallAsUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((wallAsUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * The UTC instant of a Paris wall-clock time, or null when the text is not a real date and
 * time or when that time does not exist in Paris (the spring-forward hour). In the repeated
 * autumn hour the earlier (summer-time) instant is chosen.
 */
export function parisWallTimeToUtc(date: string, time: string): Date | null {
  const d = DATE_RE.exec(date);
  const t = TIME_RE.exec(time);
  if (!d || !t) return null;
  const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wallAsUtc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  // Try both offsets Paris uses; keep those that read back as the same wall time.
  const candidates = [120, 60]
    .map((offset) => wallAsUtc - offset * 60000)
    .filter((instant) => {
      const p = parisParts(instant);
      return p.year === year && p.month === month && p.day === day && p.hour === hour && p.minute === minute;
    });
  return candidates.length > 0 ? new Date(candidates[0]!) : null;
}
