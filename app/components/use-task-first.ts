import { useMatches } from "react-router";

/**
 * A page used standing up, on a phone (the day's check-in), says so with `handle.taskFirst`: its
 * content then comes before the menu in the document, and the menu only moves back to the left
 * column on a wide screen.
 */
export function useTaskFirst(): boolean {
  return useMatches().some((match) => (match.handle as { taskFirst?: boolean } | undefined)?.taskFirst === true);
}
