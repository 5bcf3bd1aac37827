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

/** The organisations present, by the short name their people below refer to. */
const ORGANISATIONS = {
  peupliers: { name: "CHRS exemple Les Peupliers", type: "hebergement" },
  relais: { name: "Centre d’hébergement d’urgence exemple Le Relais", type: "hebergement" },
  parisis: { name: "Résidence sociale exemple du Parisis", type: "hebergement" },
  glycines: { name: "Pension de famille exemple Les Glycines", type: "hebergement" },
  lanterne: { name: "Association exemple La Lanterne", type: "veille_sociale_115" },
  escale: { name: "Accueil de jour exemple L’Escale", type: "veille_sociale_115" },
  preventionMobile: { name: "Association exemple Prévention mobile", type: "veille_sociale_115" },
  tremplin: { name: "Association exemple Tremplin 95", type: "insertion_logement" },
  clesDuLogement: { name: "Association exemple Clés du logement", type: "insertion_logement" },
  droitsDevant: { name: "Association exemple Droits devant 95", type: "insertion_logement" },
  cartables: { name: "Association exemple Les Cartables", type: "insertion_logement" },
  vexin: { name: "Centre hospitalier exemple du Vexin", type: "sante_medico_social" },
  soinsSolidaires: { name: "Association exemple Soins solidaires", type: "sante_medico_social" },
  cmpEst: { name: "Centre médico-psychologique exemple de l’Est", type: "sante_medico_social" },
  ccas: { name: "CCAS exemple", type: "collectivite" },
  mairie: { name: "Mairie exemple, service des solidarités", type: "collectivite" },
  etat: { name: "Services de l’État exemple (cohésion sociale)", type: "services_etat" },
  bailleur: { name: "Bailleur social exemple Habitat 95", type: "autre" },
  institut: { name: "Institut de formation exemple en travail social", type: "autre" },
} satisfies Record<string, { name: string; type: StructureType }>;

type Person = [
  firstName: string,
  lastName: string,
  role: string,
  attendance: Attendance,
  organisation: keyof typeof ORGANISATIONS,
];

const PEOPLE: Person[] = [
  // The first one's private page is printed by the seed: present, listed, with a certificate.
  ["Léa", "Garnier", "travailleuse sociale", "listed", "peupliers"],
  ["Karim", "Benali", "chef de service", "came", "peupliers"],
  ["Claire", "Fontaine", "éducatrice spécialisée", "cancelled", "peupliers"],
  ["Sophie", "Lemaire", "éducatrice spécialisée", "listed", "relais"],
  ["Thomas", "Roussel", "intervenant social", "absent", "relais"],
  ["Amina", "Diallo", "conseillère en économie sociale et familiale", "came", "parisis"],
  ["Julien", "Marchand", "responsable de résidence", "listed", "parisis"],
  ["Nadia", "Haddad", "hôtesse de la pension de famille", "came", "glycines"],
  ["Mehdi", "Kaci", "maraudeur", "listed", "lanterne"],
  ["Élodie", "Perrin", "coordinatrice de maraude", "came", "lanterne"],
  ["Yacine", "Bouzid", "animateur", "came", "escale"],
  ["Margaux", "Lefèvre", "travailleuse sociale", "listed", "escale"],
  ["Antoine", "Girard", "éducateur en réduction des risques", "came", "preventionMobile"],
  ["Fatou", "Sow", "infirmière", "absent", "preventionMobile"],
  ["Camille", "Bernard", "conseillère en insertion professionnelle", "listed", "tremplin"],
  ["Lucas", "Fabre", "chargé d’insertion", "absent", "tremplin"],
  ["Hugo", "Lambert", "travailleur social", "came", "clesDuLogement"],
  ["Inès", "Morel", "cheffe de service", "listed", "clesDuLogement"],
  ["Samir", "Cherif", "juriste", "came", "droitsDevant"],
  ["Aïcha", "Touré", "travailleuse sociale", "cancelled", "droitsDevant"],
  ["Chloé", "Renaud", "médiatrice scolaire", "came", "cartables"],
  ["Nathalie", "Brun", "infirmière d’équipe mobile", "listed", "vexin"],
  ["Olivier", "Dumas", "psychiatre", "came", "vexin"],
  ["Sarah", "Cohen", "infirmière", "came", "soinsSolidaires"],
  ["Rachid", "Amrani", "coordinateur", "listed", "soinsSolidaires"],
  ["Manon", "Leroy", "psychologue", "came", "cmpEst"],
  ["Vincent", "Colin", "assistant de service social", "absent", "cmpEst"],
  ["Isabelle", "Moreau", "directrice", "listed", "ccas"],
  ["Damien", "Roche", "travailleur social", "came", "ccas"],
  ["Leïla", "Mansouri", "chargée de mission", "came", "mairie"],
  ["Patrick", "Noël", "agent d’accueil", "came", "mairie"],
  ["Céline", "Aubert", "inspectrice", "listed", "etat"],
  ["Romain", "Vidal", "chargé de mission hébergement", "came", "etat"],
  ["Julie", "Carpentier", "chargée de gestion locative sociale", "came", "bailleur"],
  ["Maxime", "Henry", "formateur", "listed", "institut"],
  ["Zoé", "Martin", "étudiante assistante de service social", "came", "institut"],
];

export const DEMO_PARTICIPANTS = PEOPLE.map(([firstName, lastName, role, attendance, organisation]) => ({
  firstName,
  lastName,
  organisation: ORGANISATIONS[organisation].name,
  role,
  type: ORGANISATIONS[organisation].type,
  present: attendance === "came" || attendance === "listed",
  network: attendance === "listed",
  cancelled: attendance === "cancelled",
}));
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
  issueAllCertificates({ db, actor: SYSTEM, now: dayAfter }, edition.id);
  sendSurveyInvitations({ db, mail, actor: SYSTEM, now: dayAfter }, edition.id);
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
