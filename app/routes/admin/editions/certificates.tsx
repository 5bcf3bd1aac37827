import { data, useSearchParams } from "react-router";
import { plural } from "#app/lib/flash.ts";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import type { Route } from "./+types/certificates";
import { ORGANISERS } from "#app/domain/accounts/roles.ts";
import {
  CertificateError,
  certificateCounts,
  editionIsHeld,
  issueAllCertificates,
  issueCertificate,
  listEditionCertificates,
  regenerateCertificate,
  revokeCertificate,
  sendCertificateEmails,
} from "#app/domain/certificates/certificates.server.ts";
import { CERTIFICATE_STATE_LABELS } from "#app/domain/certificates/values.ts";
import { EMAIL_STATUS_LABELS, type EmailStatus } from "#app/domain/shared/vocabulary.ts";
import { certificateActionSchema } from "#app/forms/certificate.ts";
import { requireEditionAccess } from "#app/routes/_shared/admin-edition.server.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { formatShortDate, formatTime } from "#app/lib/time.ts";
import { DataTable } from "#app/components/data-table.tsx";
import { IntentButton, RowActions } from "#app/components/row-action-form.tsx";
import { StatList } from "#app/components/stat-list.tsx";
import { ErrorNotice } from "#app/components/notice.tsx";
import { actBy } from "#app/routes/_shared/act.server.ts";

export const meta: Route.MetaFunction = () =>
  pageMeta("Attestations de présence", "Délivrer les attestations de présence d’une édition.");

export async function loader({ params, context }: Route.LoaderArgs) {
  const { edition } = requireEditionAccess(context, params.editionId, ORGANISERS);
  const rows = listEditionCertificates(db(), edition.id);
  return {
    edition: {
      id: edition.id,
      held: editionIsHeld(edition),
      signatoryName: edition.signatoryName,
      signatoryRole: edition.signatoryRole,
    },
    rows,
    counts: certificateCounts(rows),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor, edition } = requireEditionAccess(context, params.editionId, ORGANISERS);
  const parsed = certificateActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: "Demande incomplète." }, { status: 400 });
  const base = `/admin/editions/${edition.id}/attestations`;
  const input = parsed.data;
  try {
    switch (input.intent) {
      case "issue-all": {
        const { issued } = issueAllCertificates(actBy(actor), edition.id);
        throw await done(
          base,
          issued > 0
            ? `${plural(issued, "attestation délivrée", "attestations délivrées")}.`
            : "Aucune nouvelle attestation à délivrer\u00a0: chaque personne pointée en a déjà une, ou la sienne a été révoquée.",
        );
      }
      case "send": {
        const { queued, alreadySent } = sendCertificateEmails(actBy(actor), edition.id);
        const sent =
          queued > 0
            ? `${plural(queued, "courriel mis", "courriels mis")} en file d’envoi.`
            : "Aucun nouveau courriel à envoyer.";
        throw await done(
          base,
          alreadySent > 0
            ? `${sent} ${plural(alreadySent, "personne l’avait", "personnes l’avaient")} déjà reçu.`
            : sent,
        );
      }
      case "issue":
        issueCertificate(actBy(actor), edition.id, input.registrationId);
        throw await done(base, "Attestation délivrée.");
      case "regenerate":
        regenerateCertificate(actBy(actor), edition.id, input.registrationId);
        throw await done(base, "Nouvelle attestation délivrée avec un nouveau code\u00a0; l’ancien code est révoqué.");
      case "revoke":
        revokeCertificate(actBy(actor), edition.id, input.registrationId);
        throw await done(
          base,
          "Attestation révoquée\u00a0: son code est signalé comme révoqué sur la page de vérification.",
        );
    }
  } catch (error) {
    if (!(error instanceof CertificateError)) throw error;
    return data({ error: error.message }, { status: error.status });
  }
}

function done(base: string, message: string) {
  return redirectWithFlash(base, { kind: "success", message });
}

export default function Certificates({ loaderData, actionData }: Route.ComponentProps) {
  const { edition, rows, counts } = loaderData;
  const [params] = useSearchParams();
  const revoking = Number(params.get("revoquer"));
  const base = `/admin/editions/${edition.id}/attestations`;
  // Certificates are issued once the day is held, to those present who have none yet.
  const canIssueAll = edition.held && counts.toIssue > 0;

  return (
    <>
      <h1>Attestations de présence</h1>
      <ErrorNotice message={actionData?.error} />
      {!edition.held ? (
        <p className="notice notice--warn">
          Les attestations se délivrent une fois l’édition marquée comme tenue (onglet{" "}
          <a href={`/admin/editions/${edition.id}`}>Vue d’ensemble</a>). Chaque personne pointée à l’accueil pourra
          alors télécharger la sienne depuis son lien personnel.
        </p>
      ) : null}

      <section aria-labelledby="signataire">
        <h2 id="signataire">Signataire</h2>
        {edition.signatoryName ? (
          <p>
            Les attestations sont signées par <strong>{edition.signatoryName}</strong>
            {edition.signatoryRole ? `, ${edition.signatoryRole}` : ""}.{" "}
            <a href={`/admin/editions/${edition.id}/modifier`}>Modifier</a>
          </p>
        ) : (
          <p className="notice notice--warn">
            Aucun signataire n’est indiqué&nbsp;: les attestations seront signées «&nbsp;pour le SIAO&nbsp;95, l’équipe
            d’organisation des CTS&nbsp;». <a href={`/admin/editions/${edition.id}/modifier`}>Indiquer un signataire</a>
          </p>
        )}
        <p className="field__hint">
          Une attestation garde ce qu’elle disait le jour où elle a été délivrée. Après un changement de signataire ou
          de nom, «&nbsp;Régénérer&nbsp;» en délivre une nouvelle avec un nouveau code et révoque l’ancienne.
        </p>
      </section>

      <section aria-labelledby="ensemble">
        <h2 id="ensemble">Pour toute l’édition</h2>
        <StatList
          items={[
            { label: "Présentes", value: counts.present },
            { label: "Attestations valables", value: counts.valid },
            { label: "À délivrer", value: counts.toIssue },
            { label: "Envoyées par e-mail", value: counts.emailed },
          ]}
        />
        {edition.held && counts.toIssue === 0 && counts.present > 0 ? (
          <p>Chaque personne présente a son attestation.</p>
        ) : null}
        {edition.held ? (
          <div className="button-row">
            {canIssueAll ? <IntentButton intent="issue-all">Délivrer toutes les attestations</IntentButton> : null}
            <IntentButton intent="send" className="button button--secondary">
              Envoyer les attestations par e-mail
            </IntentButton>
            {counts.valid > 0 ? (
              <a className="button button--secondary" href={`/admin/editions/${edition.id}/attestations.pdf`} download>
                Télécharger toutes les attestations (PDF)
              </a>
            ) : null}
          </div>
        ) : null}
        <p className="field__hint">
          {canIssueAll
            ? "«\u00a0Délivrer toutes les attestations\u00a0» ne touche ni aux attestations déjà délivrées ni à celles qui ont été révoquées. "
            : null}
          L’envoi par e-mail contient le lien de téléchargement (via le lien personnel de chaque personne) et n’est fait
          qu’une fois par attestation.
        </p>
      </section>

      <section aria-labelledby="personnes">
        <h2 id="personnes">Personnes présentes</h2>
        {rows.length === 0 ? (
          <p>
            Personne n’a encore été pointé à l’accueil.{" "}
            <a href={`/admin/editions/${edition.id}/accueil`}>Accueil du jour J</a>
          </p>
        ) : (
          <DataTable
            label="Attestations de présence par personne"
            caption="Attestations de présence par personne"
            columns={["Nom", "Structure", "Présence", "Attestation", "Courriel", "Actions"]}
          >
            {rows.map((row) => {
              const who = `${row.firstName} ${row.lastName}`;
              return (
                <tr key={row.registrationId}>
                  <td>
                    {row.lastName.toUpperCase()} {row.firstName}
                  </td>
                  <td>{row.organisation}</td>
                  <td>
                    {row.checkedInAt
                      ? `Pointée le ${formatShortDate(row.checkedInAt)} à ${formatTime(row.checkedInAt)}`
                      : "Plus pointée"}
                  </td>
                  <td>
                    {CERTIFICATE_STATE_LABELS[row.state]}
                    {row.certificate ? (
                      <>
                        <br />
                        <small>
                          <a href={`/attestation/${row.certificate.code}`}>{row.certificate.code}</a>
                          {row.certificate.revokedAt
                            ? ` — révoquée le ${formatShortDate(row.certificate.revokedAt)}`
                            : ` — le ${formatShortDate(row.certificate.issuedAt)}`}
                        </small>
                      </>
                    ) : null}
                  </td>
                  <td>{row.emailStatus ? EMAIL_STATUS_LABELS[row.emailStatus as EmailStatus] : "—"}</td>
                  <td>
                    <RowActions
                      className="button-row"
                      fields={{ registrationId: row.registrationId }}
                      target={`(${who})`}
                      actions={[
                        edition.held &&
                          row.state !== "valid" &&
                          row.checkedInAt !== null && { intent: "issue", label: "Délivrer" },
                        edition.held &&
                          row.state === "valid" &&
                          row.checkedInAt !== null && {
                            intent: "regenerate",
                            label: "Régénérer",
                            variant: "secondary",
                          },
                      ]}
                      confirmed={
                        row.state === "valid" && {
                          ask: "Révoquer",
                          href: `${base}?revoquer=${row.registrationId}`,
                          confirming: revoking === row.registrationId,
                          warning:
                            "L’attestation ne sera plus valable\u00a0: sa vérification en ligne dira qu’elle a été révoquée.",
                          cancelHref: base,
                          action: { intent: "revoke", label: "Confirmer la révocation", variant: "danger" },
                        }
                      }
                    />
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )}
      </section>
    </>
  );
}
