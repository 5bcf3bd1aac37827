import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "react-router";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import type { Route } from "./+types/my-registration";
import { SubmitButton } from "#app/components/form-fields.tsx";
import { PersonFields } from "#app/components/registration-fields.tsx";
import { ownCertificate } from "#app/domain/certificates/certificates.server.ts";
import { LifecycleError, STARTED } from "#app/domain/editions/lifecycle.ts";
import {
  registrantStanding,
  updateRegistrationDetails,
  waitlistPosition,
} from "#app/domain/registrations/registrations.server.ts";
import { registrantMayChange } from "#app/domain/registrations/self-service.ts";
import { findSurveyAnswer, surveyAccess } from "#app/domain/survey/survey.server.ts";
import { registrationDetailsSchema } from "#app/forms/registration.ts";
import { checkInCode, displayCheckInCode } from "#app/domain/registrations/check-in-code.server.ts";
import { db } from "#app/lib/db.server.ts";
import { mailContext } from "#app/lib/mail-context.server.ts";
import { qrMatrix, qrSvgPath } from "#app/lib/qr-code.ts";
import { privatePageMeta } from "#app/lib/meta.ts";
import { requireRegistration, requireRegistrationWithEdition } from "#app/routes/_shared/private-page.server.ts";
import { formatDateTime, formatRange } from "#app/lib/time.ts";
import { ServerForm } from "#app/components/server-form.tsx";
import { InviteDownload } from "#app/components/invite-download.tsx";

export const meta: Route.MetaFunction = () =>
  privatePageMeta("Mon inscription", "Votre inscription à une coordination territoriale du SIAO 95.");

export function loader({ params }: Route.LoaderArgs) {
  const { registration, edition, venue } = requireRegistrationWithEdition(params.token);
  const standing = registrantStanding(db(), registration);
  return data({
    token: params.token,
    edition: {
      slug: edition.slug,
      title: edition.title,
      startsAt: edition.startsAt,
      endsAt: edition.endsAt,
      status: edition.status,
    },
    venue: venue ? { name: venue.name, address: venue.address, postcode: venue.postcode, city: venue.city } : null,
    registration: {
      firstName: registration.firstName,
      lastName: registration.lastName,
      email: registration.email ?? "",
      organisation: registration.organisation,
      role: registration.role ?? "",
      structureType: registration.structureType,
      accessNeeds: registration.accessNeeds ?? "",
      meal: registration.meal ? "oui" : "non",
      status: registration.status,
      createdAt: registration.createdAt,
      cancelledAt: registration.cancelledAt,
    },
    position: waitlistPosition(db(), registration),
    checkIn: registration.status === "confirmed" && edition.status !== "cancelled" ? codeOf(registration.id) : null,
    certificate: ownCertificate(db(), registration),
    afterTheDay: {
      surveyOpen: surveyAccess(db(), registration).open,
      surveyAnswered: findSurveyAnswer(db(), registration.id) !== null,
      listedInNetwork: registration.listedInNetwork,
    },
    editable: standing.correct,
    standing: {
      phase: standing.phase,
      state: standing.state,
      cancel: standing.cancel,
      downloadInvite: standing.downloadInvite,
      afterTheDay: standing.afterTheDay,
      started: STARTED.includes(standing.phase),
    },
    mayChange: registrantMayChange("hand_over", edition, registration, new Date()),
  });
}

function codeOf(registrationId: number) {
  const code = checkInCode(mailContext(), registrationId);
  return { code: displayCheckInCode(code), qr: qrSvgPath(qrMatrix(code)) };
}

export async function action({ params, request }: Route.ActionArgs) {
  const registration = requireRegistration(params.token);
  const submission = parseWithZod(await request.formData(), { schema: registrationDetailsSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply() }, { status: 400 });
  }
  if (registration.status === "cancelled") {
    return data(
      {
        result: submission.reply({ formErrors: ["Cette inscription est annulée : elle ne peut plus être modifiée."] }),
      },
      { status: 409 },
    );
  }
  try {
    updateRegistrationDetails(db(), registration.id, submission.value);
  } catch (error) {
    if (!(error instanceof LifecycleError)) throw error;
    return data({ result: submission.reply({ formErrors: [error.message] }) }, { status: error.status });
  }
  throw await redirectWithFlash(`/inscription/${params.token}`, {
    kind: "success",
    message: "Vos modifications sont enregistrées.",
  });
}

export default function MyRegistration({ loaderData, actionData }: Route.ComponentProps) {
  const {
    token,
    edition,
    venue,
    registration,
    position,
    certificate,
    editable,
    standing,
    afterTheDay,
    mayChange,
    checkIn,
  } = loaderData;
  const [form, fields] = useForm({
    id: "mon-inscription",
    lastResult: actionData?.result,
    defaultValue: registration,
  });
  // The address changes only through the link sent to the new one (« Corriger mon adresse e-mail »):
  // a field here would look editable and be ignored.
  const { firstName, lastName, organisation, role, structureType, accessNeeds, meal } = fields;
  const detailFields = { firstName, lastName, organisation, role, structureType, accessNeeds, meal };
  const place = venue
    ? [venue.name, venue.address, [venue.postcode, venue.city].filter(Boolean).join(" ")].filter(Boolean).join(", ")
    : null;

  return (
    <div className="page narrow">
      <p className="eyebrow">Mon inscription</p>
      <h1>{edition.title}</h1>
      <p className="lead">
        {formatRange(edition.startsAt, edition.endsAt)}
        {place ? ` — ${place}` : ""}
      </p>

      <section aria-labelledby="statut">
        <h2 id="statut">Statut</h2>
        {edition.status === "cancelled" ? (
          <p className="notice notice--error">Cette édition est annulée.</p>
        ) : standing.state === "present" ? (
          <p className="notice notice--ok">
            <strong>Présence enregistrée.</strong> Merci pour votre participation à cette journée.
          </p>
        ) : standing.state === "absent" ? (
          <p className="notice">
            <strong>Absence enregistrée.</strong> Si vous étiez là, signalez-le en répondant à l’un des e-mails des
            organisateurs.
          </p>
        ) : registration.status === "confirmed" ? (
          <p className="notice notice--ok">
            <strong>Votre place est confirmée.</strong>
          </p>
        ) : registration.status === "waitlisted" && standing.started ? (
          <p className="notice">
            Vous étiez sur la liste d’attente&nbsp;: aucune place ne s’est libérée avant la journée.
          </p>
        ) : registration.status === "waitlisted" ? (
          <p className="notice notice--warn">
            <strong>Vous êtes en {position === 1 ? "1re" : `${position}e`} position sur la liste d’attente.</strong> Si
            une place se libère, vous serez confirmé·e automatiquement et recevrez un e-mail avec l’invitation.
          </p>
        ) : (
          <p className="notice">
            Cette inscription est annulée
            {registration.cancelledAt ? ` depuis le ${formatDateTime(registration.cancelledAt)}` : ""}.
            {standing.phase === "open" ? (
              <>
                {" "}
                <a href={`/editions/${edition.slug}/inscription`}>S’inscrire à nouveau</a>
              </>
            ) : null}
          </p>
        )}
        {standing.downloadInvite ? <InviteDownload href={`/inscription/${token}/invitation.ics`} /> : null}
      </section>

      {/* Until the day is over: while it is under way, a person not yet checked in reads as absent. */}
      {checkIn &&
      (standing.state === "confirmed" || (standing.state === "absent" && standing.phase === "under_way")) ? (
        <section aria-labelledby="code-accueil" className="check-in-code">
          <h2 id="code-accueil">Code d’accueil</h2>
          <p>
            Le jour J, présentez ce QR code à l’entrée, sur votre téléphone ou imprimé, ou donnez votre code&nbsp;:{" "}
            <strong className="check-in-code__text">{checkIn.code}</strong>
          </p>
          <svg
            className="check-in-code__qr"
            viewBox={`0 0 ${checkIn.qr.size} ${checkIn.qr.size}`}
            role="img"
            aria-label={`QR code du code d’accueil ${checkIn.code}`}
            shapeRendering="crispEdges"
          >
            <rect width={checkIn.qr.size} height={checkIn.qr.size} fill="#fff" />
            <path d={checkIn.qr.path} fill="#000" />
          </svg>
        </section>
      ) : null}

      {certificate.state !== "unavailable" || certificate.reason ? (
        <section aria-labelledby="attestation">
          <h2 id="attestation">Attestation de présence</h2>
          {certificate.state === "ready" ? (
            <>
              <p>Votre présence à cette journée est enregistrée&nbsp;: votre attestation est prête.</p>
              <p>
                <a className="button" href={`/inscription/${token}/attestation.pdf`} download>
                  Télécharger mon attestation (PDF)
                </a>
              </p>
              {certificate.code ? (
                <p>
                  Code de vérification&nbsp;: <strong>{certificate.code}</strong>. Toute personne peut vérifier son
                  authenticité sur <a href={`/attestation/${certificate.code}`}>la page de vérification</a>.
                </p>
              ) : (
                <p>Elle porte un code de vérification, que toute personne peut contrôler en ligne.</p>
              )}
            </>
          ) : certificate.state === "revoked" ? (
            <p className="notice notice--warn">
              Votre attestation a été révoquée par les organisateurs. Pour toute question, répondez à l’un de leurs
              e-mails.
            </p>
          ) : (
            <p>{certificate.reason}</p>
          )}
        </section>
      ) : null}

      {editable ? (
        <>
          <section aria-labelledby="coordonnees">
            <h2 id="coordonnees">Mes informations</h2>
            <p>
              Adresse e-mail&nbsp;: <strong>{registration.email}</strong>
              {mayChange ? (
                <>
                  {" "}
                  · <a href={`/inscription/${token}/adresse`}>Corriger mon adresse e-mail</a>
                </>
              ) : null}
            </p>
            <ServerForm form={form}>
              <PersonFields fields={detailFields} autoFill />
              <SubmitButton>Enregistrer mes modifications</SubmitButton>
            </ServerForm>
          </section>
          {mayChange ? (
            <section aria-labelledby="ceder">
              <h2 id="ceder">Une ou un collègue peut venir à votre place&nbsp;?</h2>
              <p>
                Cédez-lui votre place&nbsp;: elle garde son rang, et la personne reçoit sa propre confirmation et son
                lien personnel.
              </p>
              <p>
                <a className="button button--secondary" href={`/inscription/${token}/ceder`}>
                  Céder ma place
                </a>
              </p>
            </section>
          ) : null}
        </>
      ) : null}
      {standing.cancel ? (
        <section aria-labelledby="desinscription">
          <h2 id="desinscription">Vous ne pouvez plus venir&nbsp;?</h2>
          <p>
            Désinscrivez-vous pour libérer votre place&nbsp;: la première personne de la liste d’attente sera confirmée
            aussitôt.
          </p>
          <p>
            <a className="button button--secondary" href={`/inscription/${token}/annulation`}>
              Me désinscrire
            </a>
          </p>
        </section>
      ) : null}
      {afterTheDay.surveyOpen ? (
        <section aria-labelledby="questionnaire">
          <h2 id="questionnaire">Votre avis sur la journée</h2>
          <p>
            {afterTheDay.surveyAnswered
              ? "Merci pour vos réponses au questionnaire de satisfaction. Vous pouvez encore les modifier."
              : "Quelques minutes pour nous dire ce qu’il faut garder ou changer, et les thèmes que vous souhaitez pour la suite."}
          </p>
          <p>
            <a className="button" href={`/inscription/${token}/questionnaire`}>
              {afterTheDay.surveyAnswered ? "Modifier mes réponses" : "Répondre au questionnaire"}
            </a>
          </p>
        </section>
      ) : null}
      {registration.status !== "cancelled" ? (
        <section aria-labelledby="reseau">
          <h2 id="reseau">Liste des participants</h2>
          <p>
            {afterTheDay.listedInNetwork
              ? "Vous apparaissez dans la liste des participants de cette édition (nom, structure, fonction)."
              : "Vous n’apparaissez pas dans la liste des participants de cette édition."}{" "}
            <a href={`/inscription/${token}/participants`}>Voir la liste et changer mon choix</a>
          </p>
        </section>
      ) : null}
      <section aria-labelledby="mes-donnees">
        <h2 id="mes-donnees">Mes données</h2>
        <p>
          <a href={`/inscription/${token}/donnees.json`} download>
            Télécharger mes données (JSON)
          </a>{" "}
          · <a href={`/inscription/${token}/effacement`}>Effacer mon inscription</a> ·{" "}
          <a href="/donnees-personnelles">Comment mes données sont utilisées</a>
        </p>
      </section>
      <p>
        <a href={`/editions/${edition.slug}`}>Voir le programme de l’édition</a>
      </p>
    </div>
  );
}
