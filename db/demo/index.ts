import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { and, eq, inArray, isNull } from "drizzle-orm";
import {
  articles,
  editions,
  editionThemes,
  persons,
  sessionPersons,
  sessions,
  themes,
  users,
  venues,
} from "#db/schema.ts";
import { saveArticle } from "#app/domain/articles/articles.server.ts";
import { addAttachment } from "#app/domain/documents/attachments.server.ts";
import { createUser } from "#app/domain/accounts/users.server.ts";
import { SYSTEM } from "#app/domain/shared/actor.ts";
import type { MailContext } from "#app/domain/shared/mail-context.ts";
import type { Db } from "#app/lib/db.server.ts";
import { parisWallTimeToUtc } from "#app/lib/time.ts";
import { frenchTypography as fr } from "#app/lib/typography.ts";
import { allerVers2025 } from "./aller-vers-2025.ts";
import { seedDispositifs, seedNamedTeams } from "./dispositifs.ts";
import { demoDocuments } from "./documents.ts";
import { seedDemoParticipants } from "./participants.ts";
import { seedDemoSurvey } from "./survey.ts";
import { demoThemes } from "./themes.ts";
import type { EditionSeed } from "./types.ts";
import { upcomingEdition } from "./upcoming.ts";

export const DEMO_ORGANISER = {
  email: "demo@siao95.example",
  password: "demo-cts-95-2025",
  name: "Camille Organisatrice (démo)",
  role: "admin",
} as const;

export type SeedReport = {
  created: string[];
  kept: string[];
  /** The private page of an example participant of the held edition, when it can be recovered. */
  participantLink: string | null;
};

/**
 * Loads the demo data; running it again adds nothing that is already there. `mail` seals the
 * private links of the example participants (and builds their survey invitations), `dataDir`
 * holds the documents.
 */
export async function seedDemo(
  db: Db,
  now: Date,
  options: { dataDir: string; mail: MailContext },
): Promise<SeedReport> {
  const report: SeedReport = { created: [], kept: [], participantLink: null };

  for (const theme of demoThemes) {
    const inserted = db.insert(themes).values(theme).onConflictDoNothing().run().changes;
    (inserted ? report.created : report.kept).push(`thème ${theme.slug}`);
  }

  for (const seed of [allerVers2025, upcomingEdition(now)]) {
    const exists = db
      .select({ id: editions.id })
      .from(editions)
      .where(eq(editions.title, fr(seed.title)))
      .get();
    if (exists) {
      report.kept.push(`édition ${seed.title}`);
      // Databases seeded before certificates existed get the signatory, unless an organiser chose one.
      if (seed.signatory) {
        db.update(editions)
          .set({ signatoryName: seed.signatory.name, signatoryRole: fr(seed.signatory.role) })
          .where(and(eq(editions.id, exists.id), isNull(editions.signatoryName)))
          .run();
      }
      continue;
    }
    db.transaction(() => insertEdition(db, seed));
    report.created.push(`édition ${seed.slug}`);
  }

  // Before the documents: the booklet is printed from the directory.
  for (const [label, outcome] of [
    ["équipes citées par la synthèse 2025", seedNamedTeams(db)],
    ["dispositifs d’exemple", seedDispositifs(db)],
  ] as const) {
    if (outcome.created.length) report.created.push(`${label} (${outcome.created.length})`);
    if (outcome.kept.length) report.kept.push(`${label} (${outcome.kept.length})`);
  }

  const synthesis = seedSynthesis(db, report, now);
  if (synthesis) {
    for (const document of await demoDocuments(db, synthesis.editionId, { siteUrl: options.mail.appUrl, now })) {
      await addAttachment({ db, actor: SYSTEM, now: new Date() }, options.dataDir, {
        owner: { articleId: synthesis.articleId },
        title: document.title,
        kind: document.kind,
        file: { source: Buffer.from(document.bytes), name: document.fileName },
        maxBytes: 5 * 1024 * 1024,
      });
    }
    report.created.push("documents de la synthèse");
  }

  const participants = seedDemoParticipants(db, options.mail, allerVers2025.slug);
  if (participants.outcome !== "missing")
    (participants.outcome === "created" ? report.created : report.kept).push(
      `participants d’exemple de l’édition ${allerVers2025.slug}`,
    );
  report.participantLink = participants.privateLink;

  const survey = seedDemoSurvey(db, allerVers2025.slug);
  if (survey !== "missing")
    (survey === "created" ? report.created : report.kept).push("réponses d’exemple au questionnaire");

  const organiser = db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ORGANISER.email)).get();
  if (organiser) {
    report.kept.push(`compte ${DEMO_ORGANISER.email}`);
  } else {
    await createUser(db, DEMO_ORGANISER);
    report.created.push(`compte ${DEMO_ORGANISER.email}`);
  }
  return report;
}

function at(date: string, time: string): Date {
  const instant = parisWallTimeToUtc(date, time);
  if (!instant) throw new Error(`Invalid demo date ${date} ${time}`);
  return instant;
}

function insertEdition(db: Db, seed: EditionSeed): void {
  const venueId = findOrCreateVenue(db, seed.venue);
  const edition = db
    .insert(editions)
    .values({
      slug: seed.slug,
      title: fr(seed.title),
      subtitle: fr(seed.subtitle),
      summary: fr(seed.summary),
      objectives: fr(seed.objectives.join("\n")),
      startsAt: at(seed.date, seed.startTime),
      endsAt: at(seed.date, seed.endTime),
      dateIsIllustrative: seed.dateIsIllustrative,
      venueId,
      capacity: seed.capacity,
      waitlistEnabled: seed.waitlistEnabled,
      registrationOpensAt: at(...seed.registration.opens),
      registrationClosesAt: at(...seed.registration.closes),
      contributionsOpensAt: seed.contributions ? at(...seed.contributions.opens) : null,
      contributionsClosesAt: seed.contributions ? at(...seed.contributions.closes) : null,
      status: seed.status,
      signatoryName: seed.signatory?.name ?? null,
      signatoryRole: seed.signatory ? fr(seed.signatory.role) : null,
    })
    .returning({ id: editions.id })
    .get();

  for (const slug of seed.themes) {
    const theme = db.select({ id: themes.id }).from(themes).where(eq(themes.slug, slug)).get();
    if (theme) db.insert(editionThemes).values({ editionId: edition.id, themeId: theme.id }).run();
  }

  seed.programme.forEach((item, index) => {
    const session = db
      .insert(sessions)
      .values({
        editionId: edition.id,
        kind: item.kind,
        title: fr(item.title),
        description: item.description ? fr(item.description) : null,
        startsAt: at(seed.date, item.start),
        endsAt: at(seed.date, item.end),
        position: index + 1,
      })
      .returning({ id: sessions.id })
      .get();
    (item.persons ?? []).forEach((person, order) => {
      db.insert(sessionPersons)
        .values({
          sessionId: session.id,
          personId: findOrCreatePerson(db, person),
          role: person.as,
          position: order + 1,
        })
        .run();
    });
  });
}

function findOrCreateVenue(db: Db, venue: EditionSeed["venue"]): number {
  const existing = db
    .select({ id: venues.id })
    .from(venues)
    .where(and(eq(venues.name, venue.name), eq(venues.city, venue.city)))
    .get();
  if (existing) return existing.id;
  const text = (value: string | null) => (value ? fr(value) : null);
  return db
    .insert(venues)
    .values({ ...venue, access: text(venue.access), accessibility: text(venue.accessibility) })
    .returning({ id: venues.id })
    .get().id;
}

function findOrCreatePerson(db: Db, person: { name: string; role: string; organisation: string }): number {
  const existing = db
    .select({ id: persons.id })
    .from(persons)
    .where(and(eq(persons.name, person.name), eq(persons.organisation, person.organisation), isNull(persons.email)))
    .get();
  if (existing) return existing.id;
  return db
    .insert(persons)
    .values({ name: person.name, role: fr(person.role), organisation: person.organisation })
    .returning({ id: persons.id })
    .get().id;
}

const SYNTHESIS = {
  slug: "synthese-cts-aller-vers-2025",
  title: "L’aller-vers : aller à la rencontre, et tenir ensemble",
  standfirst:
    "Ce que la coordination territoriale de 2025 a mis en commun sur l’aller-vers : son histoire, ce qu’il demande aux équipes, et la façon dont il s’articule avec les services qui accueillent dans leurs murs.",
  publishedAt: "2025-11-20T09:00:00Z",
};

/** The synthesis and its edition when the synthesis was just created, null when it was already there. */
function seedSynthesis(db: Db, report: SeedReport, now: Date): { articleId: number; editionId: number } | null {
  if (db.select({ id: articles.id }).from(articles).where(eq(articles.slug, SYNTHESIS.slug)).get()) {
    report.kept.push(`synthèse ${SYNTHESIS.slug}`);
    return null;
  }
  const here = path.dirname(fileURLToPath(import.meta.url));
  const body = fs.readFileSync(path.join(here, "synthese-aller-vers-2025.md"), "utf8");
  const further = fs.readFileSync(path.join(here, "synthese-aller-vers-2025-further.md"), "utf8");
  const edition = db.select({ id: editions.id }).from(editions).where(eq(editions.slug, allerVers2025.slug)).get();
  const themeIds = db
    .select({ id: themes.id })
    .from(themes)
    .where(inArray(themes.slug, ["aller-vers", "coordination"]))
    .all()
    .map((row) => row.id);
  const article = saveArticle({ db, actor: SYSTEM, now }, null, {
    title: SYNTHESIS.title,
    slug: SYNTHESIS.slug,
    standfirst: SYNTHESIS.standfirst,
    bodyMarkdown: body,
    furtherReadingMarkdown: further,
    editionId: edition?.id ?? null,
    themeIds,
    status: "published",
    publishedAt: new Date(SYNTHESIS.publishedAt),
  });
  report.created.push(`synthèse ${SYNTHESIS.slug}`);
  return edition ? { articleId: article.id, editionId: edition.id } : null;
}
