import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useEffect, useRef } from "react";
import { data, Form, useFetcher, useLocation } from "react-router";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import type { Route } from "./+types/edit";
import { ArticleBody } from "#app/components/article-body.tsx";
import {
  CheckboxField,
  ThemesField,
  RadioGroupField,
  SelectField,
  TextAreaField,
  TextField,
} from "#app/components/form-fields.tsx";
import { ArticleError, articleById, deleteArticle, saveArticle } from "#app/domain/articles/articles.server.ts";
import { ORGANISERS } from "#app/domain/accounts/roles.ts";
import { duplicableEditions, themeOptions } from "#app/domain/editions/admin.server.ts";
import { articleSchema } from "#app/forms/article.ts";
import { db } from "#app/lib/db.server.ts";
import { renderArticle, renderMarkdown } from "#app/lib/markdown.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { frenchTypography } from "#app/lib/typography.ts";
import { requireActor, requireRole } from "#app/routes/_shared/admin-session.server.ts";
import { formatDate, parisDateString, parisTimeString, parisWallTimeToUtc } from "#app/lib/time.ts";
import { invariantResponse } from "#app/routes/_shared/invariant.ts";
import { ServerForm } from "#app/components/server-form.tsx";
import { actBy } from "#app/routes/_shared/act.server.ts";

export const meta: Route.MetaFunction = ({ loaderData }) =>
  pageMeta(
    loaderData?.article ? `Synthèse — ${loaderData.article.title}` : "Nouvelle synthèse",
    "Écrire une synthèse.",
  );

function articleOf(id: string | undefined) {
  if (id === undefined) return null;
  const found = /^\d+$/.test(id) ? articleById(db(), Number(id)) : null;
  invariantResponse(found, 404, { title: "Synthèse introuvable" });
  return found;
}

export async function loader({ params, context }: Route.LoaderArgs) {
  requireRole(context, ORGANISERS);
  const found = articleOf(params.articleId);
  const article = found?.article ?? null;
  return {
    article: article ? { id: article.id, slug: article.slug, title: article.title, status: article.status } : null,
    defaults: article
      ? {
          title: article.title,
          slug: article.slug,
          standfirst: article.standfirst ?? "",
          bodyMarkdown: article.bodyMarkdown,
          furtherReadingMarkdown: article.furtherReadingMarkdown ?? "",
          editionId: article.editionId ? String(article.editionId) : "",
          themeIds: found!.themeIds.map(String),
          status: article.status,
          publishedAt: article.publishedAt
            ? `${parisDateString(article.publishedAt)}T${parisTimeString(article.publishedAt)}`
            : "",
          confirmEarly: "",
        }
      : { status: "draft", themeIds: [] as string[], confirmEarly: "" },
    preview: article
      ? {
          html: renderArticle(article.bodyMarkdown).html,
          furtherReading: article.furtherReadingMarkdown ? renderMarkdown(article.furtherReadingMarkdown) : null,
        }
      : { html: "", furtherReading: null },
    editions: duplicableEditions(db()),
    themes: themeOptions(db()),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor } = requireActor(context, ORGANISERS);
  const found = articleOf(params.articleId);
  const formData = await request.formData();
  if (formData.get("intent") === "delete" && found) {
    if (formData.get("confirm") !== "on") {
      return data(
        { result: undefined, preview: null, deleteError: "Cochez la case pour confirmer la suppression." },
        { status: 400 },
      );
    }
    deleteArticle(actBy(actor), found.article.id);
    throw await redirectWithFlash("/admin/syntheses", { kind: "success", message: "Synthèse supprimée." });
  }
  const submission = parseWithZod(formData, { schema: articleSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply(), preview: null, deleteError: null }, { status: 400 });
  const { intent, publishedAt, ...input } = submission.value;
  if (intent === "preview") {
    return {
      result: submission.reply(),
      preview: {
        html: renderArticle(input.bodyMarkdown).html,
        furtherReading: input.furtherReadingMarkdown ? renderMarkdown(input.furtherReadingMarkdown) : null,
      },
      deleteError: null,
    };
  }
  const [day, time] = publishedAt ? publishedAt.split("T") : [];
  const publishedInstant = day && time ? parisWallTimeToUtc(day, time) : null;
  if (publishedAt && !publishedInstant) {
    return data(
      {
        result: submission.reply({ fieldErrors: { publishedAt: ["Cette heure n’existe pas à Paris."] } }),
        preview: null,
        deleteError: null,
      },
      { status: 400 },
    );
  }
  try {
    const article = saveArticle(actBy(actor), found?.article.id ?? null, { ...input, publishedAt: publishedInstant });
    throw await redirectWithFlash(`/admin/syntheses/${article.id}`, {
      kind: "success",
      message:
        article.status === "published"
          ? "Synthèse enregistrée."
          : "Synthèse enregistrée. Elle reste un brouillon, invisible du public.",
    });
  } catch (error) {
    if (!(error instanceof ArticleError)) throw error;
    const reply = error.field
      ? submission.reply({ fieldErrors: { [error.field]: [error.message] } })
      : submission.reply({ formErrors: [error.message] });
    return data({ result: reply, preview: null, deleteError: null }, { status: 409 });
  }
}

export default function ArticleEditor({ loaderData, actionData }: Route.ComponentProps) {
  const { article, defaults, preview, editions, themes } = loaderData;
  const location = useLocation();
  const fetcher = useFetcher<{ html: string; furtherReading: string | null }>();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const formRef = useRef<HTMLFormElement>(null);
  const [form, fields] = useForm({
    id: "synthese",
    lastResult: actionData?.result,
    defaultValue: defaults,
  });

  // With JavaScript the preview follows the typing; without, the « Prévisualiser » button does it.
  const refreshPreview = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const current = formRef.current;
      if (!current) return;
      const data = new FormData();
      data.set("bodyMarkdown", String(new FormData(current).get("bodyMarkdown") ?? ""));
      data.set("furtherReadingMarkdown", String(new FormData(current).get("furtherReadingMarkdown") ?? ""));
      fetcher.submit(data, { method: "post", action: "/admin/syntheses/apercu" });
    }, 400);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  const shown = fetcher.data ?? actionData?.preview ?? preview;

  return (
    <>
      <h1>{article ? article.title : "Nouvelle synthèse"}</h1>
      {article ? (
        <p>
          <a href={`/admin/syntheses/${article.id}/documents`}>Documents joints (diaporamas, livrets…)</a>
          {article.status === "published" ? (
            <>
              {" "}
              · <a href={`/syntheses/${article.slug}`}>Voir la page publique</a>
            </>
          ) : null}
        </p>
      ) : null}
      <div className="editor">
        <ServerForm form={form} className="form editor__form" formRef={formRef} key={location.pathname}>
          <TextField field={fields.title} label="Titre" required maxLength={250} />
          <TextField
            field={fields.slug}
            label="Adresse (slug)"
            hint="Laissez vide pour la déduire du titre."
            maxLength={80}
          />
          <TextAreaField field={fields.standfirst} label="Chapô" rows={3} maxLength={1000} />
          <div onInput={refreshPreview}>
            <TextAreaField
              field={fields.bodyMarkdown}
              label="Texte (Markdown)"
              hint={frenchTypography(
                "## Titre de section, > citation puis « > — d’après Auteur », - [x] point coché, [^1] note de bas de page, tableaux, [lien](https://…).",
              )}
              rows={24}
              required
            />
            <TextAreaField
              field={fields.furtherReadingMarkdown}
              label={frenchTypography("Encadré « Pour aller plus loin » (Markdown)")}
              rows={5}
            />
          </div>
          <SelectField
            field={fields.editionId}
            label="Édition liée"
            placeholder="Aucune"
            options={editions.map((edition) => ({
              value: String(edition.id),
              label: `${edition.title} — ${formatDate(edition.startsAt)}`,
            }))}
          />
          <ThemesField field={fields.themeIds} themes={themes} />
          <RadioGroupField
            field={fields.status}
            legend="Statut"
            options={[
              { value: "draft", label: "Brouillon (invisible du public)" },
              { value: "published", label: "Publiée" },
            ]}
            required
          />
          <TextField
            field={fields.publishedAt}
            label="Date de publication"
            type="datetime-local"
            hint="Laissez vide pour publier maintenant. Une date future programme la publication."
          />
          {fields.confirmEarly.errors?.length ? (
            <div className="notice notice--warn">
              <CheckboxField field={fields.confirmEarly} label="Publier quand même" />
            </div>
          ) : null}
          <div className="button-row">
            <button type="submit" name="intent" value="save" className="button">
              Enregistrer
            </button>
            <button type="submit" name="intent" value="preview" className="button button--secondary">
              Prévisualiser
            </button>
          </div>
        </ServerForm>
        <section className="editor__preview article" aria-labelledby="apercu" aria-live="polite">
          <h2 id="apercu" className="editor__preview-title">
            Aperçu
          </h2>
          {shown.html ? (
            <ArticleBody html={shown.html} furtherReading={shown.furtherReading} />
          ) : (
            <p>L’aperçu apparaîtra ici.</p>
          )}
        </section>
      </div>
      {article ? (
        <section aria-labelledby="supprimer">
          <h2 id="supprimer">Supprimer la synthèse</h2>
          <Form method="post" className="form form--inline">
            <input type="hidden" name="intent" value="delete" />
            <div className="choice">
              <input
                type="checkbox"
                id="confirm"
                name="confirm"
                aria-describedby={actionData?.deleteError ? "confirm-error" : undefined}
              />{" "}
              <label htmlFor="confirm">Je confirme la suppression définitive</label>
            </div>
            {actionData?.deleteError ? (
              <p id="confirm-error" className="field__error">
                {actionData.deleteError}
              </p>
            ) : null}
            <button type="submit" className="button button--danger">
              Supprimer
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
