// Makes sure the deploy tests have Debian's nginx, openssl and systemd-analyze, installing the
// missing ones when this machine allows (root with apt-get), as tests/e2e/ensure-chromium.ts does.
import { execSync } from "node:child_process";
import fs from "node:fs";

// The paths tests/deploy/support.ts uses, with the same overrides.
const tools = [
  { name: "nginx", executable: process.env.NGINX_PATH || "/usr/sbin/nginx", pkg: "nginx", override: "NGINX_PATH" },
  {
    name: "openssl",
    executable: process.env.OPENSSL_PATH || "/usr/bin/openssl",
    pkg: "openssl",
    override: "OPENSSL_PATH",
  },
  {
    name: "systemd-analyze",
    executable: process.env.SYSTEMD_ANALYZE_PATH || "/usr/bin/systemd-analyze",
    pkg: "systemd",
    override: "SYSTEMD_ANALYZE_PATH",
  },
];

const missing = () => tools.filter((tool) => !fs.existsSync(tool.executable));
if (missing().length === 0) process.exit(0);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const hasApt = fs.existsSync("/usr/bin/apt-get");
if (isRoot && hasApt) {
  const packages = missing().map((tool) => tool.pkg);
  console.log(
    `Missing for the deploy tests: ${missing()
      .map((tool) => tool.executable)
      .join(", ")}; installing ${packages.join(" ")}…`,
  );
  try {
    execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages.join(" ")}`, {
      stdio: "inherit",
    });
  } catch {
    console.error(`apt-get could not install ${packages.join(" ")}.`);
    process.exit(1);
  }
  if (missing().length === 0) process.exit(0);
}

console.error(
  [
    "The deploy tests run the shipped nginx site and systemd units with the real tools, and these are missing:",
    ...missing().map((tool) => `  ${tool.name} (${tool.executable}; another path with ${tool.override}=…)`),
    "They cannot be installed automatically here (this needs root and apt-get). Install them, then run the tests again:",
    `  Debian/Ubuntu:  sudo apt-get install -y ${missing()
      .map((tool) => tool.pkg)
      .join(" ")}`,
  ].join("\n"),
);
process.exit(1);
