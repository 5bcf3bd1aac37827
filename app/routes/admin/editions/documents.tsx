import type { Route } from "./+types/documents";
import { AttachmentsManager } from "#app/components/attachments-manager.tsx";
import { ORGANISERS } from "#app/domain/accounts/roles.ts";
import { requireAdminEdition } from "#app/routes/_shared/admin-edition.server.ts";
import { attachmentAction, attachmentItems } from "#app/routes/_shared/attachments.server.ts";
import { env } from "#app/lib/env.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { requireUser } from "#app/lib/session.server.ts";
import { requestInfo } from "#app/server/load-context.ts";

export const meta: Route.MetaFunction = () =>
  pageMeta("Documents de l’édition", "Diaporamas, livrets et documents de l’édition.");

export async function loader({ request, params }: Route.LoaderArgs) {
  await requireUser(request, ORGANISERS);
  const edition = requireAdminEdition(params.editionId);
  return {
    editionStatus: edition.status,
    attachments: attachmentItems({ editionId: edition.id }),
    maxBytes: env().uploadMaxBytes,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const user = await requireUser(request, ORGANISERS);
  const edition = requireAdminEdition(params.editionId);
  return attachmentAction(
    await request.formData(),
    { editionId: edition.id },
    { userId: user.id, ip: context.get(requestInfo).clientIp },
    `/admin/editions/${edition.id}/documents`,
  );
}

export default function EditionDocuments({ loaderData, actionData }: Route.ComponentProps) {
  const { editionStatus, attachments, maxBytes } = loaderData;
  return (
    <>
      <h1>Documents</h1>
      <p>
        Diaporamas, livrets et autres documents de l’édition, dans l’ordre où le public les voit sur la page de
        l’édition
        {editionStatus === "draft" ? " une fois celle-ci publiée" : ""}.
      </p>
      <AttachmentsManager
        attachments={attachments}
        maxBytes={maxBytes}
        lastResult={actionData?.result}
        error={actionData?.error ?? null}
        renameError={actionData?.renameError ?? null}
      />
    </>
  );
}
