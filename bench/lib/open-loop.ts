import { percentile, sender, type RequestSpec, type Target } from "./load.ts";

export type OpenLoopResult = {
  ratePerSecond: number;
  seconds: number;
  arrivals: number;
  /** Arrivals whose visit (page, then form) ended with the expected statuses. */
  completed: number;
  errors: number;
  page: { p50: number; p99: number };
  post: { p50: number; p99: number };
  /** From the scheduled arrival to the end of the form's answer. */
  visit: { p50: number; p99: number; max: number };
  /** How late the bench itself sent an arrival: above a few ms, the generator, not the app, fell behind. */
  maxSendDelayMs: number;
  /** Arrivals finished per second over the arrival window, and how long after the last arrival the last answer came. */
  completedPerSecond: number;
  drainMs: number;
};

/**
 * Open loop: visitors arrive on a timer at a constant rate, whatever the server's answers do
 * (people do not wait for each other). Each visitor opens its own connection, loads the page,
 * then posts the form on that connection, as a browser would.
 */
export async function openLoop(
  target: Target | number,
  options: {
    ratePerSecond: number;
    seconds: number;
    visit: (index: number) => { page: RequestSpec; post: RequestSpec };
  },
): Promise<OpenLoopResult> {
  const arrivals = Math.round(options.ratePerSecond * options.seconds);
  const interval = 1000 / options.ratePerSecond;
  const page: number[] = [];
  const post: number[] = [];
  const visit: number[] = [];
  let errors = 0;
  let completed = 0;
  let maxSendDelayMs = 0;
  let lastEnd = 0;
  const started = performance.now() + 20;

  const one = async (index: number, scheduled: number) => {
    maxSendDelayMs = Math.max(maxSendDelayMs, performance.now() - scheduled);
    const client = sender(target, 1);
    const spec = options.visit(index);
    try {
      const shown = await client.send(spec.page);
      page.push(shown.ms);
      const posted = await client.send(spec.post);
      post.push(posted.ms);
      const end = performance.now();
      visit.push(end - scheduled);
      lastEnd = Math.max(lastEnd, end);
      if (shown.status === 200 && posted.status > 0 && posted.status < 400) completed++;
      else errors++;
    } finally {
      client.close();
    }
  };

  const visits: Array<Promise<void>> = [];
  await new Promise<void>((resolve) => {
    let index = 0;
    // One timer re-armed for each arrival against the absolute schedule, so a late tick does not shift the ones after it.
    const tick = () => {
      const now = performance.now();
      while (index < arrivals && started + index * interval <= now) {
        visits.push(one(index, started + index * interval));
        index++;
      }
      if (index >= arrivals) return resolve();
      setTimeout(tick, Math.max(0, started + index * interval - performance.now()));
    };
    setTimeout(tick, Math.max(0, started - performance.now()));
  });
  await Promise.all(visits);
  const windowEnd = started + arrivals * interval;
  return {
    ratePerSecond: options.ratePerSecond,
    seconds: options.seconds,
    arrivals,
    completed,
    errors,
    page: { p50: percentile(page, 0.5), p99: percentile(page, 0.99) },
    post: { p50: percentile(post, 0.5), p99: percentile(post, 0.99) },
    visit: { p50: percentile(visit, 0.5), p99: percentile(visit, 0.99), max: Math.max(0, ...visit) },
    maxSendDelayMs,
    completedPerSecond: (completed / (Math.max(lastEnd, windowEnd) - started)) * 1000,
    drainMs: Math.max(0, lastEnd - windowEnd),
  };
}
