import type { Route } from "./+types/preview";
import { ORGANISERS } from "#app/domain/accounts/roles.ts";
import { previewSchema } from "#app/forms/article.ts";
import { renderArticle, renderMarkdown } from "#app/lib/markdown.server.ts";
import { requireRole } from "#app/routes/_shared/admin-session.server.ts";

/** The live preview of the editor: the same rendering as the public page, nothing saved. */
export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, ORGANISERS);
  const parsed = previewSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return Response.json({ error: "Texte trop long pour l’aperçu." }, { status: 400 });
  return {
    html: renderArticle(parsed.data.bodyMarkdown).html,
    furtherReading: parsed.data.furtherReadingMarkdown.trim()
      ? renderMarkdown(parsed.data.furtherReadingMarkdown)
      : null,
  };
}
