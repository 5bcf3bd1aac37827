import type { Route } from "./+types/documents";
import { AttachmentsManager } from "#app/components/attachments-manager.tsx";
import { articleById } from "#app/domain/articles/articles.server.ts";
import { ORGANISERS } from "#app/domain/accounts/roles.ts";
import { attachmentAction, attachmentsManagerData } from "#app/routes/_shared/attachments.server.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { requireActor, requireRole } from "#app/routes/_shared/admin-session.server.ts";
import { invariantResponse } from "#app/routes/_shared/invariant.ts";

export const meta: Route.MetaFunction = () => pageMeta("Documents de la synthèse", "Documents joints à une synthèse.");

function articleOf(id: string) {
  const found = /^\d+$/.test(id) ? articleById(db(), Number(id)) : null;
  invariantResponse(found, 404, { title: "Synthèse introuvable" });
  return found.article;
}

export async function loader({ params, context }: Route.LoaderArgs) {
  requireRole(context, ORGANISERS);
  const article = articleOf(params.articleId);
  return {
    article: { id: article.id, title: article.title },
    ...attachmentsManagerData({ articleId: article.id }),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor } = requireActor(context, ORGANISERS);
  const article = articleOf(params.articleId);
  return attachmentAction(request, { articleId: article.id }, actor, `/admin/syntheses/${article.id}/documents`);
}

export default function ArticleDocuments({ loaderData, actionData }: Route.ComponentProps) {
  const { article, ...manager } = loaderData;
  return (
    <>
      <p>
        <a href={`/admin/syntheses/${article.id}`}>← Retour à la synthèse</a>
      </p>
      <h1>Documents de «&nbsp;{article.title}&nbsp;»</h1>
      <p>Ils sont proposés au téléchargement en bas de la synthèse, dans cet ordre.</p>
      <AttachmentsManager {...manager} answer={actionData} />
    </>
  );
}
