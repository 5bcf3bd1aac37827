import { env } from "./env.server.ts";

/**
 * Fixed-window counters in memory, per key (usually a form and a client IP). One process serves
 * the app, so memory is the right place; a restart forgets, which only ever errs towards letting
 * people in.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one hit; returns how long to wait when over the limit, else 0. */
  hit(key: string, now: number = Date.now()): number {
    const current = this.windows.get(key);
    if (!current || now - current.start >= this.windowMs) {
      this.windows.set(key, { start: now, count: 1 });
      if (this.windows.size > 10_000) this.sweep(now);
      return 0;
    }
    current.count++;
    return current.count > this.limit ? current.start + this.windowMs - now : 0;
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.start >= this.windowMs) this.windows.delete(key);
    }
  }
}

let publicLimiter: RateLimiter | undefined;

/** Public forms: `PUBLIC_FORM_RATE_LIMIT` posts per IP and per 10 minutes (60 by default: a whole office may share one address). */
export function publicFormLimiter(): RateLimiter {
  publicLimiter ??= new RateLimiter(env().publicFormRateLimit, 10 * 60_000);
  return publicLimiter;
}
