import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { asc, desc, eq } from "drizzle-orm";
import { data, Form, redirect, useSearchParams } from "react-router";
import type { Route } from "./+types/overview";
import { editions, registrations, venues } from "../../../../db/schema";
import { CheckboxField, FormError, SelectField, TextField } from "../../../components/form-fields";
import { ORGANISERS } from "../../../domain/auth.server";
import {
  cancelEdition,
  EditionChangeError,
  updateEditionLogistics,
} from "../../../domain/registrations/edition-changes.server";
import {
  CapacityError,
  cancelRegistration,
  changeCapacity,
  registrationCounts,
} from "../../../domain/registrations/registrations.server";
import { EDITION_STATUS_LABELS, STRUCTURE_TYPE_LABELS } from "../../../domain/vocabulary";
import {
  cancelEditionSchema,
  cancelRegistrationSchema,
  capacitySchema,
  logisticsSchema,
} from "../../../forms/edition-admin";
import { db } from "../../../lib/db.server";
import { mailContext } from "../../../lib/mail-context.server";
import { pageMeta } from "../../../lib/meta";
import { requireAdminEdition } from "../../../lib/admin-edition.server";
import { requireUser } from "../../../lib/session.server";
import { formatDateTime, formatRange, parisDateString, parisTimeString, parisWallTimeToUtc } from "../../../lib/time";
import { requestInfo } from "../../../server/load-context";

export const meta: Route.MetaFunction = ({ loaderData }) =>
  pageMeta(loaderData ? `Édition — ${loaderData.edition.title}` : "Édition", "Suivi d’une édition.");

export async function loader({ request, params }: Route.LoaderArgs) {
  await requireUser(request, ORGANISERS);
  const edition = requireAdminEdition(params.editionId);
  const people = db()
    .select({
      id: registrations.id,
      firstName: registrations.firstName,
      lastName: registrations.lastName,
      email: registrations.email,
      organisation: registrations.organisation,
      structureType: registrations.structureType,
      status: registrations.status,
      createdAt: registrations.createdAt,
    })
    .from(registrations)
    .where(eq(registrations.editionId, edition.id))
    .orderBy(desc(registrations.id))
    .limit(200)
    .all();
  return {
    edition: {
      id: edition.id,
      slug: edition.slug,
      title: edition.title,
      status: edition.status,
      capacity: edition.capacity,
      startsAt: edition.startsAt,
      endsAt: edition.endsAt,
      sequence: edition.sequence,
      venueId: edition.venueId,
    },
    defaults: {
      title: edition.title,
      date: parisDateString(edition.startsAt),
      startTime: parisTimeString(edition.startsAt),
      endTime: parisTimeString(edition.endsAt),
      venueId: edition.venueId ? String(edition.venueId) : "",
      capacity: String(edition.capacity),
    },
    venues: db().select({ id: venues.id, name: venues.name, city: venues.city }).from(venues).orderBy(asc(venues.name)).all(),
    counts: registrationCounts(db(), edition.id),
    people,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const user = await requireUser(request, ORGANISERS);
  const edition = requireAdminEdition(params.editionId);
  const actor = { userId: user.id, ip: context.get(requestInfo).clientIp };
  const formData = await request.formData();
  const intent = formData.get("intent");
  const back = `/admin/editions/${edition.id}`;

  if (intent === "capacity") {
    const submission = parseWithZod(formData, { schema: capacitySchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    try {
      const { promoted } = changeCapacity(db(), mailContext(), edition.id, submission.value.capacity, actor);
      throw redirect(`${back}?jauge=${promoted}`);
    } catch (error) {
      if (!(error instanceof CapacityError)) throw error;
      return data({ intent, result: submission.reply({ fieldErrors: { capacity: [error.message] } }) }, { status: 409 });
    }
  }

  if (intent === "logistics") {
    const submission = parseWithZod(formData, { schema: logisticsSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const { title, date, startTime, endTime, venueId } = submission.value;
    const startsAt = parisWallTimeToUtc(date, startTime);
    const endsAt = parisWallTimeToUtc(date, endTime);
    const venueExists = db().select({ id: venues.id }).from(venues).where(eq(venues.id, venueId)).get();
    if (!startsAt || !endsAt || !venueExists) {
      return data(
        {
          intent,
          result: submission.reply({
            fieldErrors: !venueExists ? { venueId: ["Ce lieu n’existe pas."] } : { date: ["Cette date ou heure n’existe pas à Paris."] },
          }),
        },
        { status: 400 },
      );
    }
    try {
      const { notified } = updateEditionLogistics(db(), mailContext(), edition.id, { title, startsAt, endsAt, venueId }, actor);
      throw redirect(`${back}?modifiee=${notified}`);
    } catch (error) {
      if (!(error instanceof EditionChangeError)) throw error;
      return data({ intent, result: submission.reply({ formErrors: [error.message] }) }, { status: 400 });
    }
  }

  if (intent === "cancel-edition") {
    const submission = parseWithZod(formData, { schema: cancelEditionSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const { notified } = cancelEdition(db(), mailContext(), edition.id, actor);
    throw redirect(`${back}?annulee=${notified}`);
  }

  if (intent === "cancel-registration") {
    const submission = parseWithZod(formData, { schema: cancelRegistrationSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const target = db()
      .select({ editionId: registrations.editionId })
      .from(registrations)
      .where(eq(registrations.id, submission.value.registrationId))
      .get();
    // An id from another edition is refused: the URL decides which edition is being worked on.
    if (!target || target.editionId !== edition.id) throw data({ title: "Inscription introuvable" }, { status: 404 });
    cancelRegistration(db(), mailContext(), submission.value.registrationId, actor);
    throw redirect(`${back}?desinscrit=1`);
  }

  throw data({ title: "Action inconnue" }, { status: 400 });
}

const STATUS_LABELS = { confirmed: "Confirmée", waitlisted: "Liste d’attente", cancelled: "Annulée" } as const;

export default function AdminEdition({ loaderData, actionData }: Route.ComponentProps) {
  const { edition, defaults, venues: venueOptions, counts, people } = loaderData;
  const resultFor = (intent: string) => (actionData && actionData.intent === intent ? actionData.result : undefined);
  const [capacityForm, capacityFields] = useForm({
    id: "jauge",
    lastResult: resultFor("capacity"),
    defaultValue: defaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: capacitySchema }),
  });
  const [logisticsForm, logisticsFields] = useForm({
    id: "logistique",
    lastResult: resultFor("logistics"),
    defaultValue: defaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: logisticsSchema }),
  });
  const [cancelForm, cancelFields] = useForm({
    id: "annulation",
    lastResult: resultFor("cancel-edition"),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: cancelEditionSchema }),
  });
  const seatsLeft = Math.max(0, edition.capacity - counts.confirmed);

  return (
    <>
      <p className="eyebrow">{EDITION_STATUS_LABELS[edition.status]}</p>
      <h1>{edition.title}</h1>
      <p>
        {formatRange(edition.startsAt, edition.endsAt)} · <a href={`/editions/${edition.slug}`}>page publique</a>
      </p>
      <Flash />

      <section aria-labelledby="chiffres">
        <h2 id="chiffres">Inscriptions</h2>
        <dl className="stats">
          <div>
            <dt>Confirmées</dt>
            <dd>{counts.confirmed}</dd>
          </div>
          <div>
            <dt>Liste d’attente</dt>
            <dd>{counts.waitlisted}</dd>
          </div>
          <div>
            <dt>Annulées</dt>
            <dd>{counts.cancelled}</dd>
          </div>
          <div>
            <dt>Places restantes</dt>
            <dd>{seatsLeft}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="jauge-titre">
        <h2 id="jauge-titre">Jauge</h2>
        <p>Augmenter la jauge confirme aussitôt les premières personnes de la liste d’attente, dans l’ordre d’arrivée.</p>
        <Form method="post" className="form form--inline" {...getFormProps(capacityForm)}>
          <input type="hidden" name="intent" value="capacity" />
          <FormError id={capacityForm.errorId} errors={capacityForm.errors} />
          <TextField field={capacityFields.capacity} label="Nombre de places" type="number" required />
          <div>
            <button type="submit" className="button">
              Enregistrer la jauge
            </button>
          </div>
        </Form>
      </section>

      {edition.status !== "cancelled" ? (
        <section aria-labelledby="logistique-titre">
          <h2 id="logistique-titre">Titre, date, horaires et lieu</h2>
          <p>
            Toute modification envoie aux personnes confirmées une invitation mise à jour, avec la liste de ce qui a
            changé.
          </p>
          <Form method="post" className="form" {...getFormProps(logisticsForm)}>
            <input type="hidden" name="intent" value="logistics" />
            <FormError id={logisticsForm.errorId} errors={logisticsForm.errors} />
            <TextField field={logisticsFields.title} label="Titre" required maxLength={200} />
            <TextField field={logisticsFields.date} label="Date" type="date" required />
            <TextField field={logisticsFields.startTime} label="Heure de début" type="time" required />
            <TextField field={logisticsFields.endTime} label="Heure de fin" type="time" required />
            <SelectField
              field={logisticsFields.venueId}
              label="Lieu"
              placeholder="Choisissez…"
              options={venueOptions.map((venue) => ({ value: String(venue.id), label: `${venue.name}, ${venue.city}` }))}
              required
            />
            <div>
              <button type="submit" className="button">
                Enregistrer et prévenir les inscrits
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="liste">
        <h2 id="liste">Dernières inscriptions</h2>
        {people.length === 0 ? (
          <p>Aucune inscription pour le moment.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Inscriptions, les plus récentes d’abord</caption>
              <thead>
                <tr>
                  <th scope="col">Nom</th>
                  <th scope="col">Structure</th>
                  <th scope="col">Type</th>
                  <th scope="col">Statut</th>
                  <th scope="col">Inscrit·e le</th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {people.map((person) => (
                  <tr key={person.id}>
                    <td>
                      {person.firstName} {person.lastName}
                      <br />
                      <small>{person.email}</small>
                    </td>
                    <td>{person.organisation}</td>
                    <td>{STRUCTURE_TYPE_LABELS[person.structureType]}</td>
                    <td>{STATUS_LABELS[person.status]}</td>
                    <td>{formatDateTime(person.createdAt)}</td>
                    <td>
                      {person.status !== "cancelled" ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="cancel-registration" />
                          <input type="hidden" name="registrationId" value={person.id} />
                          <button type="submit" className="button button--secondary button--small">
                            Annuler<span className="visually-hidden"> l’inscription de {person.firstName} {person.lastName}</span>
                          </button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {edition.status !== "cancelled" ? (
        <section aria-labelledby="annuler-titre">
          <h2 id="annuler-titre">Annuler l’édition</h2>
          <p>
            Chaque personne inscrite reçoit un e-mail&nbsp;; les personnes confirmées reçoivent aussi une annulation qui
            retire l’événement de leur agenda. Cette action est définitive.
          </p>
          <Form method="post" className="form" {...getFormProps(cancelForm)}>
            <input type="hidden" name="intent" value="cancel-edition" />
            <FormError id={cancelForm.errorId} errors={cancelForm.errors} />
            <CheckboxField field={cancelFields.confirm} label="Je confirme l’annulation de cette édition." />
            <div>
              <button type="submit" className="button button--danger">
                Annuler l’édition
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  );
}

function Flash() {
  const [params] = useSearchParams();
  const plural = (n: number, word: string) => `${n}\u00a0${word}${n > 1 ? "s" : ""}`;
  const messages: string[] = [];
  if (params.has("jauge")) {
    const n = Number(params.get("jauge"));
    messages.push(`Jauge enregistrée.${n > 0 ? ` ${plural(n, "personne")} confirmée${n > 1 ? "s" : ""} depuis la liste d’attente.` : ""}`);
  }
  if (params.has("modifiee")) {
    const n = Number(params.get("modifiee"));
    messages.push(`Modifications enregistrées\u00a0; ${plural(n, "personne")} prévenue${n > 1 ? "s" : ""}.`);
  }
  if (params.has("annulee")) messages.push(`Édition annulée\u00a0; ${plural(Number(params.get("annulee")), "personne")} prévenue(s).`);
  if (params.has("desinscrit")) messages.push("Inscription annulée.");
  if (messages.length === 0) return null;
  return (
    <div className="notice notice--ok" role="status">
      {messages.map((message) => (
        <p key={message}>{message}</p>
      ))}
    </div>
  );
}
