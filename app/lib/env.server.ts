import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATABASE_PATH: z.string().min(1).default("data/cts.db"),
    APP_URL: z.url({ protocol: /^https?$/ }).optional(),
    SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    MAIL_FROM: z.string().min(3).default("CTS – SIAO 95 <cts@siao95.example>"),
    PUBLIC_FORM_RATE_LIMIT: z.coerce.number().int().min(1).default(60),
    MAIL_WORKER: z.enum(["in-app", "off"]).default("in-app"),
    RETENTION_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
    PAGE_CACHE: z.enum(["on", "off"]).default("on"),
    TRUST_PROXY: z.string().min(1).optional(),
    UPLOAD_MAX_BYTES: z.coerce.number().int().min(1).default(26_214_400),
    BACKUP_DIR: z.string().min(1).optional(),
    BACKUP_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["SESSION_SECRET"],
        message: "is required in production (e.g. `openssl rand -hex 32`)",
      });
    }
  });

export type Env = {
  nodeEnv: "development" | "production" | "test";
  port: number;
  databasePath: string;
  dataDir: string;
  appUrl: string;
  secureCookies: boolean;
  sessionSecret: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Posts to public forms allowed per client IP and per 10 minutes. */
  publicFormRateLimit: number;
  /** "off" when `npm run mail:work` runs as its own process instead. */
  mailWorker: "in-app" | "off";
  /** Months after an edition before its registrations and contributions are anonymised. */
  retentionMonths: number;
  /** Anonymous public pages kept in memory until the content they show changes. */
  pageCache: boolean;
  /** Express's `trust proxy`: which reverse proxies may tell the client address (X-Forwarded-For). */
  trustProxy: string | undefined;
  /** Largest document an organiser may upload, in bytes. */
  uploadMaxBytes: number;
  /**
   * Where `npm run db:backup` writes its copies: outside the data folder, so that erasing a person
   * leaves nothing in the data folder; the copies themselves are deleted after `backupMaxAgeDays`.
   */
  backupDir: string;
  /** Age after which a backup (which still holds what was erased since) is deleted. */
  backupMaxAgeDays: number;
};

/** Empty strings count as unset, as they do in most deployment tools. */
function readRaw(source: NodeJS.ProcessEnv) {
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value !== undefined && value !== "") raw[key] = value;
  }
  return raw;
}

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = envSchema.safeParse(readRaw(source));
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const env = result.data;
  const databasePath = path.resolve(env.DATABASE_PATH);
  const dataDir = path.dirname(databasePath);
  const appUrl = (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
  return {
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    databasePath,
    dataDir,
    appUrl,
    secureCookies: appUrl.startsWith("https://"),
    sessionSecret: env.SESSION_SECRET ?? developmentSecret(dataDir),
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    publicFormRateLimit: env.PUBLIC_FORM_RATE_LIMIT,
    mailWorker: env.MAIL_WORKER,
    retentionMonths: env.RETENTION_MONTHS,
    pageCache: env.PAGE_CACHE === "on",
    trustProxy: env.TRUST_PROXY,
    uploadMaxBytes: env.UPLOAD_MAX_BYTES,
    backupDir: env.BACKUP_DIR ? path.resolve(env.BACKUP_DIR) : defaultBackupDir(dataDir),
    backupMaxAgeDays: env.BACKUP_MAX_AGE_DAYS,
  };
}

/** A sibling of the data folder: `data` → `data-backups`, `/var/lib/cts` → `/var/lib/cts-backups`. */
export function defaultBackupDir(dataDir: string): string {
  return path.join(path.dirname(dataDir), `${path.basename(dataDir)}-backups`);
}

/** Outside production a secret is generated once and kept beside the database, so sessions survive restarts. */
function developmentSecret(dataDir: string): string {
  const file = path.join(dataDir, ".session-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString("hex");
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
