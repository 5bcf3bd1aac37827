import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog } from "#db/schema.ts";
import {
  AUDIT_ACTION_LABELS,
  AUDIT_PAGE_SIZE,
  auditActionLabel,
  auditActorLabel,
  auditDetailsText,
  auditFilterChoices,
  listAudit,
  recordAudit,
} from "#app/domain/shared/audit.server.ts";
import { login } from "#app/domain/accounts/auth.server.ts";
import { inviteUser, setUserActive } from "#app/domain/accounts/users.server.ts";
import { auditFilterSchema } from "#app/forms/users.ts";
import { OTHER_AUDIT_ACTIONS, USER_ACCOUNT_ACTIONS } from "#tests/support/audit-actions.ts";
import { tempDb } from "#tests/support/temp-db.ts";
import { createStaffUser, SOLID_PASSWORD as PASSWORD } from "#tests/support/staff.ts";

const { db } = tempDb();

const alice = await createStaffUser(db, "alice@siao95.example", "admin", "Alice", PASSWORD);
const bruno = await createStaffUser(db, "bruno@siao95.example", "organiser", "Bruno", PASSWORD);

// 120 entries: Alice changes capacities, Bruno resends emails, registrants cancel, one unknown key.
for (let i = 0; i < 120; i++) {
  if (i % 3 === 0)
    recordAudit(
      db,
      { userId: alice.id },
      { action: "edition.capacity", entityType: "edition", entityId: 1, details: { capacity: i } },
    );
  else if (i % 3 === 1)
    recordAudit(db, { userId: bruno.id }, { action: "email.resend", entityType: "email", entityId: i });
  else
    recordAudit(
      db,
      { userId: null },
      { action: "registration.cancel", entityType: "registration", entityId: i, details: { by: "registrant" } },
    );
}
recordAudit(db, { userId: null }, { action: "import.legacy", details: { rows: 3 } });
const total = 121;

describe("journal listing", () => {
  it("shows the newest first, 50 to a page, with the last page holding the rest", () => {
    const first = listAudit(db, {});
    expect(first).toMatchObject({ total, page: 1, pageCount: Math.ceil(total / AUDIT_PAGE_SIZE) });
    expect(first.rows).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.rows[0]!.action).toBe("import.legacy");
    const ids = first.rows.map((row) => row.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const third = listAudit(db, { page: 3 });
    expect(third.rows).toHaveLength(total - 2 * AUDIT_PAGE_SIZE);
    const second = listAudit(db, { page: 2 });
    const seen = [...first.rows, ...second.rows, ...third.rows].map((row) => row.id);
    expect(new Set(seen).size).toBe(total);
  });

  it("orders by time before insertion order", () => {
    const late = db.select().from(auditLog).where(eq(auditLog.action, "edition.capacity")).get()!;
    db.update(auditLog)
      .set({ at: new Date(Date.now() + 60_000) })
      .where(eq(auditLog.id, late.id))
      .run();
    expect(listAudit(db, {}).rows[0]!.id).toBe(late.id);
    db.update(auditLog).set({ at: late.at }).where(eq(auditLog.id, late.id)).run();
  });

  it("clamps a page past the end to the last page", () => {
    const result = listAudit(db, { page: 999 });
    expect(result.page).toBe(3);
    expect(result.rows.length).toBeGreaterThan(0);
  });

  it("filters by action, by account, by entries without an account, and by both", () => {
    const byAction = listAudit(db, { action: "email.resend" });
    expect(byAction.total).toBe(40);
    expect(byAction.rows.every((row) => row.action === "email.resend")).toBe(true);

    const byAlice = listAudit(db, { userId: alice.id });
    expect(byAlice.total).toBe(40);
    expect(byAlice.rows.every((row) => row.userName === "Alice")).toBe(true);

    const anonymous = listAudit(db, { userId: "none" });
    expect(anonymous.total).toBe(41);
    expect(anonymous.rows.every((row) => row.userId === null)).toBe(true);

    expect(listAudit(db, { action: "email.resend", userId: alice.id }).total).toBe(0);
    expect(listAudit(db, { action: "email.resend", userId: bruno.id }).total).toBe(40);
  });
});

describe("journal wording", () => {
  it("names known actions in French and falls back to the raw key", () => {
    for (const key of [...OTHER_AUDIT_ACTIONS, ...USER_ACCOUNT_ACTIONS]) {
      expect(AUDIT_ACTION_LABELS[key], key).toBeTruthy();
      expect(auditActionLabel(key)).not.toBe(key);
    }
    expect(auditActionLabel("edition.capacity")).toBe("Jauge modifiée");
    expect(auditActionLabel("import.legacy")).toBe("import.legacy");
  });

  it("says who acted, or who it was when no account did", () => {
    expect(auditActorLabel({ action: "email.resend", userName: "Bruno" })).toBe("Bruno");
    expect(auditActorLabel({ action: "registration.cancel", userName: null })).toBe("Personne inscrite");
    expect(auditActorLabel({ action: "edition.capacity", userName: null })).toBe("Système");
  });

  it("shows details as French « key : value » lines, and anything unreadable as it is", () => {
    expect(
      auditDetailsText(
        JSON.stringify({ capacity: 12, role: { from: "organiser", to: "admin" }, changed: ["name", "role"] }),
      ),
    ).toEqual(["jauge\u00a0: 12", "rôle\u00a0: organisation → administration", "champs modifiés\u00a0: nom, rôle"]);
    expect(auditDetailsText(JSON.stringify({ from: "draft", to: "published", subject: "draft" }))).toEqual([
      "de\u00a0: brouillon",
      "vers\u00a0: publiée",
      "objet\u00a0: draft",
    ]);
    expect(auditDetailsText(JSON.stringify({ inconnu: { a: 1 } }))).toEqual(['inconnu\u00a0: {"a":1}']);
    expect(auditDetailsText(null)).toEqual([]);
    expect(auditDetailsText("pas du JSON")).toEqual(["pas du JSON"]);
  });

  it("offers every known action and every recorded key as a filter, and every account", () => {
    const choices = auditFilterChoices(db);
    const values = choices.actions.map((choice) => choice.value);
    expect(values).toContain("auth.logout");
    expect(values).toContain("import.legacy");
    expect(new Set(values).size).toBe(values.length);
    expect(choices.users.map((choice) => choice.value)).toEqual([String(alice.id), String(bruno.id)]);
  });
});

describe("journal query string", () => {
  it("reads filters, and drops nonsense instead of failing", () => {
    expect(auditFilterSchema.parse({ action: "email.resend", utilisateur: "2", page: "3" })).toEqual({
      action: "email.resend",
      utilisateur: 2,
      page: 3,
    });
    expect(auditFilterSchema.parse({ utilisateur: "aucun" })).toEqual({ action: null, utilisateur: "none", page: 1 });
    expect(auditFilterSchema.parse({ action: "<script>", utilisateur: "-4", page: "abc" })).toEqual({
      action: null,
      utilisateur: null,
      page: 1,
    });
    expect(auditFilterSchema.parse({})).toEqual({ action: null, utilisateur: null, page: 1 });
  });
});

describe("what the journal receives from the rest of the app", () => {
  it("records logins, failures and account changes with their author, and no secret", async () => {
    await login(db, { email: "bruno@siao95.example", password: PASSWORD, ip: "198.51.100.1" });
    await login(db, { email: "bruno@siao95.example", password: "mauvais mot de passe", ip: "198.51.100.1" });
    await login(db, { email: "personne@siao95.example", password: "mauvais mot de passe", ip: "198.51.100.1" });
    const { userId } = await inviteUser(
      {
        db,
        mail: { appUrl: "https://cts.example.org" },
        actor: { userId: alice.id, ip: "198.51.100.2" },
        now: new Date(),
      },
      { email: "clara@siao95.example", name: "Clara", role: "reviewer" },
    );
    setUserActive({ db, actor: { userId: alice.id, ip: "198.51.100.2" }, now: new Date() }, bruno.id, false);

    const recent = listAudit(db, {})
      .rows.slice(0, 5)
      .map((row) => ({
        who: auditActorLabel(row),
        action: row.action,
        entity: row.entityType ? `${row.entityType}:${row.entityId}` : null,
      }));
    expect(recent).toEqual([
      { who: "Alice", action: "user.deactivate", entity: `user:${bruno.id}` },
      { who: "Alice", action: "user.invite", entity: `user:${userId}` },
      { who: "Adresse inconnue", action: "auth.login_failed", entity: null },
      { who: "Bruno", action: "auth.login_failed", entity: null },
      { who: "Bruno", action: "auth.login", entity: null },
    ]);
    const dump = JSON.stringify(db.select().from(auditLog).all());
    expect(dump).not.toContain(PASSWORD);
    expect(dump).not.toContain("mauvais mot de passe");
    expect(dump).not.toContain("/admin/invitation/");
  });
});
