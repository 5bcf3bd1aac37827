import { expect } from "vitest";

// What the email-template tests render: text as people may type it, and a programme slot.

/** A speaker's name with markup in it: every template must show it as text. */
export const HOSTILE_SPEAKER = { name: "Awa <Diallo>" };

/** The HTML part shows the typed "<Diallo>" escaped, never as a tag. */
export function expectDialloEscaped(html: string): void {
  expect(html).not.toContain("<Diallo>");
  expect(html).toContain("&lt;Diallo&gt;");
}

/** The round table a speaker is placed in: two hours in room B from `startsAt`. */
export function roundTableSession(startsAt: string) {
  const start = new Date(startsAt);
  return {
    title: "Table ronde 1 — Repérer",
    startsAt: start,
    endsAt: new Date(start.getTime() + 2 * 3_600_000),
    room: "Salle B",
  };
}
