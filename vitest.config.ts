import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "vitest/config";

const ALL = ["tests/{unit,integration}/**/*.test.ts", "app/**/*.test.ts", "emails/**/*.test.ts"];

// A file that sets the app's configuration, uses its shared connection, cookies or limiters (which
// a module keeps once loaded), loads routes or mocks a module gets fresh modules. The others only
// pass their own database handle to the domain: they share one module graph per worker, which
// spares each file its own process and its own import of the app (most of the suite's time on
// two cores).
const NEEDS_OWN_MODULES =
  /appDatabase\(|vi\.(mock|stubEnv|spyOn|useFakeTimers)|process\.env(\.\w+|\[[^\]]+\])\s*=[^=]|#app\/lib\/(env|session|flash|rate-limit|db)\.server|#app\/(routes|server)\//;
const OWN_MODULES = ["tests/unit", "tests/integration", "app", "emails"]
  .flatMap((dir) => fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).map((file) => path.join(dir, file)))
  .filter((file) => file.endsWith(".test.ts") && NEEDS_OWN_MODULES.test(fs.readFileSync(file, "utf8")));

export default defineConfig({
  test: {
    environment: "node",
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: "own modules", include: OWN_MODULES } },
      { extends: true, test: { name: "shared modules", include: ALL, exclude: OWN_MODULES, isolate: false } },
    ],
  },
});
