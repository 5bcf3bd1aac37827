import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The deploy tests need the build and real nginx, openssl and systemd-analyze: `npm run test:deploy`
// provides them, after the unit and end-to-end tests.
export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    include: ["tests/deploy/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
