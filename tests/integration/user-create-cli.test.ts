import { tsxArgs } from "#tests/support/tsx.ts";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { login } from "#app/domain/accounts/auth.server.ts";
import { openDatabase } from "#app/lib/db.server.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cts-cli-"));
const databasePath = path.join(dir, "cts.db");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(args: string[], input?: string) {
  return spawnSync(process.execPath, tsxArgs("app/cli/user-create.ts", ...args), {
    env: { ...process.env, DATABASE_PATH: databasePath, NODE_ENV: "test" },
    input,
    encoding: "utf8",
  });
}

// Each case starts the command as its own process (tsx compiling it each time): seconds apiece
// on a busy two-core machine, more than the default per-test time.
describe("npm run user:create", { timeout: 90_000 }, () => {
  it("creates an account with a generated password that works", async () => {
    const result = run(["--email", "Nouvelle@SIAO95.example", "--role", "organiser", "--generate"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Compte créé\u00a0: nouvelle@siao95.example (organiser)");
    const password = /Mot de passe généré\u00a0: (\S+)/.exec(result.stdout)?.[1];
    expect(password).toBeDefined();
    const db = openDatabase(databasePath);
    const outcome = await login(db, { email: "nouvelle@siao95.example", password: password!, ip: null });
    db.$client.close();
    expect(outcome.ok).toBe(true);
  });

  it("reads the password from standard input when piped", async () => {
    const result = run(["--email", "relecteur@siao95.example", "--role", "reviewer"], "mot de passe relecteur\n");
    expect(result.status).toBe(0);
    const db = openDatabase(databasePath);
    expect(
      (await login(db, { email: "relecteur@siao95.example", password: "mot de passe relecteur", ip: null })).ok,
    ).toBe(true);
    db.$client.close();
  });

  it("refuses an unknown role, a bad email, a short password and a duplicate", () => {
    expect(run(["--email", "a@b.fr", "--role", "chef", "--generate"]).status).toBe(2);
    expect(run(["--email", "pas-une-adresse", "--role", "admin", "--generate"]).status).toBe(2);
    const short = run(["--email", "court@siao95.example", "--role", "admin"], "court\n");
    expect(short.status).toBe(1);
    expect(short.stderr).toContain("au moins 12 caractères");
    const duplicate = run(["--email", "nouvelle@siao95.example", "--role", "admin", "--generate"]);
    expect(duplicate.status).toBe(1);
    expect(duplicate.stderr).toContain("existe déjà");
  });
});
