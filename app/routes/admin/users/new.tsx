import { useServerForm } from "#app/components/use-server-form.ts";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Link } from "react-router";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import type { Route } from "./+types/new";
import { SelectField, SubmitButton, TextField } from "#app/components/form-fields.tsx";
import { ADMIN_ONLY } from "#app/domain/accounts/roles.ts";
import { inviteUser, UserError } from "#app/domain/accounts/users.server.ts";
import { USER_ROLE_LABELS } from "#app/domain/shared/vocabulary.ts";
import { INVITABLE_ROLES, inviteUserSchema } from "#app/forms/users.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { requireActor, requireRole } from "#app/routes/_shared/admin-session.server.ts";
import { ServerForm } from "#app/components/server-form.tsx";
import { actBy } from "#app/routes/_shared/act.server.ts";

export const meta: Route.MetaFunction = () =>
  pageMeta(
    "Inviter une personne",
    "Créer un compte avec le rôle «\u00a0Organisation\u00a0» ou «\u00a0Relecture\u00a0».",
  );

export async function loader({ context }: Route.LoaderArgs) {
  requireRole(context, ADMIN_ONLY);
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const { actor } = requireActor(context, ADMIN_ONLY);
  const submission = parseWithZod(await request.formData(), { schema: inviteUserSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  let created: { userId: number };
  try {
    created = await inviteUser(actBy(actor), submission.value);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    const reply = error.field ? { fieldErrors: { [error.field]: [error.message] } } : { formErrors: [error.message] };
    return data({ result: submission.reply(reply) }, { status: error.status });
  }
  throw await redirectWithFlash(`/admin/utilisateurs/${created.userId}`, {
    kind: "success",
    message: `Compte créé. Une invitation a été envoyée à ${submission.value.email}.`,
  });
}

const ROLE_OPTIONS = INVITABLE_ROLES.map((role) => ({ value: role, label: USER_ROLE_LABELS[role] }));

export default function NewUser({ actionData }: Route.ComponentProps) {
  const [form, fields] = useServerForm(inviteUserSchema, {
    id: "invitation",
    lastResult: actionData?.result,
  });
  return (
    <>
      <p>
        <Link to="/admin/utilisateurs">← Tous les comptes</Link>
      </p>
      <h1>Inviter une personne</h1>
      <p>
        La personne reçoit un e-mail avec un lien, valable 7&nbsp;jours et utilisable une seule fois, pour choisir son
        mot de passe. Son compte ne permet pas de se connecter avant.
      </p>
      <ul>
        <li>
          <strong>{USER_ROLE_LABELS.organiser}</strong>&nbsp;: tout l’Espace organisation, sauf les comptes et le
          journal.
        </li>
        <li>
          <strong>{USER_ROLE_LABELS.reviewer}</strong>&nbsp;: la relecture des contributions seulement.
        </li>
      </ul>
      <p>Pour confier le rôle «\u00a0Administration\u00a0», invitez d’abord la personne, puis modifiez son compte.</p>
      <ServerForm form={form}>
        <TextField field={fields.name} label="Nom" autoComplete="off" required maxLength={100} />
        <TextField
          field={fields.email}
          label="Adresse e-mail"
          type="email"
          autoComplete="off"
          required
          maxLength={254}
        />
        <SelectField field={fields.role} label="Rôle" placeholder="Choisissez…" options={ROLE_OPTIONS} required />
        <SubmitButton>Créer le compte et envoyer l’invitation</SubmitButton>
      </ServerForm>
    </>
  );
}
