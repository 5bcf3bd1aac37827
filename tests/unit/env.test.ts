import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "#app/lib/env.server.ts";

const tmp = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cts-env-")), "cts.db");

describe("configuration", () => {
  it("has working defaults for a local run", () => {
    const env = parseEnv({ DATABASE_PATH: tmp() });
    expect(env.port).toBe(3000);
    expect(env.appUrl).toBe("http://localhost:3000");
    expect(env.secureCookies).toBe(false);
    expect(env.smtpUrl).toBeUndefined();
    expect(env.sessionSecret).toMatch(/^[0-9a-f]{64}$/);
  });

  it("keeps backups out of the data folder: a sibling of it, or BACKUP_DIR", () => {
    const file = tmp();
    const dataDir = path.dirname(file);
    const env = parseEnv({ DATABASE_PATH: file });
    expect(env.backupDir).toBe(`${dataDir}-backups`);
    expect(path.relative(dataDir, env.backupDir).startsWith("..")).toBe(true);
    expect(env.backupMaxAgeDays).toBe(30);
    expect(
      parseEnv({ DATABASE_PATH: file, BACKUP_DIR: "/srv/sauvegardes/cts", BACKUP_MAX_AGE_DAYS: "14" }),
    ).toMatchObject({
      backupDir: "/srv/sauvegardes/cts",
      backupMaxAgeDays: 14,
    });
    expect(() => parseEnv({ DATABASE_PATH: file, BACKUP_MAX_AGE_DAYS: "0" })).toThrow(/BACKUP_MAX_AGE_DAYS/);
  });

  it("keeps the generated development secret across restarts", () => {
    const file = tmp();
    expect(parseEnv({ DATABASE_PATH: file }).sessionSecret).toBe(parseEnv({ DATABASE_PATH: file }).sessionSecret);
  });

  it("requires a session secret in production", () => {
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_PATH: tmp() })).toThrow(
      /SESSION_SECRET: is required in production/,
    );
    expect(() => parseEnv({ NODE_ENV: "production", SESSION_SECRET: "short", DATABASE_PATH: tmp() })).toThrow(
      /at least 32 characters/,
    );
  });

  it("rejects a bad port, URL or SMTP address with the name of the variable", () => {
    expect(() => parseEnv({ PORT: "99999" })).toThrow(/PORT/);
    expect(() => parseEnv({ APP_URL: "ftp://example.org" })).toThrow(/APP_URL/);
    expect(() => parseEnv({ SMTP_URL: "pas une adresse" })).toThrow(/SMTP_URL/);
  });

  it("uses secure cookies as soon as the app is served over https", () => {
    const env = parseEnv({ APP_URL: "https://cts.siao95.fr/", SESSION_SECRET: "x".repeat(40), NODE_ENV: "production" });
    expect(env.secureCookies).toBe(true);
    expect(env.appUrl).toBe("https://cts.siao95.fr");
  });
});
