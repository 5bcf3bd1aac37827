import { useServerForm } from "#app/components/use-server-form.ts";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Link } from "react-router";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import type { Route } from "./+types/edit";
import { CheckboxField, FormError, SelectField, SubmitButton, TextField } from "#app/components/form-fields.tsx";
import { ADMIN_ONLY } from "#app/domain/accounts/roles.ts";
import {
  findUserById,
  pendingAccountLink,
  resetUserPassword,
  setUserActive,
  updateUser,
  UserError,
} from "#app/domain/accounts/users.server.ts";
import { resetTwoFactor, setTwoFactorRequired } from "#app/domain/accounts/two-factor.server.ts";
import { USER_ROLE_LABELS, USER_ROLES } from "#app/domain/shared/vocabulary.ts";
import { deactivateUserSchema, reactivateUserSchema, resetPasswordSchema, updateUserSchema } from "#app/forms/users.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { requireRole } from "#app/routes/_shared/admin-session.server.ts";
import { formatDateTime } from "#app/lib/time.ts";
import { requestInfo } from "#app/server/load-context.ts";
import { invariantResponse } from "#app/routes/_shared/invariant.ts";
import { ServerForm } from "#app/components/server-form.tsx";
import { IntentButton } from "#app/components/row-action-form.tsx";
import { actBy } from "#app/routes/_shared/act.server.ts";

export const meta: Route.MetaFunction = ({ loaderData }) =>
  pageMeta(loaderData ? `Compte — ${loaderData.account.name}` : "Compte", "Un compte de l’Espace organisation.");

function requireAccount(id: string) {
  const userId = Number(id);
  const account = Number.isInteger(userId) && userId > 0 ? findUserById(db(), userId) : undefined;
  invariantResponse(account, 404, { title: "Compte introuvable" });
  return account;
}

export async function loader({ params, context }: Route.LoaderArgs) {
  const me = requireRole(context, ADMIN_ONLY);
  const account = requireAccount(params.userId);
  return {
    account: {
      id: account.id,
      email: account.email,
      name: account.name,
      role: account.role,
      active: account.active,
      activated: account.activated,
      lastLoginAt: account.lastLoginAt,
      createdAt: account.createdAt,
      totpEnabledAt: account.totpEnabledAt,
      totpRequired: account.totpRequired,
    },
    pendingLink: pendingAccountLink(db(), account.id),
    isMe: account.id === me.id,
  };
}

/** A refusal of the domain as Conform reply options: next to its field when it has one. */
function refusal(error: unknown) {
  if (!(error instanceof UserError)) throw error;
  const options = error.field ? { fieldErrors: { [error.field]: [error.message] } } : { formErrors: [error.message] };
  return { options, status: error.status };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const me = requireRole(context, ADMIN_ONLY);
  const account = requireAccount(params.userId);
  const actor = { userId: me.id, ip: context.get(requestInfo).clientIp };
  const back = `/admin/utilisateurs/${account.id}`;
  const done = (message: string) => redirectWithFlash(back, { kind: "success", message });
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === "update") {
    const submission = parseWithZod(formData, { schema: updateUserSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    try {
      updateUser(actBy(actor), account.id, submission.value);
    } catch (error) {
      const { options, status } = refusal(error);
      return data({ intent, result: submission.reply(options) }, { status });
    }
    throw await done("Modifications enregistrées.");
  }

  if (intent === "deactivate" || intent === "reactivate") {
    const schema = intent === "deactivate" ? deactivateUserSchema : reactivateUserSchema;
    const submission = parseWithZod(formData, { schema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    try {
      setUserActive(actBy(actor), account.id, intent === "reactivate");
    } catch (error) {
      const { options, status } = refusal(error);
      return data({ intent, result: submission.reply(options) }, { status });
    }
    throw await done(
      intent === "deactivate" ? "Compte désactivé\u00a0; ses sessions ont été fermées." : "Compte réactivé.",
    );
  }

  if (intent === "two-factor-required" || intent === "two-factor-optional") {
    setTwoFactorRequired(db(), me.id, account.id, intent === "two-factor-required");
    throw await done(
      intent === "two-factor-required"
        ? "La double authentification est désormais exigée pour ce compte."
        : "La double authentification n’est plus exigée pour ce compte.",
    );
  }

  if (intent === "two-factor-reset") {
    resetTwoFactor(db(), me.id, account.id);
    throw await done(
      "Double authentification réinitialisée\u00a0: la personne pourra l’activer de nouveau depuis son compte.",
    );
  }

  if (intent === "reset-password") {
    const submission = parseWithZod(formData, { schema: resetPasswordSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    let sent: { purpose: string };
    try {
      sent = await resetUserPassword(actBy(actor), account.id);
    } catch (error) {
      const { options, status } = refusal(error);
      return data({ intent, result: submission.reply(options) }, { status });
    }
    throw await done(
      sent.purpose === "reset"
        ? `Mot de passe réinitialisé. Un lien a été envoyé à ${account.email}.`
        : `Une nouvelle invitation a été envoyée à ${account.email}.`,
    );
  }

  throw data({ title: "Action inconnue" }, { status: 400 });
}

const ROLE_OPTIONS = USER_ROLES.map((role) => ({ value: role, label: USER_ROLE_LABELS[role] }));

export default function EditUser({ loaderData, actionData }: Route.ComponentProps) {
  const { account, pendingLink, isMe } = loaderData;
  const resultFor = (intent: string) => (actionData && actionData.intent === intent ? actionData.result : undefined);
  const [updateForm, updateFields] = useServerForm(updateUserSchema, {
    id: "compte",
    lastResult: resultFor("update"),
    defaultValue: { name: account.name, role: account.role },
  });
  const [resetForm, resetFields] = useServerForm(resetPasswordSchema, {
    id: "reinitialisation",
    lastResult: resultFor("reset-password"),
  });
  const [deactivateForm, deactivateFields] = useServerForm(deactivateUserSchema, {
    id: "desactivation",
    lastResult: resultFor("deactivate"),
  });
  const [reactivateForm] = useServerForm(reactivateUserSchema, {
    id: "reactivation",
    lastResult: resultFor("reactivate"),
  });

  return (
    <>
      <p>
        <Link to="/admin/utilisateurs">← Tous les comptes</Link>
      </p>
      <p className="eyebrow">{USER_ROLE_LABELS[account.role]}</p>
      <h1>
        {account.name}
        {isMe ? " (vous)" : null}
      </h1>

      <dl className="meta-list">
        <dt>Adresse e-mail</dt>
        <dd>{account.email}</dd>
        <dt>État</dt>
        <dd>
          {!account.active
            ? "Désactivé\u00a0: ce compte ne peut plus se connecter."
            : !account.activated
              ? "Invitation en attente\u00a0: la personne n’a pas encore choisi son mot de passe."
              : "Actif"}
        </dd>
        <dt>Créé le</dt>
        <dd>{formatDateTime(account.createdAt)}</dd>
        <dt>Dernière connexion</dt>
        <dd>{account.lastLoginAt ? formatDateTime(account.lastLoginAt) : "Jamais"}</dd>
        {pendingLink ? (
          <>
            <dt>Lien en attente</dt>
            <dd>
              {pendingLink.purpose === "invitation" ? "Invitation" : "Réinitialisation"} envoyée le{" "}
              {formatDateTime(pendingLink.createdAt)}, valable jusqu’au {formatDateTime(pendingLink.expiresAt)}
            </dd>
          </>
        ) : null}
      </dl>

      <section aria-labelledby="compte-titre">
        <h2 id="compte-titre">Nom et rôle</h2>
        <ServerForm form={updateForm} intent="update">
          <TextField field={updateFields.name} label="Nom" autoComplete="off" required maxLength={100} />
          <SelectField
            field={updateFields.role}
            label="Rôle"
            options={ROLE_OPTIONS}
            hint={isMe ? "Vous ne pouvez pas retirer votre propre rôle «\u00a0Administration\u00a0»." : undefined}
            required
          />
          <SubmitButton>Enregistrer</SubmitButton>
        </ServerForm>
      </section>

      <section aria-labelledby="mot-de-passe-titre">
        <h2 id="mot-de-passe-titre">Mot de passe</h2>
        {isMe || !account.active ? <FormError id={resetForm.errorId} errors={resetForm.errors} /> : null}
        {isMe ? (
          <p>
            Pour votre propre compte, utilisez la page{" "}
            <Link to="/admin/mot-de-passe">«&nbsp;Mon mot de passe&nbsp;»</Link>.
          </p>
        ) : !account.active ? (
          <p>Réactivez ce compte pour pouvoir lui envoyer un lien.</p>
        ) : (
          <>
            <p>
              {account.activated
                ? "Le mot de passe actuel cesse aussitôt de fonctionner, toutes les sessions du compte sont fermées, et la personne reçoit par e-mail un lien, valable 7\u00a0jours, pour en choisir un nouveau."
                : "La personne reçoit une nouvelle invitation, valable 7\u00a0jours\u00a0; le lien envoyé précédemment ne fonctionne plus."}
            </p>
            <ServerForm form={resetForm} intent="reset-password">
              <CheckboxField
                field={resetFields.confirm}
                label={
                  account.activated
                    ? "Je confirme la réinitialisation du mot de passe."
                    : "Je confirme l’envoi d’une nouvelle invitation."
                }
              />
              <div>
                <button type="submit" className="button button--secondary">
                  {account.activated ? "Réinitialiser le mot de passe" : "Renvoyer l’invitation"}
                </button>
              </div>
            </ServerForm>
          </>
        )}
      </section>

      <section aria-labelledby="double-authentification-titre">
        <h2 id="double-authentification-titre">Double authentification</h2>
        <p>
          {account.totpEnabledAt
            ? `Activée le ${formatDateTime(account.totpEnabledAt)}.`
            : "Pas activée\u00a0: la connexion ne demande que le mot de passe."}{" "}
          {account.totpRequired
            ? "Elle est exigée pour ce compte\u00a0: sans elle, la personne n’accède qu’à la page d’activation."
            : "Elle est facultative pour ce compte."}
        </p>
        <div className="actions">
          <IntentButton
            intent={account.totpRequired ? "two-factor-optional" : "two-factor-required"}
            className="button button--secondary"
          >
            {account.totpRequired ? "Ne plus l’exiger" : "Exiger la double authentification"}
          </IntentButton>
          {account.totpEnabledAt ? (
            <IntentButton intent="two-factor-reset" className="button button--secondary">
              Réinitialiser (téléphone perdu)
            </IntentButton>
          ) : null}
        </div>
      </section>

      <section aria-labelledby="acces-titre">
        <h2 id="acces-titre">Accès</h2>
        {account.active ? (
          isMe ? (
            <>
              <FormError id={deactivateForm.errorId} errors={deactivateForm.errors} />
              <p>Vous ne pouvez pas désactiver votre propre compte.</p>
            </>
          ) : (
            <>
              <p>
                Un compte désactivé ne peut plus se connecter, ses sessions ouvertes sont fermées aussitôt et ses liens
                en attente cessent de fonctionner. Il reste dans le journal et peut être réactivé.
              </p>
              <ServerForm form={deactivateForm} intent="deactivate">
                <CheckboxField field={deactivateFields.confirm} label="Je confirme la désactivation de ce compte." />
                <div>
                  <button type="submit" className="button button--danger">
                    Désactiver le compte
                  </button>
                </div>
              </ServerForm>
            </>
          )
        ) : (
          <>
            <p>Ce compte est désactivé. Le réactiver lui rend l’accès avec son mot de passe actuel.</p>
            <ServerForm form={reactivateForm} intent="reactivate">
              <SubmitButton>Réactiver le compte</SubmitButton>
            </ServerForm>
          </>
        )}
      </section>
    </>
  );
}
