import { useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { data, Link, useSearchParams } from "react-router";
import { redirectWithFlash } from "#app/lib/flash.server.ts";
import type { Route } from "./+types/persons";
import { TextField } from "#app/components/form-fields.tsx";
import { ORGANISERS } from "#app/domain/accounts/roles.ts";
import {
  createPerson,
  deletePerson,
  listPersons,
  ProgrammeError,
  updatePerson,
} from "#app/domain/editions/programme.server.ts";
import { personSchema } from "#app/forms/programme.ts";
import { db } from "#app/lib/db.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { requireActor, requireRole } from "#app/routes/_shared/admin-session.server.ts";
import { DataTable } from "#app/components/data-table.tsx";
import { ConfirmRowAction } from "#app/components/row-action-form.tsx";
import { ErrorNotice } from "#app/components/notice.tsx";
import { ServerForm } from "#app/components/server-form.tsx";
import { useRowForms } from "#app/components/use-row-forms.ts";
import { actBy } from "#app/routes/_shared/act.server.ts";

export const meta: Route.MetaFunction = () =>
  pageMeta("Intervenants", "Les personnes des programmes, réutilisables d’une édition à l’autre.");

export async function loader({ context }: Route.LoaderArgs) {
  requireRole(context, ORGANISERS);
  return { persons: listPersons(db()) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { actor } = requireActor(context, ORGANISERS);
  const formData = await request.formData();
  if (formData.get("intent") === "delete") {
    const parsed = z.object({ personId: z.coerce.number().int().positive() }).safeParse(Object.fromEntries(formData));
    if (!parsed.success)
      return data({ formId: null, result: undefined, error: "Demande incomplète." }, { status: 400 });
    try {
      deletePerson(actBy(actor), parsed.data.personId);
    } catch (error) {
      if (!(error instanceof ProgrammeError)) throw error;
      return data({ formId: null, result: undefined, error: error.message }, { status: 409 });
    }
    throw await redirectWithFlash("/admin/personnes", { kind: "success", message: "Personne supprimée." });
  }
  const submission = parseWithZod(formData, { schema: personSchema });
  const formId =
    formData.get("intent") === "update" ? `personne-${String(formData.get("personId"))}` : "nouvelle-personne";
  if (submission.status !== "success")
    return data({ formId, result: submission.reply(), error: null }, { status: 400 });
  const { intent, personId, ...input } = submission.value;
  try {
    if (intent === "update" && personId) updatePerson(actBy(actor), personId, input);
    else createPerson(actBy(actor), input);
  } catch (error) {
    if (!(error instanceof ProgrammeError)) throw error;
    return data({ formId, result: submission.reply({ formErrors: [error.message] }), error: null }, { status: 404 });
  }
  throw await redirectWithFlash("/admin/personnes", { kind: "success", message: "Enregistré." });
}

type Person = Route.ComponentProps["loaderData"]["persons"][number];

export default function Persons({ loaderData, actionData }: Route.ComponentProps) {
  const { editing, formKey, resultFor } = useRowForms(actionData);
  const [params] = useSearchParams();
  const deleting = Number(params.get("supprimer"));
  return (
    <>
      <h1>Intervenants</h1>
      <p>Une personne créée ici ou depuis un programme se retrouve dans la liste de toutes les éditions.</p>
      <ErrorNotice message={actionData?.error} />
      <DataTable
        label="Intervenants"
        caption="Intervenants"
        columns={["Nom", "Fonction et structure", "Séquences", "Actions"]}
      >
        {loaderData.persons.map((person) =>
          editing === person.id || actionData?.formId === `personne-${person.id}` ? (
            <tr key={person.id}>
              <td colSpan={4}>
                <PersonForm
                  formId={`personne-${person.id}`}
                  person={person}
                  lastResult={resultFor(`personne-${person.id}`)}
                />
              </td>
            </tr>
          ) : (
            <tr key={person.id}>
              <th scope="row">{person.name}</th>
              <td>{[person.role, person.organisation].filter(Boolean).join(", ")}</td>
              <td>{person.sessions}</td>
              <td>
                {deleting === person.id && person.sessions === 0 ? (
                  <ConfirmRowAction
                    id={`suppression-${person.id}`}
                    question={<>Supprimer «&nbsp;{person.name}&nbsp;» de la liste des intervenants&nbsp;?</>}
                    intent="delete"
                    fields={{ personId: person.id }}
                    label="Confirmer la suppression"
                    target={person.name}
                    cancelHref="/admin/personnes"
                  />
                ) : (
                  <div className="button-row">
                    <Link className="button button--small button--secondary" to={`?modifier=${person.id}`}>
                      Modifier<span className="visually-hidden"> {person.name}</span>
                    </Link>
                    {person.sessions === 0 ? (
                      <Link className="button button--small button--secondary" to={`?supprimer=${person.id}`}>
                        Supprimer<span className="visually-hidden"> {person.name}</span>
                      </Link>
                    ) : null}
                  </div>
                )}
              </td>
            </tr>
          ),
        )}
      </DataTable>
      <section aria-labelledby="nouvelle">
        <h2 id="nouvelle">Nouvelle personne</h2>
        <PersonForm key={formKey} formId="nouvelle-personne" lastResult={resultFor("nouvelle-personne")} />
      </section>
    </>
  );
}

function PersonForm({
  formId,
  person,
  lastResult,
}: {
  formId: string;
  person?: Person;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm({
    id: formId,
    lastResult,
    defaultValue: person
      ? {
          name: person.name,
          role: person.role ?? "",
          organisation: person.organisation ?? "",
          email: person.email ?? "",
        }
      : undefined,
  });
  return (
    <ServerForm fields={{ personId: person?.id }} form={form} intent={person ? "update" : "create"}>
      <TextField field={fields.name} label="Nom" required maxLength={200} />
      <TextField field={fields.role} label="Fonction" maxLength={300} />
      <TextField field={fields.organisation} label="Structure" maxLength={200} />
      <TextField field={fields.email} label="Adresse e-mail (privée)" type="email" hint="Jamais affichée au public." />
      <div className="button-row">
        <button type="submit" className="button button--small">
          {person ? "Enregistrer" : "Créer"}
        </button>
        {person ? <Link to="/admin/personnes">Annuler</Link> : null}
      </div>
    </ServerForm>
  );
}
