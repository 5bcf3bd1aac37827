import { type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { data, Link, redirect, useSearchParams } from "react-router";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import type { Route } from "./+types/programme";
import { useServerForm } from "#app/components/use-server-form.ts";
import { SelectField, TextAreaField, TextField } from "#app/components/form-fields.tsx";
import { ORGANISERS } from "#app/domain/accounts/roles.ts";
import { programmeOf } from "#app/domain/editions/editions.server.ts";
import {
  addSession,
  attachPerson,
  deleteSession,
  detachPerson,
  listPersons,
  movePerson,
  ProgrammeError,
  programmeProblems,
  programmeWarnings,
} from "#app/domain/editions/programme.server.ts";
import {
  SESSION_KIND_LABELS,
  SESSION_KINDS,
  SESSION_PERSON_ROLE_LABELS,
  SESSION_PERSON_ROLES,
} from "#app/domain/shared/vocabulary.ts";
import { updateProgrammeItem } from "#app/domain/edition-changes/edition-changes.server.ts";
import { attachSchema, sessionSchema } from "#app/forms/programme.ts";
import { requireEditionAccess } from "#app/routes/_shared/admin-edition.server.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { formatTime, parisTimeString } from "#app/lib/time.ts";
import { ErrorNotice } from "#app/components/notice.tsx";
import { ConfirmRowAction, RowActions } from "#app/components/row-action-form.tsx";
import { ServerForm } from "#app/components/server-form.tsx";
import { TextList } from "#app/components/text-list.tsx";
import { useRowForms } from "#app/components/use-row-forms.ts";
import { actBy } from "#app/routes/_shared/act.server.ts";

export const meta: Route.MetaFunction = () => pageMeta("Programme de l’édition", "Construire le programme.");

export async function loader({ params, context }: Route.LoaderArgs) {
  const { edition } = requireEditionAccess(context, params.editionId, ORGANISERS);
  const programme = programmeOf(db(), edition.id);
  const problems = programmeProblems(edition, programme);
  const warnings = programmeWarnings(edition, programme);
  return {
    editionId: edition.id,
    edition: { startsAt: edition.startsAt, endsAt: edition.endsAt, status: edition.status },
    problems: problems.map((problem) => problem.message),
    programme: programme.map((session) => ({
      ...session,
      startTime: parisTimeString(session.startsAt),
      endTime: parisTimeString(session.endsAt),
      warnings: warnings.get(session.id) ?? [],
    })),
    persons: listPersons(db()).map((p) => ({ id: p.id, label: [p.name, p.organisation].filter(Boolean).join(" — ") })),
  };
}

const simpleSchema = z.object({
  intent: z.enum(["delete-session", "detach", "move-person"]),
  sessionId: z.coerce.number().int().positive(),
  personId: z.coerce.number().int().positive().optional(),
  direction: z.enum(["up", "down"]).optional(),
});

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor, edition } = requireEditionAccess(context, params.editionId, ORGANISERS);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const back = (anchor?: string) => `/admin/editions/${edition.id}/programme${anchor ? `#${anchor}` : ""}`;

  if (intent === "add-session" || intent === "update-session") {
    const submission = parseWithZod(formData, { schema: sessionSchema });
    const formId = intent === "add-session" ? "nouvelle-sequence" : `sequence-${String(formData.get("sessionId"))}`;
    if (submission.status !== "success")
      return data({ formId, result: submission.reply(), error: null }, { status: 400 });
    const { intent: _intent, sessionId, ...input } = submission.value;
    try {
      const id = sessionId
        ? (updateProgrammeItem(actBy(actor), edition.id, sessionId, input), sessionId)
        : addSession(actBy(actor), edition.id, input);
      throw redirect(back(`seq-${id}`));
    } catch (error) {
      if (!(error instanceof ProgrammeError)) throw error;
      const reply = error.field
        ? submission.reply({ fieldErrors: { [error.field]: [error.message] } })
        : submission.reply({ formErrors: [error.message] });
      return data({ formId, result: reply, error: null }, { status: error.field ? 400 : 404 });
    }
  }

  if (intent === "attach") {
    const submission = parseWithZod(formData, { schema: attachSchema });
    const formId = `intervenant-${String(formData.get("sessionId"))}`;
    if (submission.status !== "success")
      return data({ formId, result: submission.reply(), error: null }, { status: 400 });
    const { sessionId, personId, role, newName, newRole, newOrganisation } = submission.value;
    try {
      attachPerson(
        actBy(actor),
        edition.id,
        sessionId,
        personId === "new"
          ? { create: { name: newName!, role: newRole, organisation: newOrganisation, email: null } }
          : { personId },
        role,
      );
    } catch (error) {
      if (!(error instanceof ProgrammeError)) throw error;
      return data(
        {
          formId,
          result: submission.reply({ fieldErrors: { [error.field ?? "personId"]: [error.message] } }),
          error: null,
        },
        { status: 409 },
      );
    }
    throw redirect(back(`seq-${sessionId}`));
  }

  const parsed = simpleSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return data({ formId: null, result: undefined, error: "Demande incomplète." }, { status: 400 });
  const { sessionId, personId, direction } = parsed.data;
  try {
    if (parsed.data.intent === "delete-session") {
      const title = deleteSession(actBy(actor), edition.id, sessionId);
      throw await redirectWithFlash(back(), {
        kind: "success",
        message: `Séquence «\u00a0${title}\u00a0» supprimée du programme.`,
      });
    }
    if (parsed.data.intent === "detach" && personId) detachPerson(actBy(actor), edition.id, sessionId, personId);
    if (parsed.data.intent === "move-person" && personId)
      movePerson(actBy(actor), edition.id, sessionId, personId, direction ?? "up");
  } catch (error) {
    if (!(error instanceof ProgrammeError)) throw error;
    return data({ formId: null, result: undefined, error: error.message }, { status: 404 });
  }
  throw redirect(back(`seq-${sessionId}`));
}

type LoaderSession = Route.ComponentProps["loaderData"]["programme"][number];

export default function Programme({ loaderData, actionData }: Route.ComponentProps) {
  const { editionId, edition, problems, programme, persons } = loaderData;
  const { editing, formKey, resultFor } = useRowForms(actionData);
  return (
    <>
      <h1>Programme</h1>
      <p>
        Horaires de l’édition&nbsp;: {formatTime(edition.startsAt)}–{formatTime(edition.endsAt)}. Le programme public
        montre ces séquences dans cet ordre, celui des horaires.
      </p>
      {problems.length > 0 ? (
        <div className="notice notice--warn" id="problemes-programme">
          <p>
            {edition.status === "draft"
              ? "À corriger avant de publier l’édition\u00a0:"
              : "À corriger dans le programme\u00a0:"}
          </p>
          <TextList items={problems} />
        </div>
      ) : null}
      <ErrorNotice message={actionData?.error} />
      {programme.length === 0 ? <p>Aucune séquence pour le moment.</p> : null}
      <ol className="admin-programme">
        {programme.map((session) => (
          <li key={session.id} id={`seq-${session.id}`} className="admin-programme__item">
            {editing === session.id || actionData?.formId === `sequence-${session.id}` ? (
              <SessionForm
                key={formKey}
                formId={`sequence-${session.id}`}
                lastResult={resultFor(`sequence-${session.id}`)}
                session={session}
                cancelHref={`/admin/editions/${editionId}/programme#seq-${session.id}`}
              />
            ) : (
              <SessionView session={session} />
            )}
            <PeopleOfSession session={session} />
            {/* Remounted after each navigation, so it starts closed and empty after an addition. */}
            <AttachForm
              key={formKey}
              session={session}
              persons={persons}
              lastResult={resultFor(`intervenant-${session.id}`)}
            />
          </li>
        ))}
      </ol>
      <section aria-labelledby="ajout">
        <h2 id="ajout">Ajouter une séquence</h2>
        {/* Remounted after each navigation: Conform keeps per-form state that must not outlive a redirect. */}
        <SessionForm key={formKey} formId="nouvelle-sequence" lastResult={resultFor("nouvelle-sequence")} />
      </section>
    </>
  );
}

function SessionView({ session }: { session: LoaderSession }) {
  const [params] = useSearchParams();
  const here = `#seq-${session.id}`;
  return (
    <div className="admin-programme__head">
      <div>
        <p className="programme__kind">{SESSION_KIND_LABELS[session.kind]}</p>
        <h2 className="programme__title">
          {formatTime(session.startsAt)}–{formatTime(session.endsAt)} · {session.title}
        </h2>
        {session.room ? <p>Salle&nbsp;: {session.room}</p> : null}
        {session.description ? <p>{session.description}</p> : null}
        {session.warnings.length > 0 ? (
          <TextList className="notice notice--warn warnings" items={session.warnings} />
        ) : null}
      </div>
      {Number(params.get("supprimer")) === session.id ? (
        <ConfirmRowAction
          id={`suppression-${session.id}`}
          question={
            <>
              Supprimer «&nbsp;{session.title}&nbsp;» du programme&nbsp;?
              {session.persons.length > 0 ? " Ses intervenants en sont retirés." : null}
            </>
          }
          intent="delete-session"
          fields={{ sessionId: session.id }}
          label="Confirmer la suppression"
          target={<>«&nbsp;{session.title}&nbsp;»</>}
          cancelHref={`?${here}`}
        />
      ) : (
        <div className="button-row">
          <Link className="button button--small button--secondary" to={`?modifier=${session.id}${here}`}>
            Modifier<span className="visually-hidden"> «&nbsp;{session.title}&nbsp;»</span>
          </Link>
          {/* A link, not a button: the deletion is only asked here, and confirmed on the next page. */}
          <Link className="button button--small button--secondary" to={`?supprimer=${session.id}${here}`}>
            Supprimer<span className="visually-hidden"> «&nbsp;{session.title}&nbsp;»</span>
          </Link>
        </div>
      )}
    </div>
  );
}

function PeopleOfSession({ session }: { session: LoaderSession }) {
  if (session.persons.length === 0) return null;
  return (
    <ul className="admin-programme__people" aria-label={`Intervenants de «\u00a0${session.title}\u00a0»`}>
      {session.persons.map((person, i) => (
        <li key={person.id}>
          <span>
            <strong>{person.name}</strong>
            {[person.role, person.organisation].filter(Boolean).length
              ? ` — ${[person.role, person.organisation].filter(Boolean).join(", ")}`
              : ""}{" "}
            ({SESSION_PERSON_ROLE_LABELS[person.sessionRole].toLowerCase()})
          </span>
          <RowActions
            className="button-row"
            fields={{ sessionId: session.id, personId: person.id }}
            target={<>«&nbsp;{person.name}&nbsp;»</>}
            actions={[
              i > 0 && { intent: "move-person", label: "Monter", variant: "secondary", fields: { direction: "up" } },
              i < session.persons.length - 1 && {
                intent: "move-person",
                label: "Descendre",
                variant: "secondary",
                fields: { direction: "down" },
              },
              { intent: "detach", label: "Retirer", variant: "secondary" },
            ]}
          />
        </li>
      ))}
    </ul>
  );
}

function SessionForm(props: {
  formId: string;
  lastResult: SubmissionResult<string[]> | undefined;
  session?: LoaderSession;
  cancelHref?: string;
}) {
  const { formId, lastResult, session, cancelHref } = props;
  const [form, fields] = useServerForm(sessionSchema, {
    id: formId,
    lastResult,
    defaultValue: session
      ? {
          kind: session.kind,
          title: session.title,
          description: session.description ?? "",
          startTime: session.startTime,
          endTime: session.endTime,
          room: session.room ?? "",
        }
      : undefined,
  });
  return (
    <ServerForm fields={{ sessionId: session?.id }} form={form} intent={session ? "update-session" : "add-session"}>
      <SelectField
        field={fields.kind}
        label="Type"
        placeholder="Choisissez…"
        options={SESSION_KINDS.map((kind) => ({ value: kind, label: SESSION_KIND_LABELS[kind] }))}
        required
      />
      <TextField field={fields.title} label="Titre" required maxLength={300} />
      <TextAreaField field={fields.description} label="Description" rows={3} maxLength={3000} />
      <TextField field={fields.startTime} label="Début" type="time" required />
      <TextField field={fields.endTime} label="Fin" type="time" required />
      <TextField field={fields.room} label="Salle" maxLength={120} />
      <div className="button-row">
        <button type="submit" className="button">
          {session ? "Enregistrer la séquence" : "Ajouter la séquence"}
        </button>
        {cancelHref ? <Link to={cancelHref}>Annuler</Link> : null}
      </div>
    </ServerForm>
  );
}

function AttachForm({
  session,
  persons,
  lastResult,
}: {
  session: LoaderSession;
  persons: Array<{ id: number; label: string }>;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useServerForm(attachSchema, {
    id: `intervenant-${session.id}`,
    lastResult,
    defaultValue: { role: session.kind === "table_ronde" ? "intervenant" : "orateur" },
  });
  return (
    <details className="attach" open={Boolean(lastResult)}>
      <summary>
        Ajouter un intervenant<span className="visually-hidden"> à «&nbsp;{session.title}&nbsp;»</span>
      </summary>
      <ServerForm fields={{ sessionId: session.id }} form={form} intent="attach">
        <SelectField
          field={fields.personId}
          label="Personne"
          placeholder="Choisissez…"
          options={[
            ...persons.map((p) => ({ value: String(p.id), label: p.label })),
            { value: "new", label: "Nouvelle personne (ci-dessous)" },
          ]}
          required
        />
        <TextField field={fields.newName} label="Nom de la nouvelle personne" maxLength={200} />
        <TextField field={fields.newRole} label="Sa fonction" maxLength={300} />
        <TextField field={fields.newOrganisation} label="Sa structure" maxLength={200} />
        <SelectField
          field={fields.role}
          label="Rôle dans la séquence"
          options={SESSION_PERSON_ROLES.map((role) => ({ value: role, label: SESSION_PERSON_ROLE_LABELS[role] }))}
          required
        />
        <div>
          <button type="submit" className="button button--small">
            Ajouter
          </button>
        </div>
      </ServerForm>
    </details>
  );
}
