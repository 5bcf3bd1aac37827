import { useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { data, Link, useLocation } from "react-router";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import type { Route } from "./+types/edit";
import { CheckboxField, SelectField, TextAreaField, TextField } from "#app/components/form-fields.tsx";
import { ORGANISERS } from "#app/domain/accounts/roles.ts";
import { WHOLE_DEPARTEMENT } from "#app/domain/directory/values.ts";
import {
  dispositifById,
  DispositifError,
  saveDispositif,
  setDispositifRetired,
} from "#app/domain/directory/dispositifs.server.ts";
import {
  DISPOSITIF_CATEGORIES,
  DISPOSITIF_CATEGORY_LABELS,
  DISPOSITIF_SUB_CATEGORY_SUGGESTIONS,
} from "#app/domain/shared/vocabulary.ts";
import { dispositifSchema } from "#app/forms/dispositif.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { requireActor, requireRole } from "#app/routes/_shared/admin-session.server.ts";
import { formatDate } from "#app/lib/time.ts";
import { invariantResponse } from "#app/routes/_shared/invariant.ts";
import { ServerForm } from "#app/components/server-form.tsx";
import { IntentButton } from "#app/components/row-action-form.tsx";
import { actBy } from "#app/routes/_shared/act.server.ts";

export const meta: Route.MetaFunction = ({ loaderData }) =>
  pageMeta(
    loaderData?.dispositif ? `Dispositif — ${loaderData.dispositif.name}` : "Nouveau dispositif",
    "Une fiche du répertoire des dispositifs.",
  );

/** The service of the URL, null on the creation page, a French 404 for an unknown or malformed id. */
function dispositifOf(id: string | undefined) {
  if (id === undefined) return null;
  const found = /^\d{1,9}$/.test(id) ? dispositifById(db(), Number(id)) : null;
  invariantResponse(found, 404, { title: "Dispositif introuvable", message: "Ce dispositif n’existe pas." });
  return found;
}

export async function loader({ params, context }: Route.LoaderArgs) {
  requireRole(context, ORGANISERS);
  const found = dispositifOf(params.dispositifId);
  return {
    dispositif: found
      ? { id: found.id, slug: found.slug, name: found.name, retiredAt: found.retiredAt, updatedAt: found.updatedAt }
      : null,
    defaults: found
      ? {
          name: found.name,
          operator: found.operator,
          category: found.category,
          subCategory: found.subCategory ?? "",
          publics: found.publics ?? "",
          communes: found.communes ?? "",
          description: found.description ?? "",
          phone: found.phone ?? "",
          email: found.email ?? "",
          website: found.website ?? "",
          year: found.year ? String(found.year) : "",
          isExample: found.isExample ? "on" : undefined,
        }
      : undefined,
  };
}

const retireSchema = z.object({ intent: z.enum(["retire", "unretire"]) });

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor } = requireActor(context, ORGANISERS);
  const found = dispositifOf(params.dispositifId);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (found && (intent === "retire" || intent === "unretire")) {
    const parsed = retireSchema.parse({ intent });
    setDispositifRetired(actBy(actor), found.id, parsed.intent === "retire");
    throw await redirectWithFlash(`/admin/dispositifs/${found.id}`, {
      kind: "success",
      message:
        parsed.intent === "retire"
          ? "Dispositif retiré du répertoire public."
          : "Dispositif remis au répertoire public.",
    });
  }
  const submission = parseWithZod(formData, { schema: dispositifSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    const saved = saveDispositif(actBy(actor), found?.id ?? null, submission.value);
    throw await redirectWithFlash(`/admin/dispositifs/${saved.id}`, { kind: "success", message: "Fiche enregistrée." });
  } catch (error) {
    if (!(error instanceof DispositifError)) throw error;
    const reply = error.field
      ? submission.reply({ fieldErrors: { [error.field]: [error.message] } })
      : submission.reply({ formErrors: [error.message] });
    return data({ result: reply }, { status: error.status });
  }
}

const SUB_CATEGORY_HINT = `Par exemple\u00a0: ${DISPOSITIF_CATEGORIES.flatMap((c) => DISPOSITIF_SUB_CATEGORY_SUGGESTIONS[c]).join(", ")}.`;

export default function DispositifEditor({ loaderData, actionData }: Route.ComponentProps) {
  const { dispositif, defaults } = loaderData;
  const location = useLocation();
  return (
    <>
      <p>
        <Link to="/admin/dispositifs">Retour au répertoire</Link>
      </p>
      <h1>{dispositif ? dispositif.name : "Nouveau dispositif"}</h1>
      {dispositif ? (
        <p>
          {dispositif.retiredAt ? (
            <>
              Retiré du répertoire le {formatDate(dispositif.retiredAt)}&nbsp;: la fiche n’est plus publique ni trouvée
              par la recherche.
            </>
          ) : (
            <>
              Fiche publique&nbsp;: <Link to={`/dispositifs/${dispositif.slug}`}>/dispositifs/{dispositif.slug}</Link>{" "}
              (modifiée le {formatDate(dispositif.updatedAt)}).
            </>
          )}
        </p>
      ) : null}
      {/* Remounted after each navigation: Conform keeps per-form state that must not outlive a redirect. */}
      <DispositifForm key={location.key} defaults={defaults} lastResult={actionData?.result} isNew={!dispositif} />
      {dispositif ? (
        <section aria-labelledby="retrait">
          <h2 id="retrait">{dispositif.retiredAt ? "Remettre au répertoire" : "Retirer du répertoire"}</h2>
          <p>
            {dispositif.retiredAt
              ? "La fiche redevient publique et la recherche la retrouve."
              : "Un dispositif qui n’existe plus est retiré plutôt que supprimé\u00a0: sa fiche quitte le répertoire public et la recherche, et peut y revenir."}
          </p>
          <IntentButton
            intent={dispositif.retiredAt ? "unretire" : "retire"}
            className={`button ${dispositif.retiredAt ? "" : "button--danger"}`}
          >
            {dispositif.retiredAt ? "Remettre au répertoire" : "Retirer du répertoire"}
          </IntentButton>
        </section>
      ) : null}
    </>
  );
}

function DispositifForm(props: {
  defaults: Route.ComponentProps["loaderData"]["defaults"];
  lastResult: SubmissionResult<string[]> | undefined;
  isNew: boolean;
}) {
  const [form, fields] = useForm({
    id: "dispositif",
    lastResult: props.lastResult,
    defaultValue: props.defaults,
  });
  return (
    <ServerForm form={form} intent="save" className="form form--wide">
      <TextField field={fields.name} label="Nom du dispositif" required maxLength={200} />
      <TextField
        field={fields.operator}
        label="Opérateur"
        hint="La structure qui porte le dispositif."
        required
        maxLength={200}
      />
      <SelectField
        field={fields.category}
        label="Catégorie"
        placeholder="Choisissez…"
        options={DISPOSITIF_CATEGORIES.map((value) => ({ value, label: DISPOSITIF_CATEGORY_LABELS[value] }))}
        required
      />
      <TextField field={fields.subCategory} label="Sous-catégorie" hint={SUB_CATEGORY_HINT} maxLength={100} />
      <TextAreaField
        field={fields.publics}
        label="Publics"
        hint="Un public par ligne (ou séparés par des virgules)."
        rows={3}
      />
      <TextAreaField
        field={fields.communes}
        label="Communes couvertes"
        hint={`Une commune par ligne (ou séparées par des virgules), sans code postal. Laissez vide, ou écrivez «\u00a0${WHOLE_DEPARTEMENT}\u00a0», pour tout le Val-d’Oise.`}
        rows={3}
      />
      <TextAreaField field={fields.description} label="Description courte" rows={4} maxLength={2000} />
      <TextField
        field={fields.phone}
        label="Téléphone"
        type="tel"
        hint="10 chiffres, ou un numéro court comme 115."
        maxLength={30}
      />
      <TextField field={fields.email} label="Adresse e-mail" type="email" maxLength={254} />
      <TextField
        field={fields.website}
        label="Site web"
        type="url"
        hint="https:// est ajouté s’il manque."
        maxLength={300}
      />
      <TextField
        field={fields.year}
        label="Référentiel"
        type="number"
        hint="L’année du référentiel pour lequel cette fiche a été vérifiée, par exemple 2025."
      />
      <CheckboxField field={fields.isExample} label="Fiche d’exemple (démonstration), signalée comme telle au public" />
      <div className="button-row">
        <button type="submit" className="button">
          {props.isNew ? "Créer le dispositif" : "Enregistrer"}
        </button>
        <Link to="/admin/dispositifs">Annuler</Link>
      </div>
    </ServerForm>
  );
}
