import fs from "node:fs";

export const HEADLESS_SHELL = "/usr/bin/chromium-headless-shell";
export const FULL_BROWSER = "/usr/bin/chromium";

/** CHROMIUM_PATH when set, else Debian's headless shell when installed, else Debian's browser. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || (fs.existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : FULL_BROWSER);
}
