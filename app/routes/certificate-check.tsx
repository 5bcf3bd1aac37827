import { redirect } from "react-router";
import type { Route } from "./+types/certificate-check";
import { SubmitButton, TextField } from "#app/components/form-fields.tsx";
import { useServerForm } from "#app/components/use-server-form.ts";
import { verificationSchema } from "#app/forms/certificate.ts";
import { privatePageMeta } from "#app/lib/meta.ts";
import { readPublicPost } from "#app/routes/_shared/public-form.server.ts";
import { ServerForm } from "#app/components/server-form.tsx";

export const meta: Route.MetaFunction = () =>
  privatePageMeta(
    "Vérifier une attestation de présence",
    "Vérifier qu’une attestation de présence à une CTS du SIAO 95 est authentique.",
    "noindex",
  );

export async function action({ request, context }: Route.ActionArgs) {
  // Nothing is written here, so no honeypot: only the per-address limit and the schema apply.
  const { checked } = await readPublicPost(request, context, verificationSchema, "certificate-check");
  if ("refused" in checked) return checked.refused;
  throw redirect(`/attestation/${checked.value.code}`);
}

export default function CertificateCheck({ actionData }: Route.ComponentProps) {
  const [form, fields] = useServerForm(verificationSchema, { id: "verification", lastResult: actionData?.result });
  return (
    <div className="page narrow">
      <p className="eyebrow">Attestations de présence</p>
      <h1>Vérifier une attestation</h1>
      <p>
        Chaque attestation de présence délivrée par le SIAO&nbsp;95 à l’issue d’une coordination territoriale porte un
        code de vérification, imprimé en bas de page. Saisissez-le pour savoir si elle est authentique.
      </p>
      <ServerForm form={form}>
        <TextField
          field={fields.code}
          label="Code de vérification"
          hint="10 lettres et chiffres, avec ou sans tirets, majuscules ou minuscules (par exemple K7QF-3M9P-XZ)."
          autoComplete="off"
          required
          maxLength={40}
        />
        <SubmitButton>Vérifier</SubmitButton>
      </ServerForm>
      <p>
        La vérification indique seulement le nom de la personne, l’édition et sa date&nbsp;: aucune autre donnée
        personnelle n’est affichée.
      </p>
    </div>
  );
}
