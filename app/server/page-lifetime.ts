/**
 * A page may ask the page cache to keep it for less than the usual minute, in seconds, through
 * this response header (the cache reads it and does not pass it on). Pages that show a seat
 * count use it: registrations do not bump the content version, so the count is at most this
 * old (docs/decisions/019-seats-at-a-glance.md).
 */
export const PAGE_LIFETIME_HEADER = "X-Page-Cache-Max-Age";

/** How old a seat count on a cached page may be, in seconds. */
export const SEAT_COUNT_LIFETIME_S = 5;

export function seatCountHeaders(): Record<string, string> {
  return { [PAGE_LIFETIME_HEADER]: String(SEAT_COUNT_LIFETIME_S) };
}
