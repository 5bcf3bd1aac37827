import { data, redirect } from "react-router";
import type { Route } from "./+types/certificate";
import { verifyCertificate } from "#app/domain/certificates/certificates.server.ts";
import { normaliseCode } from "#app/domain/certificates/values.ts";
import { db } from "#app/lib/db.server.ts";
import { privatePageMeta } from "#app/lib/meta.ts";
import { formatDate } from "#app/lib/time.ts";

export const meta: Route.MetaFunction = () =>
  privatePageMeta(
    "Vérification d’une attestation de présence",
    "Résultat de la vérification d’une attestation de présence.",
    "noindex",
  );

export function loader({ params }: Route.LoaderArgs) {
  const code = normaliseCode(params.code);
  // A code typed by hand (lower case, without dashes) lands on its one canonical address.
  if (code && code !== params.code) throw redirect(`/attestation/${code}`);
  const result = verifyCertificate(db(), params.code);
  return data(result, { status: result.state === "unknown" ? 404 : 200 });
}

export default function CertificateVerification({ loaderData }: Route.ComponentProps) {
  const result = loaderData;
  return (
    <div className="page narrow">
      <p className="eyebrow">Vérification d’une attestation de présence</p>
      {result.state === "valid" ? (
        <>
          <h1>Attestation authentique</h1>
          <p className="notice notice--ok">
            Le code <strong>{result.code}</strong> correspond à une attestation de présence valable, délivrée par le
            SIAO&nbsp;95.
          </p>
          <dl className="meta-list">
            <dt>Nom</dt>
            <dd>{result.fullName}</dd>
            <dt>Édition</dt>
            <dd>{result.editionTitle}</dd>
            <dt>Date</dt>
            <dd>{formatDate(result.heldOn)}</dd>
          </dl>
          <p>Vérifiez que ces informations sont bien celles imprimées sur le document que vous avez reçu.</p>
        </>
      ) : result.state === "revoked" ? (
        <>
          <h1>Attestation révoquée</h1>
          <p className="notice notice--error">
            L’attestation portant le code <strong>{result.code}</strong> a été révoquée le{" "}
            {formatDate(result.revokedAt)}
            &nbsp;: elle n’est plus valable.
            {result.erased ? " Les données de la personne ont été effacées." : ""}
          </p>
          <p>Si une attestation corrigée vous a été remise, vérifiez son propre code.</p>
        </>
      ) : (
        <>
          <h1>Code inconnu</h1>
          <p className="notice notice--error">
            Aucune attestation ne correspond à ce code. Vérifiez qu’il a été recopié sans erreur&nbsp;: 10&nbsp;lettres
            et chiffres, sans O, I, L, 0 ni 1.
          </p>
        </>
      )}
      <p>
        <a href="/attestation">Vérifier un autre code</a>
      </p>
    </div>
  );
}
