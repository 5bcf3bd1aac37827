import { data, Form, redirect } from "react-router";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import type { Route } from "./+types/contribution-withdraw";
import { speakerView, withdrawOwnContribution } from "#app/domain/contributions/submissions.server.ts";
import { db } from "#app/lib/db.server.ts";
import { privatePageMeta } from "#app/lib/meta.ts";
import { formatDate } from "#app/lib/time.ts";
import { frenchTypography } from "#app/lib/typography.ts";
import { requestInfo } from "#app/server/load-context.ts";
import { invalidContributionLink, requireContribution } from "#app/routes/_shared/contribution-link.server.ts";
import { SubmitOrKeep } from "#app/components/form-fields.tsx";
import { actBy } from "#app/routes/_shared/act.server.ts";

export const meta: Route.MetaFunction = () =>
  privatePageMeta(
    "Retirer ma contribution",
    "Retirer votre proposition de contribution à une coordination territoriale du SIAO 95.",
  );

export function loader({ params }: Route.LoaderArgs) {
  const contribution = requireContribution(params.token);
  const view = speakerView(db(), contribution);
  if (!view.rights.withdrawable) throw redirect(`/contribution/${params.token}`);
  return data({
    token: params.token,
    title: view.contribution.title,
    editionTitle: view.edition.title,
    startsAt: view.edition.startsAt,
    accepted: view.status === "accepted",
  });
}

export async function action({ params, context }: Route.ActionArgs) {
  requireContribution(params.token);
  const outcome = withdrawOwnContribution(
    actBy({
      userId: null,
      ip: context.get(requestInfo).clientIp,
    }),
    params.token,
  );
  if (outcome.outcome === "not_found") throw invalidContributionLink();
  // Already withdrawn, or no longer possible: the private page says where things stand.
  if (outcome.outcome === "refused") throw redirect(`/contribution/${params.token}`);
  throw await redirectWithFlash(`/contribution/${params.token}`, {
    kind: "success",
    message: "Le retrait de votre contribution est enregistré. Un e-mail de confirmation vous a été envoyé.",
  });
}

export default function WithdrawContribution({ loaderData }: Route.ComponentProps) {
  const { token, title, editionTitle, startsAt, accepted } = loaderData;
  return (
    <div className="page narrow">
      <p className="eyebrow">Ma contribution</p>
      <h1>Retirer ma contribution</h1>
      <p>
        {frenchTypography(
          accepted
            ? `Vous êtes sur le point de retirer la contribution « ${title} », retenue pour la coordination territoriale « ${editionTitle} » du ${formatDate(startsAt)}. Ses intervenant·es seront retirés du programme public, l’intervention sera retirée de vos agendas, et l’équipe organisatrice en sera informée.`
            : `Vous êtes sur le point de retirer la contribution « ${title} » proposée pour la coordination territoriale « ${editionTitle} » du ${formatDate(startsAt)}. Elle ne sera plus examinée.`,
        )}
      </p>
      <p>Ce retrait est définitif.</p>
      <Form method="post">
        <SubmitOrKeep keepHref={`/contribution/${token}`} keepLabel="Non, garder ma contribution">
          Confirmer le retrait
        </SubmitOrKeep>
      </Form>
    </div>
  );
}
