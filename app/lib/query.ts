/** The query string of `params` with `changes` made (a string sets its key, null removes it), without "?". */
export function changedQuery(params: URLSearchParams, changes: Record<string, string | null>): string {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) next.delete(key);
    else next.set(key, value);
  }
  return next.toString();
}
