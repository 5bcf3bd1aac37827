import type { Route } from "./+types/preview";
import { ORGANISERS } from "../../../domain/auth.server";
import { previewSchema } from "../../../forms/article";
import { renderArticle, renderMarkdown } from "../../../lib/markdown.server";
import { requireUser } from "../../../lib/session.server";

/** The live preview of the editor: the same rendering as the public page, nothing saved. */
export async function action({ request }: Route.ActionArgs) {
  await requireUser(request, ORGANISERS);
  const parsed = previewSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return Response.json({ error: "Texte trop long pour l’aperçu." }, { status: 400 });
  return {
    html: renderArticle(parsed.data.bodyMarkdown).html,
    furtherReading: parsed.data.furtherReadingMarkdown.trim() ? renderMarkdown(parsed.data.furtherReadingMarkdown) : null,
  };
}
