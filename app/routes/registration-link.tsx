import { useServerForm } from "#app/components/use-server-form.ts";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import type { Route } from "./+types/registration-link";
import { SubmitButton, TextField } from "#app/components/form-fields.tsx";
import { resendPrivateLink } from "#app/domain/registrations/registrations.server.ts";
import { lostLinkSchema } from "#app/forms/registration.ts";
import { db } from "#app/lib/db.server.ts";
import { mailContext } from "#app/lib/mail-context.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { requirePublicEdition } from "#app/routes/_shared/public-edition.server.ts";
import { readPublicPost } from "#app/routes/_shared/public-form.server.ts";
import { ServerForm } from "#app/components/server-form.tsx";

export const meta: Route.MetaFunction = () =>
  pageMeta("Retrouver mon inscription", "Recevoir à nouveau le lien personnel de votre inscription.");

export function loader({ params }: Route.LoaderArgs) {
  const { slug, title } = requirePublicEdition(params.slug);
  return { slug, title };
}

export async function action({ params, request, context }: Route.ActionArgs) {
  const { slug } = requirePublicEdition(params.slug);
  const { checked } = await readPublicPost(request, context, lostLinkSchema, "lost-link");
  if ("refused" in checked) return checked.refused;
  resendPrivateLink(db(), mailContext(), slug, checked.value.email);
  throw await redirectWithFlash(`/editions/${slug}/inscription/lien`, {
    kind: "success",
    message:
      "Si une inscription à cette édition existe pour cette adresse, le lien personnel vient d’y être envoyé. Pensez à regarder dans les courriers indésirables.",
  });
}

export default function LostLink({ loaderData, actionData }: Route.ComponentProps) {
  const { slug, title } = loaderData;
  const [form, fields] = useServerForm(lostLinkSchema, {
    id: "lien-perdu",
    lastResult: actionData?.result,
  });
  return (
    <div className="page narrow">
      <p className="eyebrow">{title}</p>
      <h1>Retrouver mon inscription</h1>
      <p>Indiquez l’adresse e-mail utilisée lors de l’inscription&nbsp;: nous vous renverrons votre lien personnel.</p>
      <ServerForm form={form}>
        <TextField field={fields.email} label="Adresse e-mail" type="email" autoComplete="email" required />
        <SubmitButton>Recevoir mon lien</SubmitButton>
      </ServerForm>
      <p>
        <a href={`/editions/${slug}`}>Retour à l’édition</a>
      </p>
    </div>
  );
}
