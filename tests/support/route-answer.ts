/** What a route answered: its data, or the status and location (or data) of what it threw. */
export async function answer(run: () => unknown): Promise<{ status: number; body: unknown }> {
  try {
    return { status: 200, body: await run() };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, body: error.headers.get("Location") };
    const init = (error as { init?: ResponseInit | null; data?: unknown }).init;
    if (init?.status) return { status: init.status, body: (error as { data?: unknown }).data };
    throw error;
  }
}

/** A form as a browser posts it, with no JavaScript. */
export function formPost(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Request {
  return new Request(url, { method: "POST", headers, body: new URLSearchParams(form) });
}
