// deploy/systemd/: the units pass systemd-analyze as shipped, agree with package.json and the
// example settings, and their jobs run (outside systemd's sandbox: no systemd runs here).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { seedDatabase } from "./servers.ts";
import {
  execStart,
  parseEnvFile,
  readRepoFile,
  repoRoot,
  requireTool,
  serviceEnv,
  setting,
  shippedUnit,
  tempDir,
  tools,
  type Unit,
} from "./support.ts";

const UNITS = ["cts.service", "cts-backup.service", "cts-backup.timer", "cts-purge.service", "cts-purge.timer"];
const SERVICES = UNITS.filter((name) => name.endsWith(".service"));
/** What every service must keep, whatever else changes. */
const REQUIRED = { NoNewPrivileges: "yes", ProtectSystem: "strict", ProtectHome: "yes", PrivateTmp: "yes" };
const unitDir = path.join(repoRoot, "deploy/systemd");
const settings = parseEnvFile(readRepoFile("deploy/cts.env.example"));
const dataDir = path.dirname(settings["DATABASE_PATH"] ?? "");
const scripts = (JSON.parse(readRepoFile("package.json")) as { scripts: Record<string, string> }).scripts;

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function analyze(args: string[], cwd: string) {
  const result = spawnSync(requireTool(tools.systemdAnalyze), args, { cwd, encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}`.trim() };
}

/** The value of `--name` among ExecStart's arguments. */
function option(unit: Unit, name: string): string | undefined {
  const args = execStart(unit);
  const index = args.indexOf(name);
  return index < 0 ? undefined : args[index + 1];
}

describe("systemd-analyze", () => {
  test("verify accepts every unit as shipped, without a single warning", () => {
    // verify checks that ExecStart's binary exists. Where Node is not /usr/bin/node (as the
    // units assume, README "Production"), copies point at this machine's Node instead.
    let dir = unitDir;
    if (!fs.existsSync("/usr/bin/node")) {
      dir = tempDir("units");
      dirs.push(dir);
      for (const name of UNITS) {
        const text = readRepoFile(`deploy/systemd/${name}`);
        fs.writeFileSync(
          path.join(dir, name),
          text.replaceAll("ExecStart=/usr/bin/node ", `ExecStart=${process.execPath} `),
        );
      }
    }
    const result = analyze(["verify", ...UNITS.map((name) => `./${name}`)], dir);
    // verify exits 0 on unknown keys or invalid values (it only prints them): any output fails.
    expect(result.output).toBe("");
    expect(result.status).toBe(0);
  });

  test("security rates every service's sandbox at an exposure of 2.0 or less", () => {
    for (const name of SERVICES) {
      const result = analyze(["security", "--offline=true", "--threshold=20", `./${name}`], unitDir);
      expect(result.status, `${name}: ${result.output.split("\n").slice(-1)[0]}`).toBe(0);
    }
  });
});

describe("the units agree with the app", () => {
  test("cts.service starts Node with the flags of npm run serve", () => {
    const [binary, ...args] = execStart(shippedUnit("cts.service"));
    expect(binary).toBe("/usr/bin/node");
    expect(args).toEqual(scripts["serve"]!.split(/\s+/).slice(1));
  });

  test("the jobs run the scripts of npm run db:backup and npm run privacy:purge", () => {
    for (const [unit, script] of [
      ["cts-backup.service", "db:backup"],
      ["cts-purge.service", "privacy:purge"],
    ] as const) {
      const [runner, file] = scripts[script]!.split(/\s+/);
      expect(runner).toBe("tsx");
      expect(execStart(shippedUnit(unit)).slice(0, 4)).toEqual(["/usr/bin/node", "--import", "tsx", file]);
    }
  });

  test("every service runs as the app's user, with its settings and the same sandbox", () => {
    const reference = shippedUnit("cts.service").get("Service")!;
    const shared = [...reference.keys()].filter(
      (key) =>
        /^(Protect|Private|Restrict|System|Capability|Ambient|NoNew|Lock|RemoveIPC|UMask)/.test(key) &&
        key !== "PrivateNetwork",
    );
    for (const name of SERVICES) {
      const unit = shippedUnit(name);
      const service = unit.get("Service")!;
      for (const [key, value] of Object.entries(REQUIRED))
        expect(service.get(key), `${name}: ${key}=`).toEqual([value]);
      expect(setting(unit, "Service", "User"), name).toBe("cts");
      expect(setting(unit, "Service", "WorkingDirectory"), name).toBe("/opt/cts");
      expect(setting(unit, "Service", "EnvironmentFile"), name).toBe("/etc/cts/cts.env");
      expect(setting(unit, "Service", "Environment"), name).toBe("NODE_ENV=production");
      expect(setting(unit, "Service", "MemoryMax"), name).toMatch(/^\d+M$/);
      for (const key of shared) {
        // The jobs need no network at all; the app needs Internet sockets for SMTP.
        if (key === "RestrictAddressFamilies" && name !== "cts.service") continue;
        expect(service.get(key), `${name}: ${key}=`).toEqual(reference.get(key));
      }
    }
    expect(setting(shippedUnit("cts.service"), "Service", "Restart")).toBe("always");
  });

  test("the app writes to its data folder only, and backups go outside it", () => {
    expect(dataDir).toBe("/var/lib/cts");
    expect(setting(shippedUnit("cts.service"), "Service", "ReadWritePaths")).toBe(dataDir);

    const backup = shippedUnit("cts-backup.service");
    const backupDir = option(backup, "--dir");
    expect(backupDir).toBeDefined();
    expect(settings["BACKUP_DIR"], "the settings name the same backup folder").toBe(backupDir);
    expect(path.relative(dataDir, backupDir!).startsWith("..")).toBe(true);
    expect(setting(backup, "Service", "ReadWritePaths")).toBe(`${dataDir} ${backupDir}`);
    // The purge job also deletes backups past BACKUP_MAX_AGE_DAYS.
    expect(setting(shippedUnit("cts-purge.service"), "Service", "ReadWritePaths")).toBe(`${dataDir} ${backupDir}`);
  });

  test("each job has its nightly timer, the purge before the backup", () => {
    const times: Record<string, string> = {};
    for (const job of ["cts-purge", "cts-backup"]) {
      const timer = shippedUnit(`${job}.timer`);
      expect(timer.get("Timer")?.has("Unit"), "the timer starts the service of its own name").toBe(false);
      expect(setting(timer, "Timer", "Persistent")).toBe("true");
      expect(setting(timer, "Install", "WantedBy")).toBe("timers.target");
      times[job] = setting(timer, "Timer", "OnCalendar").replace(/^\*-\*-\* /, "");
      expect(times[job]).toMatch(/^\d\d:\d\d:\d\d$/);
    }
    expect(times["cts-purge"]! < times["cts-backup"]!).toBe(true);
    expect(setting(shippedUnit("cts-backup.service"), "Unit", "After")).toBe("cts-purge.service");
  });
});

describe("the jobs, run as their units run them", () => {
  // ExecStart with its binary swapped for this Node, in the repository (for /opt/cts), with the
  // unit's Environment= and the example settings (test database, no SMTP).
  function runJob(name: string, databasePath: string, replace: [string, string][] = []) {
    const unit = shippedUnit(name);
    const [, ...args] = execStart(unit);
    const [key, value] = setting(unit, "Service", "Environment").split("=");
    const env = serviceEnv({
      ...settings,
      [key!]: value,
      DATABASE_PATH: databasePath,
      SESSION_SECRET: "deploy-test-session-secret-0123456789abcdef",
      SMTP_URL: undefined,
    });
    const finalArgs = args.map((arg) => replace.reduce((text, [from, to]) => (text === from ? to : text), arg));
    const result = spawnSync(process.execPath, finalArgs, { cwd: repoRoot, env, encoding: "utf8" });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  }

  test("cts-purge.service and cts-backup.service do their work", () => {
    const dir = tempDir("jobs");
    dirs.push(dir);
    fs.mkdirSync(path.join(dir, "data"));
    const databasePath = seedDatabase(path.join(dir, "data"));

    const purge = runJob("cts-purge.service", databasePath);
    expect(purge.status, purge.output).toBe(0);
    expect(purge.output).toMatch(/^Conservation \d+\u00a0mois\u00a0:/);

    const backups = path.join(dir, "backups");
    const backup = runJob("cts-backup.service", databasePath, [["/var/backups/cts", backups]]);
    expect(backup.status, backup.output).toBe(0);
    expect(fs.readdirSync(backups).filter((file) => /^cts-\d{8}-\d{6}\.db$/.test(file))).toHaveLength(1);
  });
});
