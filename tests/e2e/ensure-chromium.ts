// Makes sure Debian's Chromium is there for the end-to-end tests, installing it when this
// machine allows (root with apt-get); browser downloads by test tools are not possible here.
// The old headless shell (package chromium-headless-shell) is preferred: the same engine without
// the desktop browser's machinery, it runs the suite with less CPU. playwright.config.ts picks
// the same executable (tests/e2e/chromium-path.ts).
import { execSync } from "node:child_process";
import fs from "node:fs";
import { chromiumPath, FULL_BROWSER, HEADLESS_SHELL } from "./chromium-path.ts";

if (process.env.CHROMIUM_PATH) {
  if (fs.existsSync(process.env.CHROMIUM_PATH)) process.exit(0);
  console.error(`CHROMIUM_PATH points at ${process.env.CHROMIUM_PATH}, which does not exist.`);
  process.exit(1);
}
if (fs.existsSync(HEADLESS_SHELL)) process.exit(0);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const hasApt = fs.existsSync("/usr/bin/apt-get");
if (isRoot && hasApt) {
  const packages = fs.existsSync(FULL_BROWSER) ? "chromium-headless-shell" : "chromium chromium-headless-shell";
  console.log(`Installing Debian's ${packages} for the end-to-end tests…`);
  try {
    execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages}`, {
      stdio: "inherit",
    });
  } catch {
    console.error(`apt-get could not install ${packages}.`);
  }
}
if (fs.existsSync(chromiumPath())) process.exit(0);

console.error(
  [
    `Chromium was found neither at ${HEADLESS_SHELL} nor at ${FULL_BROWSER}, and it cannot be installed automatically here.`,
    "Install it, then run the tests again:",
    "  Debian/Ubuntu:  sudo apt-get install -y chromium-headless-shell   (or chromium)",
    "Or point CHROMIUM_PATH at an existing Chromium or Chrome binary.",
  ].join("\n"),
);
process.exit(1);
