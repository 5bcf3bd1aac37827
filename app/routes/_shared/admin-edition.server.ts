import type { RouterContextProvider } from "react-router";
import type { UserRole } from "#app/domain/shared/vocabulary.ts";
import { findEdition } from "#app/domain/editions/editions.server.ts";
import { db } from "#app/lib/db.server.ts";
import { requireActor } from "#app/routes/_shared/admin-session.server.ts";
import { invariantResponse } from "#app/routes/_shared/invariant.ts";

/** The edition of a back-office URL (any status), or a 404. The id comes from the URL only. */
export function requireAdminEdition(id: string | undefined) {
  const editionId = Number(id);
  const edition = Number.isSafeInteger(editionId) && editionId > 0 ? findEdition(db(), editionId)?.edition : undefined;
  invariantResponse(edition, 404, { title: "Édition introuvable" });
  return edition;
}

/**
 * What every page of an edition's tabs starts with: the role first (a 403 says nothing of which
 * editions exist), then the edition of the URL; with the user and the actor their changes record.
 */
export function requireEditionAccess(
  context: Readonly<RouterContextProvider>,
  editionId: string | undefined,
  roles: readonly UserRole[],
) {
  const { user, actor } = requireActor(context, roles);
  return { user, actor, edition: requireAdminEdition(editionId) };
}
