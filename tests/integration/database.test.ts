import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { editions, registrations } from "#db/schema.ts";
import { tempDb } from "#tests/support/temp-db.ts";

const { db } = tempDb();

function anEdition(slug: string) {
  return db
    .insert(editions)
    .values({
      slug,
      title: "Édition de test",
      startsAt: new Date("2027-03-11T08:00:00Z"),
      endsAt: new Date("2027-03-11T15:30:00Z"),
      capacity: 10,
    })
    .returning({ id: editions.id })
    .get().id;
}

function aRegistration(
  editionId: number,
  email: string,
  status: "confirmed" | "waitlisted" | "cancelled",
  token: string,
) {
  return db
    .insert(registrations)
    .values({
      editionId,
      firstName: "Awa",
      lastName: "Diallo",
      email,
      emailKey: email.toLowerCase(),
      organisation: "Association test",
      structureType: "hebergement",
      consentAt: new Date(),
      status,
      tokenHash: token,
    })
    .run();
}

describe("database file", () => {
  it("runs in WAL mode with foreign keys enforced and a busy timeout", () => {
    expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.$client.pragma("busy_timeout", { simple: true })).toBe(15000);
    expect(db.$client.pragma("synchronous", { simple: true })).toBe(2);
    // Erased values are overwritten with zeros, not left in free space (docs/decisions/013-erasure.md).
    expect(db.$client.pragma("secure_delete", { simple: true })).toBe(1);
  });

  it("has every table of the domain", () => {
    const tables = db
      .all<{ name: string }>(
        sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' and name not like 'search_index_%'`,
      )
      .map((row) => row.name)
      .sort();
    expect(tables).toEqual(
      [
        "article_themes",
        "articles",
        "attachments",
        "audit_log",
        "account_tokens",
        "auth_sessions",
        "certificates",
        "content_version",
        "contribution_speakers",
        "contributions",
        "dispositif_corrections",
        "dispositifs",
        "edition_themes",
        "editions",
        "emails",
        "login_throttle",
        "persons",
        "registration_email_changes",
        "registrations",
        "reviews",
        "search_index",
        "session_persons",
        "sessions",
        "survey_responses",
        "survey_session_scores",
        "survey_theme_suggestions",
        "themes",
        "users",
        "venues",
      ].sort(),
    );
  });
});

describe("constraints that protect the rules", () => {
  it("refuses an edition that ends before it starts", () => {
    expect(() =>
      db
        .insert(editions)
        .values({
          slug: "a-l-envers",
          title: "À l’envers",
          startsAt: new Date("2027-03-11T15:00:00Z"),
          endsAt: new Date("2027-03-11T08:00:00Z"),
          capacity: 10,
        })
        .run(),
    ).toThrow(/editions_ends_after_start/);
  });

  it("refuses an unknown status and a negative capacity", () => {
    expect(() =>
      db.$client.exec(
        `insert into editions (slug, title, starts_at, ends_at, capacity, status) values ('x', 'x', 1, 2, 5, 'secret')`,
      ),
    ).toThrow(/editions_status_known/);
    expect(() =>
      db.$client.exec(`insert into editions (slug, title, starts_at, ends_at, capacity) values ('y', 'y', 1, 2, -1)`),
    ).toThrow(/editions_capacity_nonnegative/);
  });

  it("refuses duplicate slugs", () => {
    anEdition("unique-slug");
    expect(() => anEdition("unique-slug")).toThrow(/UNIQUE/);
  });

  it("allows one active registration per email and edition, but a new one after a cancellation", () => {
    const editionId = anEdition("one-per-email");
    aRegistration(editionId, "Awa@Example.org", "cancelled", "t1");
    aRegistration(editionId, "awa@example.org", "confirmed", "t2");
    expect(() => aRegistration(editionId, "AWA@example.org", "waitlisted", "t3")).toThrow(/UNIQUE/);
    const other = anEdition("other-edition");
    expect(() => aRegistration(other, "awa@example.org", "confirmed", "t4")).not.toThrow();
  });

  it("refuses an unknown structure type", () => {
    const editionId = anEdition("structure-check");
    expect(() =>
      db.$client
        .prepare(
          `insert into registrations (edition_id, first_name, last_name, email, email_key, organisation, structure_type, consent_at, status, token_hash)
           values (?, 'a', 'b', 'c@d.fr', 'c@d.fr', 'o', 'licorne', 1, 'confirmed', 'zz')`,
        )
        .run(editionId),
    ).toThrow(/registrations_structure_known/);
  });

  it("refuses a registration pointing to no edition", () => {
    expect(() => aRegistration(999_999, "ghost@example.org", "confirmed", "t5")).toThrow(/FOREIGN KEY/);
  });
});

describe("prepared statements kept by SQL text", () => {
  it("hands back the same statement for the same SQL, so it is compiled once", () => {
    const text = "select count(*) as n from editions";
    expect(db.$client.prepare(text)).toBe(db.$client.prepare(text));
  });

  it("resets the row mode Drizzle switched on, so the next caller gets objects", () => {
    const id = anEdition("mode-reset");
    const text = "select slug from editions where id = ?";
    expect(db.$client.prepare(text).raw(true).get(id)).toEqual(["mode-reset"]);
    expect(db.$client.prepare(text).get(id)).toEqual({ slug: "mode-reset" });
    expect(db.$client.prepare(text).pluck(true).get(id)).toBe("mode-reset");
    expect(db.$client.prepare(text).get(id)).toEqual({ slug: "mode-reset" });
    // Drizzle's own calls: a select with chosen fields runs in raw mode, a plain select does not.
    expect(db.select({ slug: editions.slug }).from(editions).where(eq(editions.id, id)).get()).toEqual({
      slug: "mode-reset",
    });
    expect(db.select().from(editions).where(eq(editions.id, id)).get()?.slug).toBe("mode-reset");
  });

  it("prepares a second statement when the kept one is still iterating", () => {
    anEdition("iterating-a");
    anEdition("iterating-b");
    const text = "select slug from editions where slug like 'iterating-%' order by slug";
    const seen: string[] = [];
    for (const row of db.$client.prepare(text).iterate() as Iterable<{ slug: string }>) {
      seen.push(row.slug, ...(db.$client.prepare(text).all() as Array<{ slug: string }>).map((r) => r.slug));
    }
    expect(seen).toEqual(["iterating-a", "iterating-a", "iterating-b", "iterating-b", "iterating-a", "iterating-b"]);
  });

  it("follows schema changes made after a statement was kept", () => {
    db.$client.exec("create table scratch (a integer)");
    const text = "select * from scratch";
    expect(
      db.$client
        .prepare(text)
        .columns()
        .map((c) => c.name),
    ).toEqual(["a"]);
    db.$client.exec("alter table scratch add column b integer");
    db.$client.exec("insert into scratch values (1, 2)");
    expect(db.$client.prepare(text).get()).toEqual({ a: 1, b: 2 });
  });
});

describe("migrations that rebuild a table", () => {
  it("keep every reference to its rows (registrations made nullable in 0011)", async () => {
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const Database = (await import("better-sqlite3")).default;
    const { drizzle } = await import("drizzle-orm/better-sqlite3");
    const { migrate } = await import("drizzle-orm/better-sqlite3/migrator");
    const { MIGRATIONS_DIR, openDatabase } = await import("#app/lib/db.server.ts");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cts-migrate-"));
    try {
      // The migrations as they were before the rebuild, applied the way the app used to.
      const before = path.join(dir, "migrations");
      fs.cpSync(MIGRATIONS_DIR, before, { recursive: true });
      const journalFile = path.join(before, "meta/_journal.json");
      const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: Array<{ idx: number }> };
      journal.entries = journal.entries.filter((entry) => entry.idx <= 10);
      fs.writeFileSync(journalFile, JSON.stringify(journal));
      const file = path.join(dir, "cts.db");
      const old = new Database(file);
      old.pragma("foreign_keys = ON");
      migrate(drizzle(old), { migrationsFolder: before });
      old.exec(`
        insert into editions (slug, title, starts_at, ends_at, capacity) values ('e', 'E', 1, 2, 5);
        insert into registrations (edition_id, first_name, last_name, email, email_key, organisation,
          structure_type, consent_at, status, token_hash)
          values (1, 'A', 'B', 'a@example.org', 'a@example.org', 'O', 'autre', 1, 'confirmed', 'h');
        insert into emails (kind, to_address, subject, html, text, next_attempt_at, registration_id, edition_id)
          values ('registration.confirmed', 'a@example.org', 'S', '<p>x</p>', 'x', 1, 1, 1);
      `);
      old.close();
      const migrated = openDatabase(file);
      const email = migrated.$client.prepare("select registration_id as id from emails").get() as { id: number | null };
      expect(email.id).toBe(1);
      migrated.$client.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
