import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { registrations } from "#db/schema.ts";
import { register } from "#app/domain/registrations/registrations.server.ts";
import { registerTeam, type TeamMember } from "#app/domain/registrations/team.server.ts";
import { drainOutbox } from "#app/domain/shared/outbox.server.ts";
import { teamSchema } from "#app/forms/registration.ts";
import { smtpTransport } from "#app/lib/mailer.server.ts";
import { createEdition, ctx, emailsTo, parseInvite, person, registrationsInOrder } from "#tests/support/fixtures.ts";
import { calendarPart, startSmtpServer } from "#tests/support/smtp-server.ts";
import { runTsxWorker } from "#tests/support/run-worker.ts";
import { tempDb } from "#tests/support/temp-db.ts";

const { db, file } = tempDb();
const now = new Date();

function member(n: string): TeamMember {
  return { firstName: `Prénom${n}`, lastName: `Nom${n}`, email: `equipe${n}@example.org`, role: "éducatrice" };
}

/** A team from a shelter, registered through the team form. */
function teamOf(slug: string, organisation: string, members: TeamMember[]) {
  return registerTeam(db, ctx, slug, { organisation, structureType: "hebergement", members }, now);
}

describe("registering a team", () => {
  it("gives the seats left in the form's order, the others join the waiting list, each with their own link and invite (real SMTP)", async () => {
    const smtp = await startSmtpServer();
    const transport = smtpTransport(`smtp://127.0.0.1:${smtp.port}`, "CTS <cts@siao95.example>", ctx.appUrl);
    try {
      const edition = createEdition(db, now, { capacity: 2 });
      register(db, ctx, edition.slug, person("avant"), now);
      const outcome = teamOf(edition.slug, "Foyer des Lilas", ["1", "2", "3"].map(member));
      expect(outcome).toEqual({
        outcome: "registered",
        members: [
          expect.objectContaining({ email: "equipe1@example.org", status: "confirmed", position: 0 }),
          expect.objectContaining({ email: "equipe2@example.org", status: "waitlisted", position: 1 }),
          expect.objectContaining({ email: "equipe3@example.org", status: "waitlisted", position: 2 }),
        ],
      });
      const rows = db.select().from(registrations).where(eq(registrations.editionId, edition.id)).all();
      expect(rows.filter((r) => r.organisation === "Foyer des Lilas")).toHaveLength(3);
      expect(new Set(rows.map((r) => r.tokenHash)).size).toBe(rows.length);

      await drainOutbox(db, transport, () => now);
      const toFirst = smtp.received.filter((r) => r.envelopeTo.includes("equipe1@example.org"));
      expect(toFirst).toHaveLength(1);
      expect(toFirst[0]!.mail.subject).toContain("Inscription confirmée");
      expect(parseInvite(calendarPart(toFirst[0]!.mail)!).method).toBe("REQUEST");
      const toSecond = smtp.received.filter((r) => r.envelopeTo.includes("equipe2@example.org"));
      expect(toSecond[0]!.mail.subject).toContain("Liste d’attente (1re position)");
      expect(toFirst[0]!.mail.text).toMatch(/inscription\/[A-Za-z0-9_-]{20,}/);
    } finally {
      transport.close();
      await smtp.close();
    }
  });

  it("writes nothing when one address is already registered, or given twice, and says which", () => {
    const edition = createEdition(db, now, { capacity: 5 });
    register(db, ctx, edition.slug, person("deja"), now);
    const taken = teamOf(edition.slug, "CHRS", [
      member("x1"),
      { ...member("x2"), email: "PersonneDeja@example.org" },
      { ...member("x3"), email: "equipex1@example.org" },
    ]);
    expect(taken).toEqual({ outcome: "emails_taken", indexes: [1, 2] });
    expect(emailsTo(db, "equipex1@example.org")).toHaveLength(0);
  });

  it("refuses a team larger than the seats left when there is no waiting list", () => {
    const edition = createEdition(db, now, { capacity: 2, waitlistEnabled: false });
    const outcome = teamOf(edition.slug, "CHRS", [member("n1"), member("n2"), member("n3")]);
    expect(outcome).toEqual({ outcome: "not_enough_seats", seatsLeft: 2 });
  });

  it("the form ignores empty rows and puts each error next to its row", () => {
    const valid = teamSchema.safeParse({
      organisation: "CHRS",
      structureType: "hebergement",
      notice: "on",
      members: [{}, { firstName: "Ana", lastName: "Lopez", email: "ana@example.org" }, { firstName: "" }],
    });
    expect(valid.success && valid.data.members).toEqual([
      { firstName: "Ana", lastName: "Lopez", email: "ana@example.org", role: null, row: 1 },
    ]);
    const invalid = teamSchema.safeParse({
      organisation: "CHRS",
      structureType: "hebergement",
      notice: "on",
      members: [
        { firstName: "Ana", lastName: "Lopez", email: "ana@example.org" },
        { firstName: "Bo", email: "ANA@example.org" },
        { firstName: "Cy", lastName: "Dee", email: "pas-une-adresse" },
      ],
    });
    expect(invalid.success).toBe(false);
    const paths = invalid.error!.issues.map((issue) => issue.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["members.1.lastName", "members.1.email", "members.2.email"]));
    expect(
      teamSchema.safeParse({ organisation: "CHRS", structureType: "hebergement", notice: "on", members: [{}] }).success,
    ).toBe(false);
  });
});

function runWorker(slug: string, workerId: number, teams: number, size: number, startAt: number) {
  return runTsxWorker<Array<{ team: string; outcome: string; members?: Array<{ email: string; status: string }> }>>(
    "team-worker.ts",
    [file, slug, workerId, teams, size, startAt],
  );
}

describe("30 team posts at once from three OS processes on one database file", () => {
  it("never confirms more than the capacity, and each team's seats follow its order", async () => {
    const capacity = 7;
    const edition = createEdition(db, now, { capacity });
    const startAt = Date.now() + 4000;
    const results = (await Promise.all([0, 1, 2].map((w) => runWorker(edition.slug, w, 10, 3, startAt)))).flat();

    expect(results).toHaveLength(30);
    expect(results.filter((r) => r.outcome !== "registered")).toEqual([]);
    const rows = registrationsInOrder(db, edition.id);
    expect(rows).toHaveLength(90);
    expect(rows.filter((r) => r.status === "confirmed")).toHaveLength(capacity);
    const lastConfirmed = Math.max(...rows.filter((r) => r.status === "confirmed").map((r) => r.id));
    const firstWaiting = Math.min(...rows.filter((r) => r.status === "waitlisted").map((r) => r.id));
    expect(lastConfirmed).toBeLessThan(firstWaiting);
    // What each team was told is what the database holds.
    for (const result of results) {
      for (const told of result.members ?? []) {
        expect(rows.find((r) => r.email === told.email)?.status).toBe(told.status);
      }
    }
  }, 120_000);
});
