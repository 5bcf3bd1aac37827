// Example participants of the held 2025 edition, so that what follows the day shows on the demo
// and its figures agree: who registered (and when), who came, the organisations present on the
// public page, the participants' network, the certificates of those present, and the survey
// invitations (the six answers of survey.ts stay nameless). Everyone here is made up: the
// organisations say « exemple », the addresses are on `.invalid` (RFC 6761: they reach nobody),
// and no speaker of the day is among them. They are written as the registration form would
// have left them, without the emails of the time: nobody is there to receive them.
import { and, eq } from "drizzle-orm";
import { editions, emails, registrations } from "#db/schema.ts";
import { issueAllCertificates } from "#app/domain/certificates/certificates.server.ts";
import type { MailContext } from "#app/domain/shared/mail-context.ts";
import { newPrivateToken, unsealedToken } from "#app/domain/shared/private-links.server.ts";
import { SYSTEM } from "#app/domain/shared/actor.ts";
import type { StructureType } from "#app/domain/shared/vocabulary.ts";
import { sendSurveyInvitations, SURVEY_INVITATION_KIND } from "#app/domain/survey/survey.server.ts";
import type { Db } from "#app/lib/db.server.ts";
import { foldText } from "#app/lib/fold.ts";

/** came: checked in; listed: checked in and on the participants' list; absent: did not come. */
type Attendance = "came" | "listed" | "absent" | "cancelled";
type Person = [firstName: string, lastName: string, role: string, attendance: Attendance];

const BY_ORGANISATION: Array<{ organisation: string; type: StructureType; people: Person[] }> = [
  {
    organisation: "CHRS exemple Les Peupliers",
    type: "hebergement",
    people: [
      // The first one's private page is printed by the seed: present, listed, with a certificate.
      ["Léa", "Garnier", "travailleuse sociale", "listed"],
      ["Karim", "Benali", "chef de service", "came"],
      ["Claire", "Fontaine", "éducatrice spécialisée", "cancelled"],
    ],
  },
  {
    organisation: "Centre d’hébergement d’urgence exemple Le Relais",
    type: "hebergement",
    people: [
      ["Sophie", "Lemaire", "éducatrice spécialisée", "listed"],
      ["Thomas", "Roussel", "intervenant social", "absent"],
    ],
  },
  {
    organisation: "Résidence sociale exemple du Parisis",
    type: "hebergement",
    people: [
      ["Amina", "Diallo", "conseillère en économie sociale et familiale", "came"],
      ["Julien", "Marchand", "responsable de résidence", "listed"],
    ],
  },
  {
    organisation: "Pension de famille exemple Les Glycines",
    type: "hebergement",
    people: [["Nadia", "Haddad", "hôtesse de la pension de famille", "came"]],
  },
  {
    organisation: "Association exemple La Lanterne",
    type: "veille_sociale_115",
    people: [
      ["Mehdi", "Kaci", "maraudeur", "listed"],
      ["Élodie", "Perrin", "coordinatrice de maraude", "came"],
    ],
  },
  {
    organisation: "Accueil de jour exemple L’Escale",
    type: "veille_sociale_115",
    people: [
      ["Yacine", "Bouzid", "animateur", "came"],
      ["Margaux", "Lefèvre", "travailleuse sociale", "listed"],
    ],
  },
  {
    organisation: "Association exemple Prévention mobile",
    type: "veille_sociale_115",
    people: [
      ["Antoine", "Girard", "éducateur en réduction des risques", "came"],
      ["Fatou", "Sow", "infirmière", "absent"],
    ],
  },
  {
    organisation: "Association exemple Tremplin 95",
    type: "insertion_logement",
    people: [
      ["Camille", "Bernard", "conseillère en insertion professionnelle", "listed"],
      ["Lucas", "Fabre", "chargé d’insertion", "absent"],
    ],
  },
  {
    organisation: "Association exemple Clés du logement",
    type: "insertion_logement",
    people: [
      ["Hugo", "Lambert", "travailleur social", "came"],
      ["Inès", "Morel", "cheffe de service", "listed"],
    ],
  },
  {
    organisation: "Association exemple Droits devant 95",
    type: "insertion_logement",
    people: [
      ["Samir", "Cherif", "juriste", "came"],
      ["Aïcha", "Touré", "travailleuse sociale", "cancelled"],
    ],
  },
  {
    organisation: "Association exemple Les Cartables",
    type: "insertion_logement",
    people: [["Chloé", "Renaud", "médiatrice scolaire", "came"]],
  },
  {
    organisation: "Centre hospitalier exemple du Vexin",
    type: "sante_medico_social",
    people: [
      ["Nathalie", "Brun", "infirmière d’équipe mobile", "listed"],
      ["Olivier", "Dumas", "psychiatre", "came"],
    ],
  },
  {
    organisation: "Association exemple Soins solidaires",
    type: "sante_medico_social",
    people: [
      ["Sarah", "Cohen", "infirmière", "came"],
      ["Rachid", "Amrani", "coordinateur", "listed"],
    ],
  },
  {
    organisation: "Centre médico-psychologique exemple de l’Est",
    type: "sante_medico_social",
    people: [
      ["Manon", "Leroy", "psychologue", "came"],
      ["Vincent", "Colin", "assistant de service social", "absent"],
    ],
  },
  {
    organisation: "CCAS exemple",
    type: "collectivite",
    people: [
      ["Isabelle", "Moreau", "directrice", "listed"],
      ["Damien", "Roche", "travailleur social", "came"],
    ],
  },
  {
    organisation: "Mairie exemple, service des solidarités",
    type: "collectivite",
    people: [
      ["Leïla", "Mansouri", "chargée de mission", "came"],
      ["Patrick", "Noël", "agent d’accueil", "came"],
    ],
  },
  {
    organisation: "Services de l’État exemple (cohésion sociale)",
    type: "services_etat",
    people: [
      ["Céline", "Aubert", "inspectrice", "listed"],
      ["Romain", "Vidal", "chargé de mission hébergement", "came"],
    ],
  },
  {
    organisation: "Bailleur social exemple Habitat 95",
    type: "autre",
    people: [["Julie", "Carpentier", "chargée de gestion locative sociale", "came"]],
  },
  {
    organisation: "Institut de formation exemple en travail social",
    type: "autre",
    people: [
      ["Maxime", "Henry", "formateur", "listed"],
      ["Zoé", "Martin", "étudiante assistante de service social", "came"],
    ],
  },
];

export const DEMO_PARTICIPANTS = BY_ORGANISATION.flatMap(({ organisation, type, people }) =>
  people.map(([firstName, lastName, role, attendance]) => ({
    firstName,
    lastName,
    organisation,
    role,
    type,
    present: attendance === "came" || attendance === "listed",
    network: attendance === "listed",
    cancelled: attendance === "cancelled",
  })),
);
type DemoParticipant = (typeof DEMO_PARTICIPANTS)[number];

/** « lea.garnier@exemple.invalid » */
export function demoAddress(participant: Pick<DemoParticipant, "firstName" | "lastName">): string {
  const part = (value: string) => foldText(value).replace(/[^a-z]+/g, "-");
  return `${part(participant.firstName)}.${part(participant.lastName)}@exemple.invalid`;
}

const DAY = 86_400_000;
const MINUTE = 60_000;

/**
 * Registers the example participants of an edition that has none yet, checks in those who came,
 * issues their certificates and records the survey invitation as sent the day after. Returns
 * what it did, and the private link of the first participant (while it can still be recovered).
 */
export function seedDemoParticipants(
  db: Db,
  mail: MailContext,
  editionSlug: string,
): { outcome: "created" | "kept" | "missing"; privateLink: string | null } {
  const edition = db.select().from(editions).where(eq(editions.slug, editionSlug)).get();
  if (!edition) return { outcome: "missing", privateLink: null };
  const existing = db
    .select({ id: registrations.id })
    .from(registrations)
    .where(eq(registrations.editionId, edition.id))
    .get();
  if (existing) return { outcome: "kept", privateLink: privateLinkOf(db, mail, edition.id) };

  const opened = edition.registrationOpensAt ?? new Date(edition.startsAt.getTime() - 45 * DAY);
  const closed = edition.registrationClosesAt ?? edition.startsAt;
  const day = edition.startsAt;
  const dayAfter = new Date(edition.endsAt.getTime() + 18 * 60 * MINUTE);
  db.transaction(() => {
    DEMO_PARTICIPANTS.forEach((participant, index) => {
      // Spread over the registration window, more of them near its end, as people register.
      const share = Math.sqrt((index + 1) / DEMO_PARTICIPANTS.length);
      const createdAt = new Date(
        opened.getTime() + share * (closed.getTime() - opened.getTime() - DAY) + (index % 7) * 53 * MINUTE,
      );
      const email = demoAddress(participant);
      const { tokenHash, tokenSealed } = newPrivateToken(mail);
      db.insert(registrations)
        .values({
          editionId: edition.id,
          firstName: participant.firstName,
          lastName: participant.lastName,
          email,
          emailKey: email,
          organisation: participant.organisation,
          role: participant.role,
          structureType: participant.type,
          accessNeeds: null,
          meal: index % 5 !== 3,
          listedInNetwork: participant.network,
          consentAt: createdAt,
          status: participant.cancelled ? "cancelled" : "confirmed",
          confirmedAt: createdAt,
          cancelledAt: participant.cancelled ? new Date(createdAt.getTime() + 3 * DAY) : null,
          // Arrivals at the welcome desk, between the doors opening and the first talk.
          checkedInAt: participant.present ? new Date(day.getTime() - 10 * MINUTE + ((index * 7) % 50) * MINUTE) : null,
          tokenHash,
          tokenSealed,
          example: true,
          createdAt,
          updatedAt: createdAt,
        })
        .run();
    });
  });
  issueAllCertificates(db, edition.id, SYSTEM, dayAfter);
  sendSurveyInvitations(db, mail, edition.id, SYSTEM, dayAfter);
  // Sent at the time: the demo must not mail addresses that reach nobody when the app starts.
  db.update(emails)
    .set({ status: "sent", attempts: 1, sentAt: new Date(dayAfter.getTime() + 2 * MINUTE) })
    .where(and(eq(emails.editionId, edition.id), eq(emails.kind, SURVEY_INVITATION_KIND), eq(emails.status, "pending")))
    .run();
  return { outcome: "created", privateLink: privateLinkOf(db, mail, edition.id) };
}

/** The private page of the first example participant, to try the after-the-day pages. */
function privateLinkOf(db: Db, mail: MailContext, editionId: number): string | null {
  const first = DEMO_PARTICIPANTS[0]!;
  const row = db
    .select()
    .from(registrations)
    .where(and(eq(registrations.editionId, editionId), eq(registrations.emailKey, demoAddress(first))))
    .get();
  const token = row && !row.anonymisedAt ? unsealedToken(mail, row) : null;
  return token ? `${mail.appUrl}/inscription/${token}` : null;
}
