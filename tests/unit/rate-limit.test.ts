import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { lostLinkSchema } from "#app/forms/registration.ts";
import { checkPublicPost } from "#app/routes/_shared/public-form.server.ts";
import { RateLimiter } from "#app/lib/rate-limit.server.ts";

describe("the fixed-window rate limiter", () => {
  it("lets the limit through, then says how long to wait until the window ends", () => {
    const limiter = new RateLimiter(3, 60_000);
    const start = 1_000_000;
    expect([0, 1, 2].map((i) => limiter.hit("form:203.0.113.9", start + i))).toEqual([0, 0, 0]);
    expect(limiter.hit("form:203.0.113.9", start + 10_000)).toBe(50_000);
    // Another address, or the same form once the window is over, starts afresh.
    expect(limiter.hit("form:198.51.100.7", start + 10_000)).toBe(0);
    expect(limiter.hit("form:203.0.113.9", start + 60_000)).toBe(0);
  });
});

describe("the public-form guard", () => {
  const post = (email: string) => {
    const form = new FormData();
    form.set("email", email);
    return parseWithZod(form, { schema: lostLinkSchema });
  };

  it("answers 400 with the field errors for bad input, and the parsed value for good input", async () => {
    const bad = checkPublicPost(post("pas-une-adresse"), "lost-link", "192.0.2.1");
    expect(bad.refused?.init?.status).toBe(400);
    const good = checkPublicPost(post("awa.diallo@example.org"), "lost-link", "192.0.2.1");
    expect(good.value?.email).toBe("awa.diallo@example.org");
  });

  it("answers 429 in French with Retry-After once an address sent too many forms", () => {
    const ip = "192.0.2.200";
    // PUBLIC_FORM_RATE_LIMIT defaults to 60 per 10 minutes.
    for (let i = 0; i < 60; i++)
      expect("value" in checkPublicPost(post(`n${i}@example.org`), "lost-link", ip)).toBe(true);
    const { refused } = checkPublicPost(post("n61@example.org"), "lost-link", ip);
    expect(refused?.init?.status).toBe(429);
    expect(Number(new Headers(refused?.init?.headers).get("Retry-After"))).toBeGreaterThan(500);
    expect(JSON.stringify(refused?.data)).toContain(
      "Trop d’envois depuis votre connexion. Réessayez dans 10\u00a0minutes.",
    );
    // Other forms from the same address are counted apart.
    expect("value" in checkPublicPost(post("autre@example.org"), "registration", ip)).toBe(true);
  });
});
