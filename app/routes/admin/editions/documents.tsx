import type { Route } from "./+types/documents";
import { AttachmentsManager } from "#app/components/attachments-manager.tsx";
import { ORGANISERS } from "#app/domain/accounts/roles.ts";
import { requireEditionAccess } from "#app/routes/_shared/admin-edition.server.ts";
import { attachmentAction, attachmentsManagerData } from "#app/routes/_shared/attachments.server.ts";
import { pageMeta } from "#app/lib/meta.ts";

export const meta: Route.MetaFunction = () =>
  pageMeta("Documents de l’édition", "Diaporamas, livrets et documents de l’édition.");

export async function loader({ params, context }: Route.LoaderArgs) {
  const { edition } = requireEditionAccess(context, params.editionId, ORGANISERS);
  return {
    editionStatus: edition.status,
    ...attachmentsManagerData({ editionId: edition.id }),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor, edition } = requireEditionAccess(context, params.editionId, ORGANISERS);
  return attachmentAction(request, { editionId: edition.id }, actor, `/admin/editions/${edition.id}/documents`);
}

export default function EditionDocuments({ loaderData, actionData }: Route.ComponentProps) {
  const { editionStatus, ...manager } = loaderData;
  return (
    <>
      <h1>Documents</h1>
      <p>
        Diaporamas, livrets et autres documents de l’édition, dans l’ordre où le public les voit sur la page de
        l’édition
        {editionStatus === "draft" ? " une fois celle-ci publiée" : ""}.
      </p>
      <AttachmentsManager {...manager} answer={actionData} />
    </>
  );
}
