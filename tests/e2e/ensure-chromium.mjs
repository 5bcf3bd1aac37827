// Makes sure Debian's Chromium is there for the end-to-end tests, installing it when this
// machine allows (root with apt-get); browser downloads by test tools are not possible here.
import { execSync } from "node:child_process";
import fs from "node:fs";

const executable = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (fs.existsSync(executable)) process.exit(0);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const hasApt = fs.existsSync("/usr/bin/apt-get");
if (isRoot && hasApt) {
  console.log(`Chromium is missing (${executable}); installing Debian's package…`);
  try {
    execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", {
      stdio: "inherit",
    });
  } catch {
    console.error("apt-get could not install chromium.");
    process.exit(1);
  }
  if (fs.existsSync(executable)) process.exit(0);
}

console.error(
  [
    `Chromium was not found at ${executable}, and it cannot be installed automatically here.`,
    "Install it, then run the tests again:",
    "  Debian/Ubuntu:  sudo apt-get install -y chromium",
    "Or point CHROMIUM_PATH at an existing Chromium or Chrome binary.",
  ].join("\n"),
);
process.exit(1);
