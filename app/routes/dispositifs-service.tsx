import { type SubmissionResult } from "@conform-to/react";
import { useServerForm } from "#app/components/use-server-form.ts";
import { data, Link, useLocation } from "react-router";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import type { Route } from "./+types/dispositifs-service";
import { categoryLine, entryName, ExampleMark, TerritoryAndContact } from "#app/components/directory.tsx";
import { SelectField, SubmitButton, TextAreaField, TextField } from "#app/components/form-fields.tsx";
import { DispositifError, getPublicDispositif, requestCorrection } from "#app/domain/directory/dispositifs.server.ts";
import { SLUG_PATTERN } from "#app/domain/directory/values.ts";
import {
  DISPOSITIF_CATEGORY_LABELS,
  DISPOSITIF_CORRECTION_FIELD_LABELS,
  DISPOSITIF_CORRECTION_FIELDS,
} from "#app/domain/shared/vocabulary.ts";
import { correctionSchema } from "#app/forms/dispositif.ts";
import { db } from "#app/lib/db.server.ts";
import { mailContext } from "#app/lib/mail-context.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { readPublicPost } from "#app/routes/_shared/public-form.server.ts";
import { invariantResponse } from "#app/routes/_shared/invariant.ts";
import { ServerForm } from "#app/components/server-form.tsx";
import { TextList } from "#app/components/text-list.tsx";

/** Served from the page cache to everyone: plain HTML, no script (docs/decisions/010-page-cache.md). */
export const handle = { scripts: false };

export const meta: Route.MetaFunction = ({ loaderData }) => {
  if (!loaderData)
    return pageMeta("Dispositif introuvable", "Ce dispositif n’existe pas ou a été retiré du répertoire.");
  const { entry } = loaderData;
  return pageMeta(
    entry.name,
    `${entry.name} (${entry.operator}) — ${DISPOSITIF_CATEGORY_LABELS[entry.category].toLowerCase()}, ${entry.territory.toLowerCase()}\u00a0: publics, territoire et contacts.`,
  );
};

const NOT_FOUND = {
  title: "Dispositif introuvable",
  message: "Ce dispositif n’existe pas ou a été retiré du répertoire.",
};

function requireEntry(slug: string) {
  const entry = SLUG_PATTERN.test(slug) ? getPublicDispositif(db(), slug) : null;
  invariantResponse(entry, 404, NOT_FOUND);
  return entry;
}

export function loader({ params }: Route.LoaderArgs) {
  return { entry: requireEntry(params.slug) };
}

export async function action({ params, request, context }: Route.ActionArgs) {
  const entry = requireEntry(params.slug);
  const { checked } = await readPublicPost(request, context, correctionSchema, "dispositif-correction");
  if ("refused" in checked) return checked.refused;
  const { siteWeb: _siteWeb, ...input } = checked.value;
  try {
    requestCorrection(db(), mailContext(), entry.slug, input);
  } catch (error) {
    if (!(error instanceof DispositifError)) throw error;
    throw data(NOT_FOUND, { status: 404 });
  }
  throw await redirectWithFlash(`/dispositifs/${entry.slug}`, {
    kind: "success",
    message: "Merci\u00a0! Votre demande a été transmise à l’équipe du SIAO\u00a095, qui mettra la fiche à jour.",
  });
}

export default function DispositifPage({ loaderData, actionData }: Route.ComponentProps) {
  const { entry } = loaderData;
  // Remounted after each navigation, so that the form is empty again after a request was sent.
  const location = useLocation();
  return (
    <div className="page">
      <p className="no-print">
        <Link to="/dispositifs">Retour au répertoire des dispositifs</Link>
      </p>
      <p className="eyebrow">{categoryLine(entry)}</p>
      <h1>
        {entryName(entry)}
        <ExampleMark entry={entry} />
      </h1>
      {entry.isExample ? (
        <p className="notice">
          Fiche d’exemple, pour la démonstration de la plateforme&nbsp;: ce dispositif n’existe pas.
        </p>
      ) : null}
      {entry.description ? <p className="lead directory-entry__description">{entry.description}</p> : null}
      <dl className="meta-list">
        <dt>Opérateur</dt>
        <dd>{entry.operator}</dd>
        <dt>Catégorie</dt>
        <dd>{DISPOSITIF_CATEGORY_LABELS[entry.category]}</dd>
        {entry.subCategory ? (
          <>
            <dt>Sous-catégorie</dt>
            <dd>{entry.subCategory}</dd>
          </>
        ) : null}
        <dt>Publics</dt>
        <dd>{entry.publics.length ? <TextList className="plain-list" items={entry.publics} /> : "Non précisés"}</dd>
        <TerritoryAndContact entry={entry} />
        {entry.year ? (
          <>
            <dt>Référentiel</dt>
            <dd>Fiche vérifiée pour le Référentiel&nbsp;{entry.year}</dd>
          </>
        ) : null}
      </dl>

      <section aria-labelledby="correction" className="correction no-print">
        <h2 id="correction">Signaler une correction</h2>
        <p>
          Vous portez ce dispositif, ou une information est fausse ou dépassée&nbsp;? Dites-nous quoi corriger&nbsp;:
          l’équipe du SIAO&nbsp;95 vérifie chaque demande avant de modifier la fiche.
        </p>
        <CorrectionForm key={location.key} lastResult={actionData?.result} />
      </section>
    </div>
  );
}

function CorrectionForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const [form, fields] = useServerForm(correctionSchema, {
    id: "correction-form",
    lastResult,
  });
  return (
    <ServerForm form={form}>
      <TextField field={fields.name} label="Votre nom" autoComplete="name" required maxLength={100} />
      <TextField
        field={fields.email}
        label="Votre adresse e-mail"
        type="email"
        autoComplete="email"
        required
        hint={"Pour que l’équipe puisse vous répondre si besoin\u00a0; elle n’est pas publiée."}
      />
      <SelectField
        field={fields.field}
        label="Ce qui est à corriger"
        placeholder="Choisissez…"
        options={DISPOSITIF_CORRECTION_FIELDS.map((value) => ({
          value,
          label: DISPOSITIF_CORRECTION_FIELD_LABELS[value],
        }))}
        required
      />
      <TextAreaField
        field={fields.message}
        label="La correction"
        hint="Par exemple, le nouveau numéro de téléphone ou les communes couvertes."
        required
        rows={4}
        maxLength={2000}
      />
      <div className="honeypot" aria-hidden="true">
        <label htmlFor="siteWeb">Ne pas remplir ce champ</label>
        <input type="text" id="siteWeb" name="siteWeb" tabIndex={-1} autoComplete="off" />
      </div>
      <p className="field__hint">
        Votre nom et votre adresse ne servent qu’à traiter cette demande&nbsp;; ils ne sont transmis qu’à l’équipe du
        SIAO&nbsp;95.
      </p>
      <SubmitButton>Envoyer la demande</SubmitButton>
    </ServerForm>
  );
}
