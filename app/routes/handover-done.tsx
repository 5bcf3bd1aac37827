import type { Route } from "./+types/handover-done";
import { privatePageMeta } from "#app/lib/meta.ts";

export const meta: Route.MetaFunction = () => privatePageMeta("Place cédée", "Votre place a été cédée.");

// The private link that led here no longer works: this page names nobody, so it needs none.
export default function HandoverDone() {
  return (
    <div className="page narrow">
      <p className="eyebrow">Mon inscription</p>
      <h1>Place cédée</h1>
      <p className="notice notice--ok" role="status">
        Votre place est désormais celle de la personne que vous avez indiquée. Elle reçoit par e-mail sa confirmation et
        son propre lien personnel&nbsp;; vous recevez un e-mail qui le confirme, avec l’annulation pour votre agenda.
        Votre lien personnel ne fonctionne plus.
      </p>
      <p>
        <a href="/editions">Voir les éditions</a>
      </p>
    </div>
  );
}
