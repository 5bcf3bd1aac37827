import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form } from "react-router";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import type { Route } from "./+types/new";
import { EditionForm } from "#app/components/edition-form.tsx";
import { ORGANISERS } from "#app/domain/accounts/roles.ts";
import {
  createEdition,
  duplicableEditions,
  duplicateEdition,
  themeOptions,
  venueOptions,
} from "#app/domain/editions/admin.server.ts";
import { formFromSuggestion, suggestedThemes } from "#app/domain/survey/results.server.ts";
import { editionSchema } from "#app/forms/edition.ts";
import { db } from "#app/lib/db.server.ts";
import { editionFormErrorResponse } from "#app/routes/_shared/edition-form.server.ts";
import { formPageMeta } from "#app/lib/meta.ts";
import { FormPageTitle } from "#app/components/error-summary.tsx";
import { requireActor, requireRole } from "#app/routes/_shared/admin-session.server.ts";
import { formatDate } from "#app/lib/time.ts";
import { actBy } from "#app/routes/_shared/act.server.ts";

const TITLE = "Nouvelle édition";

export const meta: Route.MetaFunction = () => formPageMeta(TITLE, "Créer une édition.");

export async function loader({ request, context }: Route.LoaderArgs) {
  requireRole(context, ORGANISERS);
  const picked = new URL(request.url).searchParams.get("theme");
  return {
    venues: venueOptions(db()),
    themes: themeOptions(db()),
    sources: duplicableEditions(db()),
    suggestions: suggestedThemes(db(), 10),
    prefill: picked ? formFromSuggestion(db(), picked) : {},
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { actor } = requireActor(context, ORGANISERS);
  const formData = await request.formData();
  if (formData.get("intent") === "duplicate") {
    const sourceId = Number(formData.get("sourceId"));
    if (!Number.isSafeInteger(sourceId) || sourceId <= 0) {
      return data({ result: undefined, duplicateError: "Choisissez l’édition à dupliquer." }, { status: 400 });
    }
    try {
      const copy = duplicateEdition(actBy(actor), sourceId);
      throw await redirectWithFlash(`/admin/editions/${copy.id}/modifier`, {
        kind: "success",
        message: "Copie créée en brouillon. Vérifiez la date, le lieu et les fenêtres d’inscription avant de publier.",
      });
    } catch (error) {
      if (error instanceof Response) throw error;
      return data({ result: undefined, duplicateError: "Édition introuvable." }, { status: 404 });
    }
  }
  const submission = parseWithZod(formData, { schema: editionSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply(), duplicateError: null }, { status: 400 });
  try {
    const edition = createEdition(actBy(actor), submission.value);
    throw await redirectWithFlash(`/admin/editions/${edition.id}`, {
      kind: "success",
      message: "Brouillon créé. Ajoutez le programme, puis publiez l’édition quand elle est prête.",
    });
  } catch (error) {
    if (error instanceof Response) throw error;
    return editionFormErrorResponse(submission, error);
  }
}

export default function NewEdition({ loaderData, actionData }: Route.ComponentProps) {
  const { venues, themes, sources, suggestions, prefill } = loaderData;
  const duplicateError = actionData && "duplicateError" in actionData ? actionData.duplicateError : null;
  return (
    <>
      <FormPageTitle title={TITLE} result={actionData?.result} failed={Boolean(duplicateError)} />
      <h1>Nouvelle édition</h1>
      <section aria-labelledby="dupliquer">
        <h2 id="dupliquer">Partir d’une édition existante</h2>
        <p>
          Reprend le lieu, les thèmes, les textes, la jauge et le programme, environ six mois plus tard, en brouillon.
        </p>
        <Form method="post" className="form form--inline">
          <input type="hidden" name="intent" value="duplicate" />
          <div className="field">
            <label htmlFor="sourceId">Édition à dupliquer</label>
            <select
              id="sourceId"
              name="sourceId"
              aria-describedby={duplicateError ? "sourceId-error" : undefined}
              aria-invalid={duplicateError ? true : undefined}
            >
              <option value="">Choisissez…</option>
              {sources.map((source) => (
                <option key={source.id} value={source.id}>
                  {source.title} — {formatDate(source.startsAt)}
                </option>
              ))}
            </select>
            {duplicateError ? (
              <p id="sourceId-error" className="field__error">
                {duplicateError}
              </p>
            ) : null}
          </div>
          <div>
            <button type="submit" className="button button--secondary">
              Dupliquer
            </button>
          </div>
        </Form>
      </section>
      <section aria-labelledby="de-zero">
        <h2 id="de-zero">Ou créer une édition vierge</h2>
        <EditionForm
          id="nouvelle-edition"
          lastResult={actionData?.result}
          defaultValue={{ capacity: "120", waitlistEnabled: "on", startTime: "09:00", endTime: "16:30", ...prefill }}
          venues={venues}
          themes={themes}
          submitLabel="Créer le brouillon"
          themeSuggestions={suggestions.length > 0 ? <ThemeSuggestions suggestions={suggestions} /> : null}
        />
      </section>
    </>
  );
}

/** What participants asked for in the surveys of past editions; a link fills the form with one. */
function ThemeSuggestions({ suggestions }: { suggestions: Route.ComponentProps["loaderData"]["suggestions"] }) {
  return (
    <div className="theme-suggestions" role="group" aria-labelledby="suggestions-titre">
      <p id="suggestions-titre">
        <strong>Thèmes souhaités par les participants des éditions passées</strong>
      </p>
      <p className="field__hint">
        D’après les questionnaires de satisfaction. Choisir un thème le reprend comme titre et comme thème de l’édition
        (la page se recharge&nbsp;: faites-le avant de remplir le reste).
      </p>
      <ol>
        {suggestions.map((suggestion) => (
          <li key={suggestion.key}>
            <a href={`/admin/editions/nouvelle?theme=${encodeURIComponent(suggestion.label)}#de-zero`}>
              {suggestion.label}
            </a>{" "}
            <span className="field__hint">
              ({suggestion.count}&nbsp;mention{suggestion.count > 1 ? "s" : ""}
              {suggestion.editions > 1 ? `, ${suggestion.editions}\u00a0éditions` : ""})
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
