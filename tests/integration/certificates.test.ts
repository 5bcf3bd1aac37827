import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, certificates, editionThemes, emails, registrations, sessions, themes } from "#db/schema.ts";
import {
  attendanceMinutes,
  CertificateError,
  certificateForDownload,
  issueAllCertificates,
  issueCertificate,
  listEditionCertificates,
  ownCertificate,
  regenerateCertificate,
  revokeCertificate,
  sendCertificateEmails,
  verifyCertificate,
} from "#app/domain/certificates/certificates.server.ts";
import { certificatesPdf } from "#app/domain/certificates/pdf.server.ts";
import { ANONYMISED_NAME, CODE_ALPHABET, normaliseCode } from "#app/domain/certificates/values.ts";
import { setEditionStatus } from "#app/domain/editions/admin.server.ts";
import {
  eraseRegistration,
  purgeExpiredPersonalData,
  registrationDataExport,
} from "#app/domain/privacy/privacy.server.ts";
import { setPresence } from "#app/domain/registrations/check-in.server.ts";
import { findRegistrationByToken, register } from "#app/domain/registrations/registrations.server.ts";
import { verificationSchema } from "#app/forms/certificate.ts";
import { parisWallTimeToUtc } from "#app/lib/time.ts";
import { createEdition, ctx, DAY, person, withContent } from "#tests/support/fixtures.ts";
import { readPdfPages } from "#tests/support/pdf.ts";
import { tempDb } from "#tests/support/temp-db.ts";

const { db } = tempDb();
const organiser = { userId: null, ip: "127.0.0.1" };

/** The text of each page, read back with pdf.js (a parser we did not write), spaces made plain. */
async function pdfText(bytes: Uint8Array): Promise<string[]> {
  return (await readPdfPages(bytes)).map((page) => page.text);
}

function at(date: string, time: string): Date {
  return parisWallTimeToUtc(date, time)!;
}

type ProgrammeRow = [kind: typeof sessions.$inferInsert.kind, start: string, end: string];

/** Programme items straight into the table, numbered in the order given, on one day in Paris time. */
function insertProgramme(editionId: number, day: string, rows: ProgrammeRow[]) {
  rows.forEach(([kind, start, end], index) => {
    db.insert(sessions)
      .values({
        editionId,
        kind,
        title: `Séquence ${index + 1}`,
        startsAt: at(day, start),
        endsAt: at(day, end),
        position: index + 1,
      })
      .run();
  });
}

function refusal(run: () => unknown): CertificateError {
  try {
    run();
  } catch (error) {
    if (error instanceof CertificateError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

/**
 * A day on Thursday 15 October 2026, 9:00–16:30 in Paris, with a 1 h 15 lunch in its programme:
 * 7 h 30 on site, 6 h 15 certified. Three people register beforehand; two are checked in.
 */
function heldDay(title: string) {
  const startsAt = at("2026-10-15", "09:00");
  const before = new Date(startsAt.getTime() - 30 * DAY);
  const edition = createEdition(db, before, {
    title,
    startsAt,
    endsAt: at("2026-10-15", "16:30"),
    capacity: 20,
    signatoryName: "Mme PELISSIER",
    signatoryRole: "Directrice du SIAO\u00a095",
  });
  const themeIds = ["Aller-vers", "Coordination"].map(
    (name) =>
      db
        .insert(themes)
        .values({ slug: `${name.toLowerCase()}-${edition.id}`, name })
        .returning()
        .get().id,
  );
  for (const themeId of themeIds) db.insert(editionThemes).values({ editionId: edition.id, themeId }).run();
  const programme: ProgrammeRow[] = [
    ["accueil", "09:00", "09:30"],
    ["conference", "09:30", "12:30"],
    ["dejeuner", "12:30", "13:45"],
    ["table_ronde", "13:45", "16:30"],
  ];
  insertProgramme(edition.id, "2026-10-15", programme);
  const people = [
    person(`${edition.id}a`, { firstName: "Élodie", lastName: "Lefèvre-N’Diaye", organisation: "Association L’Îlot" }),
    person(`${edition.id}b`, { firstName: "Karim", lastName: "Benali", organisation: "Croix-Rouge française" }),
    person(`${edition.id}c`, { firstName: "Absente", lastName: "Excusée" }),
  ].map((input) => {
    const outcome = register(db, ctx, edition.slug, input, before);
    if (outcome.outcome !== "confirmed") throw new Error(`expected a confirmed registration, got ${outcome.outcome}`);
    return outcome;
  });
  const onTheDay = at("2026-10-15", "09:10");
  setPresence({ db, actor: organiser, now: onTheDay }, edition.id, people[0]!.registrationId, true);
  setPresence({ db, actor: organiser, now: onTheDay }, edition.id, people[1]!.registrationId, true);
  return { edition, people, afterwards: at("2026-10-16", "10:00") };
}

function registration(id: number) {
  return db.select().from(registrations).where(eq(registrations.id, id)).get()!;
}

function validOf(registrationId: number) {
  return db
    .select()
    .from(certificates)
    .where(and(eq(certificates.registrationId, registrationId), isNull(certificates.revokedAt)))
    .all();
}

describe("attendance certificates", () => {
  const { edition, people, afterwards } = heldDay("L’aller-vers");
  const [elodie, karim, absent] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0]];

  it("are refused, with a French reason, until the edition is marked as held", () => {
    expect(
      refusal(() => issueCertificate({ db, actor: organiser, now: afterwards }, edition.id, elodie.registrationId))
        .message,
    ).toBe("Les attestations ne sont délivrées qu’une fois l’édition marquée comme tenue.");
    expect(refusal(() => issueAllCertificates({ db, actor: organiser, now: afterwards }, edition.id)).status).toBe(409);
    expect(refusal(() => certificateForDownload(db, registration(elodie.registrationId), afterwards)).status).toBe(404);
    expect(ownCertificate(db, registration(elodie.registrationId))).toEqual({ state: "unavailable", reason: null });
    expect(db.select().from(certificates).all()).toEqual([]);
    setEditionStatus({ db, actor: organiser, now: afterwards }, edition.id, "held");
  });

  it("go only to people checked in, and only through their own edition", () => {
    const notThere = refusal(() =>
      issueCertificate({ db, actor: organiser, now: afterwards }, edition.id, absent.registrationId),
    );
    expect(notThere.message).toContain("Aucune présence n’est enregistrée pour cette personne");
    expect(ownCertificate(db, registration(absent.registrationId))).toMatchObject({
      state: "unavailable",
      reason: expect.stringContaining("Aucune présence"),
    });
    expect(refusal(() => certificateForDownload(db, registration(absent.registrationId), afterwards)).status).toBe(404);

    const other = createEdition(db, afterwards, { status: "held" });
    const stranger = refusal(() =>
      issueCertificate({ db, actor: organiser, now: afterwards }, other.id, elodie.registrationId),
    );
    expect(stranger).toMatchObject({ status: 404, message: "Inscription introuvable." });
  });

  it("are issued to everyone checked in in one go, and a second time issues nothing", () => {
    expect(issueAllCertificates({ db, actor: organiser, now: afterwards }, edition.id)).toEqual({ issued: 2 });
    expect(issueAllCertificates({ db, actor: organiser, now: afterwards }, edition.id)).toEqual({ issued: 0 });
    const rows = db.select().from(certificates).where(eq(certificates.editionId, edition.id)).all();
    expect(rows.map((row) => row.registrationId).sort()).toEqual([elodie.registrationId, karim.registrationId].sort());
    expect(issueCertificate({ db, actor: organiser, now: afterwards }, edition.id, elodie.registrationId).created).toBe(
      false,
    );
    const list = listEditionCertificates(db, edition.id);
    expect(list.map((row) => [row.lastName, row.state])).toEqual([
      ["Benali", "valid"],
      ["Lefèvre-N’Diaye", "valid"],
    ]);
    const entries = db.select().from(auditLog).where(eq(auditLog.action, "certificate.issue_all")).all();
    expect(entries.map((entry) => JSON.parse(entry.details!))).toEqual([{ issued: 2 }, { issued: 0 }]);
  });

  it("copy what they certify, with a short unambiguous code", () => {
    const [certificate] = validOf(elodie.registrationId);
    expect(certificate).toMatchObject({
      fullName: "Élodie Lefèvre-N’Diaye",
      organisation: "Association L’Îlot",
      editionTitle: "L’aller-vers",
      themeNames: "Aller-vers, Coordination",
      heldOn: edition.startsAt,
      durationMinutes: 6 * 60 + 15,
      signatoryName: "Mme PELISSIER",
      signatoryRole: "Directrice du SIAO\u00a095",
      revokedAt: null,
    });
    expect(certificate!.code).toMatch(
      new RegExp(`^[${CODE_ALPHABET}]{4}-[${CODE_ALPHABET}]{4}-[${CODE_ALPHABET}]{2}$`),
    );
    expect(certificate!.code).not.toMatch(/[01OIL]/);
    const codes = db
      .select({ code: certificates.code })
      .from(certificates)
      .all()
      .map((row) => row.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("print as a PDF that says who, where from, what, when, how long, who signs, and how to check it", async () => {
    const [certificate] = validOf(elodie.registrationId);
    const [page, ...more] = await pdfText(
      await certificatesPdf([certificate!], { verifyBase: ctx.appUrl, title: "Attestation" }),
    );
    expect(more).toEqual([]);
    for (const expected of [
      "ATTESTATION DE PRÉSENCE",
      "Élodie Lefèvre-N’Diaye",
      "Structure : Association L’Îlot",
      "« L’aller-vers »",
      "Thèmes : Aller-vers, Coordination",
      "qui s’est tenue le jeudi 15 octobre 2026,",
      "pour une durée de 6 h 15.",
      "Mme PELISSIER",
      "Directrice du SIAO 95",
      "Fait à Cergy, le 16 octobre 2026",
      `Code de vérification : ${certificate!.code}`,
      `${ctx.appUrl}/attestation/${certificate!.code}`,
    ]) {
      expect(page, expected).toContain(expected);
    }
    // Another person's name never leaks onto this page.
    expect(page).not.toContain("Benali");
  });

  it("print all of an edition's in one PDF, a page each", async () => {
    const all = db
      .select()
      .from(certificates)
      .where(and(eq(certificates.editionId, edition.id), isNull(certificates.revokedAt)))
      .all();
    const pages = await pdfText(await certificatesPdf(all, { verifyBase: ctx.appUrl, title: "Attestations" }));
    expect(pages).toHaveLength(2);
    expect(pages.filter((text) => text.includes("Karim Benali"))).toHaveLength(1);
    const empty = await pdfText(
      await certificatesPdf([], {
        verifyBase: ctx.appUrl,
        title: "Attestations",
        emptyMessage: "Aucune attestation valable pour cette édition.",
      }),
    );
    expect(empty).toEqual(["Aucune attestation valable pour cette édition."]);
  });

  it("are checked by their code: name, edition and date only; any case, with or without dashes", () => {
    const [certificate] = validOf(karim.registrationId);
    const found = verifyCertificate(db, certificate!.code);
    expect(found).toEqual({
      state: "valid",
      code: certificate!.code,
      fullName: "Karim Benali",
      editionTitle: "L’aller-vers",
      heldOn: edition.startsAt,
    });
    expect(verifyCertificate(db, certificate!.code.replaceAll("-", "").toLowerCase())).toEqual(found);
    expect(verifyCertificate(db, ` ${certificate!.code.toLowerCase()} `)).toEqual(found);
    expect(verifyCertificate(db, "ZZZZ-ZZZZ-ZZ")).toEqual({ state: "unknown" });
    expect(verifyCertificate(db, "not a code at all")).toEqual({ state: "unknown" });
    expect(verifyCertificate(db, "")).toEqual({ state: "unknown" });
  });

  it("validate the typed code in the public form with a French message", () => {
    expect(verificationSchema.safeParse({ code: "k7qf 3m9p xz" })).toMatchObject({
      success: true,
      data: { code: "K7QF-3M9P-XZ" },
    });
    const wrong = verificationSchema.safeParse({ code: "K7QF-3M9P-X0" });
    expect(wrong.success).toBe(false);
    expect(wrong.error!.issues[0]!.message).toContain("n’a pas la forme attendue");
    expect(verificationSchema.safeParse({ code: "   " }).error!.issues[0]!.message).toBe(
      "Indiquez le code de vérification imprimé sur l’attestation.",
    );
    expect(normaliseCode("K7QF-3M9P-XZZ")).toBeNull();
  });

  it("are regenerated with a new code, the old one then reads as revoked", () => {
    const [before] = validOf(karim.registrationId);
    const later = new Date(afterwards.getTime() + DAY);
    const after = regenerateCertificate({ db, actor: organiser, now: later }, edition.id, karim.registrationId);
    expect(after.code).not.toBe(before!.code);
    expect(validOf(karim.registrationId).map((row) => row.code)).toEqual([after.code]);
    expect(verifyCertificate(db, before!.code)).toEqual({
      state: "revoked",
      code: before!.code,
      revokedAt: later,
      erased: false,
    });
    expect(verifyCertificate(db, after.code)).toMatchObject({ state: "valid", fullName: "Karim Benali" });
    const entry = db.select().from(auditLog).where(eq(auditLog.action, "certificate.regenerate")).get()!;
    expect(JSON.parse(entry.details!)).toEqual({
      registration: karim.registrationId,
      code: after.code,
      previousCode: before!.code,
    });
  });

  it("never hold two valid certificates for one registration, whatever writes them", () => {
    const [current] = validOf(karim.registrationId);
    const { id: _id, ...copy } = current!;
    expect(() =>
      db
        .insert(certificates)
        .values({ ...copy, code: "ZZZZ-ZZZZ-Z2" })
        .run(),
    ).toThrow(/UNIQUE/);
  });

  it("queue one email per certificate, never twice, with the download link and the code", () => {
    expect(sendCertificateEmails({ db, mail: ctx, actor: organiser, now: afterwards }, edition.id)).toEqual({
      queued: 2,
      alreadySent: 0,
    });
    expect(sendCertificateEmails({ db, mail: ctx, actor: organiser, now: afterwards }, edition.id)).toEqual({
      queued: 0,
      alreadySent: 2,
    });
    const sent = db.select().from(emails).where(eq(emails.kind, "certificate.issued")).all().map(withContent);
    expect(sent).toHaveLength(2);
    const toElodie = sent.find((email) => email.toAddress === `personne${edition.id}a@example.org`)!;
    const [certificate] = validOf(elodie.registrationId);
    expect(toElodie.subject).toBe("Votre attestation de présence — L’aller-vers");
    const link = /http:\/\/cts\.test\/inscription\/([A-Za-z0-9_-]+)\/attestation\.pdf/.exec(toElodie.text);
    expect(link, "download link in the text part").not.toBeNull();
    expect(findRegistrationByToken(db, link![1]!)?.id).toBe(elodie.registrationId);
    expect(toElodie.html).toContain(`/inscription/${link![1]}/attestation.pdf`);
    expect(toElodie.text).toContain(certificate!.code);
    expect(toElodie.text).toContain(`http://cts.test/attestation/${certificate!.code}`);
    expect(toElodie.registrationId).toBe(elodie.registrationId);
    expect(listEditionCertificates(db, edition.id).every((row) => row.emailStatus === "pending")).toBe(true);
    // A regenerated certificate is a new one: its holder is told once more.
    regenerateCertificate({ db, actor: organiser, now: afterwards }, edition.id, elodie.registrationId);
    expect(sendCertificateEmails({ db, mail: ctx, actor: organiser, now: afterwards }, edition.id)).toEqual({
      queued: 1,
      alreadySent: 1,
    });
  });

  it("are revoked by organisers: the code says so, and neither a bulk issue nor the person's link brings it back", () => {
    const [current] = validOf(elodie.registrationId);
    revokeCertificate({ db, actor: organiser, now: afterwards }, edition.id, elodie.registrationId);
    expect(verifyCertificate(db, current!.code)).toMatchObject({ state: "revoked", erased: false });
    expect(
      refusal(() => revokeCertificate({ db, actor: organiser, now: afterwards }, edition.id, elodie.registrationId))
        .message,
    ).toBe("Cette personne n’a pas d’attestation valable à révoquer.");
    expect(issueAllCertificates({ db, actor: organiser, now: afterwards }, edition.id)).toEqual({ issued: 0 });
    expect(ownCertificate(db, registration(elodie.registrationId))).toEqual({ state: "revoked" });
    expect(
      refusal(() => certificateForDownload(db, registration(elodie.registrationId), afterwards)).message,
    ).toContain("révoquée");
    expect(
      listEditionCertificates(db, edition.id).find((row) => row.registrationId === elodie.registrationId)?.state,
    ).toBe("revoked");
    // An organiser may still decide to issue a new one.
    expect(issueCertificate({ db, actor: organiser, now: afterwards }, edition.id, elodie.registrationId).created).toBe(
      true,
    );
    expect(ownCertificate(db, registration(elodie.registrationId))).toMatchObject({ state: "ready" });
  });
});

describe("a person certified present", () => {
  const { edition, people, afterwards } = heldDay("Présence corrigée");
  const [nadia] = people as [(typeof people)[0]];

  it("is marked absent only once the certificate is revoked, on purpose", () => {
    setEditionStatus({ db, actor: organiser, now: afterwards }, edition.id, "held");
    issueAllCertificates({ db, actor: organiser, now: afterwards }, edition.id);
    expect(() =>
      setPresence({ db, actor: organiser, now: afterwards }, edition.id, nadia.registrationId, false),
    ).toThrow(/révoquez-la d’abord/);
    expect(registration(nadia.registrationId).checkedInAt).not.toBeNull();
    revokeCertificate({ db, actor: organiser, now: afterwards }, edition.id, nadia.registrationId);
    setPresence({ db, actor: organiser, now: afterwards }, edition.id, nadia.registrationId, false);
    expect(registration(nadia.registrationId).checkedInAt).toBeNull();
  });
});

describe("a certificate downloaded from the private link", () => {
  const { edition, people, afterwards } = heldDay("La santé mentale");

  it("is issued on the first download once the edition is held, then stays the same", () => {
    setEditionStatus({ db, actor: organiser, now: afterwards }, edition.id, "held");
    const me = registration(people[0]!.registrationId);
    expect(ownCertificate(db, me)).toEqual({ state: "ready", code: null });
    const first = certificateForDownload(db, me, afterwards);
    expect(first.fullName).toBe("Élodie Lefèvre-N’Diaye");
    expect(certificateForDownload(db, me, afterwards).code).toBe(first.code);
    expect(ownCertificate(db, me)).toEqual({ state: "ready", code: first.code });
    const entry = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "certificate.issue"), eq(auditLog.entityId, first.id)))
      .get()!;
    expect(entry.userId).toBeNull();
    expect(JSON.parse(entry.details!)).toMatchObject({ by: "registrant" });
  });

  it("keeps what it said when the person corrects their name afterwards, until regenerated", () => {
    const me = people[0]!.registrationId;
    db.update(registrations).set({ lastName: "Lefèvre" }).where(eq(registrations.id, me)).run();
    expect(certificateForDownload(db, registration(me), afterwards).fullName).toBe("Élodie Lefèvre-N’Diaye");
    expect(regenerateCertificate({ db, actor: organiser, now: afterwards }, edition.id, me).fullName).toBe(
      "Élodie Lefèvre",
    );
  });

  it("is archived editions' too", () => {
    setEditionStatus({ db, actor: organiser, now: afterwards }, edition.id, "archived");
    expect(
      issueCertificate({ db, actor: organiser, now: afterwards }, edition.id, people[1]!.registrationId).created,
    ).toBe(true);
  });
});

describe("certificates and personal data", () => {
  const { edition, people, afterwards } = heldDay("Le logement d’abord");

  it("are part of the person's data export", () => {
    setEditionStatus({ db, actor: organiser, now: afterwards }, edition.id, "held");
    const certificate = issueCertificate(
      { db, actor: organiser, now: afterwards },
      edition.id,
      people[0]!.registrationId,
    ).certificate;
    const exported = registrationDataExport(db, people[0]!.registrationId)!;
    expect(exported.certificates).toEqual([
      expect.objectContaining({
        code: certificate.code,
        fullName: "Élodie Lefèvre-N’Diaye",
        organisation: "Association L’Îlot",
        editionTitle: "Le logement d’abord",
        durationMinutes: 375,
        issuedAt: afterwards.toISOString(),
        revokedAt: null,
      }),
    ]);
  });

  it("are revoked and stripped of the name when the person erases their registration", () => {
    const id = people[0]!.registrationId;
    const [certificate] = validOf(id);
    expect(eraseRegistration({ db, mail: ctx, actor: { userId: null }, now: afterwards }, id)).toBe(true);
    const after = db.select().from(certificates).where(eq(certificates.id, certificate!.id)).get()!;
    expect(after).toMatchObject({ fullName: ANONYMISED_NAME, organisation: null, revokedAt: afterwards });
    expect(verifyCertificate(db, certificate!.code)).toEqual({
      state: "revoked",
      code: certificate!.code,
      revokedAt: afterwards,
      erased: true,
    });
    expect(JSON.stringify(db.select().from(certificates).where(eq(certificates.registrationId, id)).all())).not.toMatch(
      /Élodie|Lefèvre|Îlot/,
    );
    expect(listEditionCertificates(db, edition.id).map((row) => row.registrationId)).not.toContain(id);
    expect(
      refusal(() => issueCertificate({ db, actor: organiser, now: afterwards }, edition.id, id)).message,
    ).toContain("effacées");
  });

  it("are revoked and blanked by the retention purge, keeping an earlier revocation date", () => {
    const id = people[1]!.registrationId;
    const first = issueCertificate({ db, actor: organiser, now: afterwards }, edition.id, id).certificate;
    const revokedAt = new Date(afterwards.getTime() + DAY);
    regenerateCertificate({ db, actor: organiser, now: revokedAt }, edition.id, id);
    const later = new Date(edition.endsAt.getTime() + 400 * DAY);
    purgeExpiredPersonalData(db, { months: 12, now: later });
    const rows = db.select().from(certificates).where(eq(certificates.registrationId, id)).all();
    expect(rows).toHaveLength(2);
    expect(
      rows.every((row) => row.fullName === ANONYMISED_NAME && row.organisation === null && row.revokedAt !== null),
    ).toBe(true);
    expect(rows.find((row) => row.id === first.id)!.revokedAt).toEqual(revokedAt);
    expect(rows.find((row) => row.id !== first.id)!.revokedAt).toEqual(later);
  });
});

describe("the certified duration", () => {
  it("falls back to the edition's hours when it has no programme", () => {
    const edition = createEdition(db, new Date("2026-01-05T10:00:00Z"));
    expect(attendanceMinutes(db, edition)).toBe(7 * 60);
  });

  it("merges overlapping lunch items and counts the gaps between items", () => {
    const edition = createEdition(db, new Date("2026-01-05T10:00:00Z"), {
      startsAt: at("2026-03-05", "08:00"),
      endsAt: at("2026-03-05", "18:00"),
    });
    const items: ProgrammeRow[] = [
      ["conference", "09:00", "11:00"],
      ["atelier", "11:30", "12:30"],
      ["dejeuner", "12:30", "13:30"],
      ["pause", "12:45", "13:45"],
      ["dejeuner", "13:00", "14:00"],
      ["cloture", "14:00", "15:00"],
    ];
    insertProgramme(edition.id, "2026-03-05", items);
    // 9:00 → 15:00 is 6 h; lunch covers 12:30 → 14:00 once, however many items say so.
    expect(attendanceMinutes(db, edition)).toBe(4 * 60 + 30);
  });
});
