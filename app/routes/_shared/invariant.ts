import { data } from "react-router";

/** What the error boundary shows: a French title and, when useful, a sentence. */
export type ErrorPayload = { title?: string; message?: string };

/**
 * Throws a response the nearest error boundary renders when `condition` is falsy, so that a
 * loader reads as its happy path: `invariantResponse(edition, 404, { title: "Édition introuvable" })`.
 */
export function invariantResponse(condition: unknown, status: number, payload: ErrorPayload): asserts condition {
  if (!condition) throw data(payload, { status });
}
