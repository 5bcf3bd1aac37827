import { data, Form } from "react-router";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import type { Route } from "./+types/my-registration-email-confirm";
import { confirmEmailChange, emailChangeStatus } from "#app/domain/registrations/email-change.server.ts";
import { db } from "#app/lib/db.server.ts";
import { privatePageMeta } from "#app/lib/meta.ts";
import { frenchTypography } from "#app/lib/typography.ts";
import { requestInfo } from "#app/server/load-context.ts";
import { actBy } from "#app/routes/_shared/act.server.ts";

export const meta: Route.MetaFunction = () =>
  privatePageMeta("Confirmer ma nouvelle adresse", "Confirmer la nouvelle adresse e-mail de votre inscription.");

const REFUSALS = {
  invalid: "Ce lien de confirmation n’est pas valide. Vérifiez qu’il a été copié en entier.",
  expired: "Ce lien de confirmation a expiré. Demandez-en un nouveau depuis votre lien personnel.",
  used: "Ce lien de confirmation a déjà servi. Demandez-en un nouveau depuis votre lien personnel si besoin.",
  email_taken: "Cette adresse est déjà inscrite à cette édition : elle ne peut pas remplacer la vôtre.",
  not_allowed:
    "L’adresse de cette inscription ne peut plus être changée : l’édition a commencé, ou l’inscription est annulée.",
} as const;

// A GET only shows the button: mail scanners that open links must not change anyone's address.
export function loader({ params }: Route.LoaderArgs) {
  const status = emailChangeStatus(db(), params.token);
  if (status.outcome === "invalid")
    throw data({ title: "Lien invalide", message: frenchTypography(REFUSALS.invalid) }, { status: 404 });
  return data({ status });
}

export async function action({ params, context }: Route.ActionArgs) {
  const outcome = confirmEmailChange(
    actBy({
      userId: null,
      ip: context.get(requestInfo).clientIp,
    }),
    params.token,
  );
  if (outcome.outcome === "changed") {
    throw await redirectWithFlash(`/inscription/${outcome.token}`, {
      kind: "success",
      message: `Votre adresse e-mail est mise à jour\u00a0: ${outcome.address}.`,
    });
  }
  return data(
    { refusal: frenchTypography(REFUSALS[outcome.outcome]) },
    { status: outcome.outcome === "invalid" ? 404 : 409 },
  );
}

export default function ConfirmEmail({ loaderData, actionData }: Route.ComponentProps) {
  const { status } = loaderData;
  const refusal =
    actionData?.refusal ?? (status.outcome === "ready" ? null : frenchTypography(REFUSALS[status.outcome]));
  return (
    <div className="page narrow">
      <p className="eyebrow">Mon inscription</p>
      <h1>Confirmer ma nouvelle adresse</h1>
      {refusal ? (
        <p className="notice notice--warn" role="alert">
          {refusal}
        </p>
      ) : status.outcome === "ready" ? (
        <>
          <p>
            Votre inscription utilisera désormais l’adresse <strong>{status.address}</strong>. L’ancienne adresse en
            sera informée.
          </p>
          <Form method="post">
            <button type="submit" className="button">
              Confirmer cette adresse
            </button>
          </Form>
        </>
      ) : null}
    </div>
  );
}
