import { redirect } from "react-router";
import { signedCookie } from "./cookies.server.ts";
import { FLASH_COOKIE_PATTERN, FLASH_MAX_LENGTH, isFlashMessage, type FlashMessage } from "./flash.ts";

// A minute is enough to follow a redirect; a notice never shown is better than one shown days later.
const FLASH_MAX_AGE_S = 60;
const cookie = signedCookie("cts_flash", FLASH_MAX_AGE_S);

export function flashCookieHeader(flash: FlashMessage): Promise<string> {
  return cookie().serialize({ kind: flash.kind, message: flash.message.slice(0, FLASH_MAX_LENGTH) });
}

/**
 * A 303 to `url` that shows `flash` once on the page it lands on. The status is 303 so a form
 * posted without JavaScript is followed by a GET; `init.headers` (another Set-Cookie…) are kept.
 */
export async function redirectWithFlash(
  url: string,
  flash: FlashMessage,
  init: { status?: number; headers?: HeadersInit } = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await flashCookieHeader(flash));
  return redirect(url, { status: init.status ?? 303, headers });
}

/**
 * The notice waiting for this request, if any, and the header that forgets it so a reload does
 * not show it again. A cookie that is not ours (unsigned, forged, malformed) reads as no notice.
 */
export async function readFlash(request: Request): Promise<{ flash: FlashMessage | null; headers: Headers }> {
  const headers = new Headers();
  const raw = request.headers.get("Cookie");
  if (!raw || !FLASH_COOKIE_PATTERN.test(raw)) return { flash: null, headers };
  headers.append("Set-Cookie", await cookie().serialize("", { maxAge: 0 }));
  let value: unknown = null;
  try {
    value = await cookie().parse(raw);
  } catch {
    value = null;
  }
  return { flash: isFlashMessage(value) ? { kind: value.kind, message: value.message } : null, headers };
}
