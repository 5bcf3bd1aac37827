import { describe, expect, it } from "vitest";
import { acceptContribution, notifyDecisions } from "#app/domain/contributions/decisions.server.ts";
import { submitContribution, withdrawOwnContribution } from "#app/domain/contributions/submissions.server.ts";
import { drainOutbox } from "#app/domain/shared/outbox.server.ts";
import { addSession } from "#app/domain/editions/programme.server.ts";
import { updateProgrammeItem } from "#app/domain/edition-changes/edition-changes.server.ts";
import { parisWallTimeToUtc } from "#app/lib/time.ts";
import { createEdition, ctx, parseInvite, parisWallClock } from "#tests/support/fixtures.ts";
import { contributionInput } from "#tests/support/inputs.ts";
import { calendarPart, smtpForFile } from "#tests/support/smtp-server.ts";
import { tempDb } from "#tests/support/temp-db.ts";

const { db } = tempDb();
const smtp = await smtpForFile();
const { transport } = smtp;

function lastTo(address: string) {
  const mail = smtp.received.filter((r) => r.envelopeTo.includes(address)).at(-1)!;
  return { ...mail, ics: calendarPart(mail.mail) };
}

describe("a speaker's emails through a real SMTP server", () => {
  it("delivers the acceptance with an invite, then its update and its cancellation for the same event", async () => {
    const now = new Date("2027-01-10T10:00:00Z");
    const edition = createEdition(db, now, {
      title: "Santé mentale et grande précarité",
      startsAt: parisWallTimeToUtc("2027-06-17", "09:00")!,
      endsAt: parisWallTimeToUtc("2027-06-17", "16:30")!,
      contributionsOpensAt: new Date(now.getTime() - 86_400_000),
      contributionsClosesAt: new Date(now.getTime() + 86_400_000),
    });
    const slot = {
      kind: "table_ronde" as const,
      title: "Table ronde 2 — Héberger et soigner",
      description: null,
      room: null,
    };
    const sessionId = addSession({ db, actor: { userId: null }, now: new Date() }, edition.id, {
      ...slot,
      startTime: "13:30",
      endTime: "15:45",
    });
    const outcome = submitContribution(db, ctx, edition.slug, contributionInput({ wishedSessionId: sessionId }), now);
    if (outcome.outcome !== "submitted") throw new Error("expected submitted");
    acceptContribution({ db, actor: { userId: null }, now }, edition.id, outcome.contributionId, {
      sessionId,
      message: null,
    });
    notifyDecisions({ db, mail: ctx, actor: { userId: null }, now }, edition.id);
    await drainOutbox(db, transport, () => now);

    const acceptance = lastTo("awa@example.org");
    expect(acceptance.mail.subject).toContain("Contribution retenue");
    expect(acceptance.mail.text).toContain("de 13\u00a0h\u00a030 à 15\u00a0h\u00a045");
    expect(acceptance.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    const invite = parseInvite(acceptance.ics!);
    expect(invite).toMatchObject({
      method: "REQUEST",
      sequence: 0,
      uid: `cts-contribution-${outcome.contributionId}@cts.test`,
    });
    // Summer time: 13:30 in Paris is 11:30 UTC.
    expect(acceptance.ics).toContain("DTSTART:20270617T113000Z");
    expect(parisWallClock(invite.start.toJSDate())).toBe("2027-06-17 13:30");

    updateProgrammeItem({ db, mail: ctx, actor: { userId: null }, now: new Date() }, edition.id, sessionId, {
      ...slot,
      startTime: "14:00",
      endTime: "16:00",
    });
    await drainOutbox(db, transport, () => now);
    const moved = parseInvite(lastTo("awa@example.org").ics!);
    expect(moved).toMatchObject({ method: "REQUEST", uid: invite.uid, sequence: 1 });
    expect(parisWallClock(moved.start.toJSDate())).toBe("2027-06-17 14:00");

    withdrawOwnContribution({ db, mail: ctx, actor: { userId: null }, now }, outcome.token);
    await drainOutbox(db, transport, () => now);
    const withdrawal = lastTo("awa@example.org");
    expect(withdrawal.raw).toMatch(/method=CANCEL/i);
    expect(parseInvite(withdrawal.ics!)).toMatchObject({ method: "CANCEL", uid: invite.uid, sequence: 2 });
  });
});
