import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatRange,
  formatTime,
  parisDateString,
  parisOffsetMinutes,
  parisTimeString,
  parisWallTimeToUtc,
} from "#app/lib/time.ts";

const NBSP = "\u00a0";

describe("French formatting in Europe/Paris", () => {
  it("writes a long French date with the weekday", () => {
    expect(formatDate(new Date("2025-10-16T07:00:00Z"))).toBe("jeudi 16 octobre 2025");
  });

  it("writes the first of the month as « 1er »", () => {
    expect(formatDate(new Date("2025-10-01T10:00:00Z"))).toBe("mercredi 1er octobre 2025");
  });

  it("uses the Paris day, not the UTC day, near midnight", () => {
    // 23:30 UTC on the 15th is already the 16th in Paris (UTC+2).
    expect(formatDate(new Date("2025-10-15T23:30:00Z"))).toBe("jeudi 16 octobre 2025");
  });

  it("writes times the French way with non-breaking spaces", () => {
    expect(formatTime(new Date("2025-10-16T07:30:00Z"))).toBe(`9${NBSP}h${NBSP}30`);
    expect(formatTime(new Date("2025-10-16T12:00:00Z"))).toBe(`14${NBSP}h`);
    expect(formatTime(new Date("2026-01-15T08:05:00Z"))).toBe(`9${NBSP}h${NBSP}05`);
  });

  it("writes a same-day range once", () => {
    expect(formatRange(new Date("2025-10-16T07:00:00Z"), new Date("2025-10-16T14:30:00Z"))).toBe(
      `jeudi 16 octobre 2025, de 9${NBSP}h à 16${NBSP}h${NBSP}30`,
    );
  });
});

describe("Paris wall time to UTC across daylight saving", () => {
  it("uses UTC+1 in winter", () => {
    expect(parisWallTimeToUtc("2026-01-15", "09:00")?.toISOString()).toBe("2026-01-15T08:00:00.000Z");
  });

  it("uses UTC+2 in summer", () => {
    expect(parisWallTimeToUtc("2025-10-16", "09:00")?.toISOString()).toBe("2025-10-16T07:00:00.000Z");
  });

  it("switches on the last Sunday of March", () => {
    expect(parisWallTimeToUtc("2026-03-29", "01:30")?.toISOString()).toBe("2026-03-29T00:30:00.000Z");
    expect(parisWallTimeToUtc("2026-03-29", "03:30")?.toISOString()).toBe("2026-03-29T01:30:00.000Z");
  });

  it("refuses the hour that does not exist in spring", () => {
    expect(parisWallTimeToUtc("2026-03-29", "02:30")).toBeNull();
  });

  it("picks the first of the repeated autumn hour", () => {
    expect(parisWallTimeToUtc("2026-10-25", "02:30")?.toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(parisWallTimeToUtc("2026-10-25", "04:00")?.toISOString()).toBe("2026-10-25T03:00:00.000Z");
  });

  it("rejects impossible dates and malformed text", () => {
    expect(parisWallTimeToUtc("2026-02-30", "09:00")).toBeNull();
    expect(parisWallTimeToUtc("2026-13-01", "09:00")).toBeNull();
    expect(parisWallTimeToUtc("16/10/2025", "09:00")).toBeNull();
    expect(parisWallTimeToUtc("2025-10-16", "9h")).toBeNull();
    expect(parisWallTimeToUtc("2025-10-16", "24:00")).toBeNull();
  });

  it("round-trips through the form values", () => {
    for (const iso of [
      "2026-03-28T23:15:00Z",
      "2026-07-01T10:00:00Z",
      "2026-10-25T02:45:00Z",
      "2026-12-31T22:59:00Z",
    ]) {
      const instant = new Date(iso);
      const back = parisWallTimeToUtc(parisDateString(instant), parisTimeString(instant));
      expect(back?.toISOString()).toBe(instant.toISOString());
    }
  });

  it("knows the offset on each side of the change", () => {
    expect(parisOffsetMinutes(new Date("2026-03-29T00:59:00Z"))).toBe(60);
    expect(parisOffsetMinutes(new Date("2026-03-29T01:00:00Z"))).toBe(120);
  });
});
