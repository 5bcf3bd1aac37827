import { useServerForm } from "#app/components/use-server-form.ts";
import { parseWithZod } from "@conform-to/zod/v4";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { data, Form, redirect, useFetcher, useRevalidator, useSearchParams, useSubmit } from "react-router";
import type { Route } from "./+types/check-in";
import { SelectField, SubmitButton, TextField } from "#app/components/form-fields.tsx";
import { useHydrated } from "#app/components/use-hydrated.ts";
import { ORGANISERS } from "#app/domain/accounts/roles.ts";
import { RegistrationActionError } from "#app/domain/registrations/admin.server.ts";
import { checkInCounts, checkInPeriod, checkInSearch, setPresence } from "#app/domain/registrations/check-in.server.ts";
import { checkInByCode } from "#app/domain/registrations/check-in.server.ts";
import { CodeScanner } from "#app/components/code-scanner.tsx";
import { LifecycleError } from "#app/domain/editions/lifecycle.ts";
import { registerOnSite } from "#app/domain/registrations/registrations.server.ts";
import { STRUCTURE_TYPE_OPTIONS } from "#app/components/registration-fields.tsx";
import { walkInSchema } from "#app/forms/walk-in.ts";
import { requireEditionAccess } from "#app/routes/_shared/admin-edition.server.ts";
import { db } from "#app/lib/db.server.ts";
import { mailContext } from "#app/lib/mail-context.server.ts";
import { pageMeta } from "#app/lib/meta.ts";
import { formatDate, formatDateTime, formatTime } from "#app/lib/time.ts";
import { ErrorNotice } from "#app/components/notice.tsx";
import { ServerForm } from "#app/components/server-form.tsx";
import { actBy } from "#app/routes/_shared/act.server.ts";

/** On a phone the search comes first, the back-office menus after it (see the admin layouts). */
export const handle = { taskFirst: true };

export const meta: Route.MetaFunction = () => pageMeta("Accueil du jour J", "Pointer les personnes présentes.");

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { edition } = requireEditionAccess(context, params.editionId, ORGANISERS);
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 100);
  return {
    editionId: edition.id,
    q,
    people: checkInSearch(db(), edition.id, q),
    counts: checkInCounts(db(), edition.id),
    period: checkInPeriod(db(), edition.id),
  };
}

const presenceSchema = z.object({
  intent: z.enum(["present", "absent"]),
  registrationId: z.coerce.number().int().positive(),
  q: z.string().max(100).optional(),
});

// Any length reaches the domain, which says what a code looks like.
const codeSchema = z.object({ intent: z.literal("code"), code: z.string().trim().min(1).max(200) });

type CodeReply =
  | { error: string; typed?: string; checkedIn?: undefined }
  | {
      error?: undefined;
      typed?: undefined;
      checkedIn: { firstName: string; lastName: string; organisation: string; alreadyPresent: boolean };
    };
const NO_REPLY = { walkIn: undefined, error: null, code: undefined as CodeReply | undefined };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor, edition } = requireEditionAccess(context, params.editionId, ORGANISERS);
  const formData = await request.formData();
  const back = (q: string | undefined) =>
    `/admin/editions/${edition.id}/accueil${q ? `?q=${encodeURIComponent(q)}` : ""}`;

  if (formData.get("intent") === "code") {
    const parsed = codeSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return data({ ...NO_REPLY, code: { error: "Saisissez le code d’accueil." } }, { status: 400 });
    try {
      const done = checkInByCode(actBy(actor), mailContext(), edition.id, parsed.data.code);
      return { ...NO_REPLY, code: { checkedIn: done } };
    } catch (error) {
      if (error instanceof LifecycleError)
        return data({ ...NO_REPLY, code: { error: error.message, typed: parsed.data.code } }, { status: error.status });
      if (!(error instanceof RegistrationActionError)) throw error;
      return data({ ...NO_REPLY, code: { error: error.message, typed: parsed.data.code } }, { status: 422 });
    }
  }

  if (formData.get("intent") === "walk-in") {
    const submission = parseWithZod(formData, { schema: walkInSchema });
    if (submission.status !== "success") return data({ walkIn: submission.reply(), error: null }, { status: 400 });
    const { intent: _intent, ...person } = submission.value;
    let outcome;
    try {
      outcome = registerOnSite(actBy(actor), edition.id, { ...person, role: null, accessNeeds: null, meal: false });
    } catch (error) {
      if (!(error instanceof LifecycleError)) throw error;
      return data({ walkIn: submission.reply({ formErrors: [error.message] }), error: null }, { status: error.status });
    }
    if (outcome.outcome === "already_registered") {
      return data(
        {
          walkIn: submission.reply({
            fieldErrors: { email: ["Cette adresse est déjà inscrite\u00a0: cherchez la personne dans la liste."] },
          }),
          error: null,
        },
        { status: 409 },
      );
    }
    if (outcome.outcome === "closed") {
      const message =
        outcome.reason === "full"
          ? "Complet\u00a0: augmentez la jauge si la salle le permet."
          : "Cette édition est annulée.";
      return data({ walkIn: submission.reply({ formErrors: [message] }), error: null }, { status: 409 });
    }
    throw redirect(`${back(`${person.firstName} ${person.lastName}`)}`);
  }

  const parsed = presenceSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return data({ walkIn: undefined, error: "Demande incomplète." }, { status: 400 });
  try {
    setPresence(actBy(actor), edition.id, parsed.data.registrationId, parsed.data.intent === "present");
  } catch (error) {
    if (error instanceof LifecycleError) return data({ walkIn: undefined, error: error.message }, { status: 409 });
    if (!(error instanceof RegistrationActionError)) throw error;
    return data(
      { walkIn: undefined, error: error.message },
      { status: error.message === "Inscription introuvable." ? 404 : 409 },
    );
  }
  // With JavaScript the row updates in place; a plain form post comes back to the same search.
  if (formData.get("js") !== "1") throw redirect(back(parsed.data.q));
  return { walkIn: undefined, error: null };
}

export default function CheckIn({ loaderData, actionData }: Route.ComponentProps) {
  const { editionId, q, people, counts, period } = loaderData;
  const submit = useSubmit();
  const revalidator = useRevalidator();
  const [params] = useSearchParams();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Several organisers check people in at once: refresh the counts and the list every 10 s.
  useEffect(() => {
    const interval = setInterval(() => {
      if (revalidator.state === "idle") void revalidator.revalidate();
    }, 10_000);
    return () => clearInterval(interval);
  }, [revalidator]);

  const [walkInForm, walkInFields] = useServerForm(walkInSchema, {
    id: "sur-place",
    lastResult: actionData?.walkIn,
  });

  return (
    <div className="check-in">
      <h1>Accueil du jour J</h1>
      <p className="check-in__counts" role="status" aria-live="polite">
        <strong>{counts.present}</strong> {counts.present > 1 ? "personnes présentes" : "personne présente"} sur{" "}
        {counts.expected} {counts.expected > 1 ? "inscriptions confirmées" : "inscription confirmée"}
      </p>
      <ErrorNotice message={actionData?.error} />
      {period.checkIn ? null : (
        <p className="notice notice--warn">
          L’accueil est fermé&nbsp;: il ouvre le {formatDateTime(period.opensAt)} et ferme à la fin du{" "}
          {formatDate(new Date(period.closesAt.getTime() - 1))}.
        </p>
      )}
      <CodeForm reply={actionData && "code" in actionData ? actionData.code : undefined} />
      <Form method="get" role="search" className="check-in__search">
        <label htmlFor="q">Nom ou structure</label>
        <input
          type="search"
          id="q"
          name="q"
          defaultValue={q}
          autoComplete="off"
          onChange={(event) => {
            const form = event.currentTarget.form;
            clearTimeout(timer.current);
            timer.current = setTimeout(() => submit(form, { replace: true }), 250);
          }}
        />
        <button type="submit" className="button">
          Chercher
        </button>
      </Form>
      {params.get("q") && people.length === 0 ? <p>Personne ne correspond à «&nbsp;{q}&nbsp;».</p> : null}
      <ul className="check-in__list">
        {people.map((person) => (
          <PersonRow key={person.id} person={person} q={q} />
        ))}
      </ul>

      <details className="check-in__walk-in" open={Boolean(actionData?.walkIn)}>
        <summary>Inscrire une personne sur place</summary>
        {period.walkIn ? null : (
          <p>
            Les inscriptions sur place ne sont possibles que pendant l’accueil, ou une fois l’édition marquée comme
            tenue.
          </p>
        )}
        <ServerForm form={walkInForm} intent="walk-in">
          <TextField field={walkInFields.firstName} label="Prénom" required />
          <TextField field={walkInFields.lastName} label="Nom" required />
          <TextField
            field={walkInFields.email}
            label="Adresse e-mail (facultative)"
            type="email"
            hint="Sans adresse, la personne ne reçoit ni e-mail ni lien personnel."
          />
          <TextField field={walkInFields.organisation} label="Structure" required />
          <SelectField
            field={walkInFields.structureType}
            label="Type de structure"
            placeholder="Choisissez…"
            options={STRUCTURE_TYPE_OPTIONS}
            required
          />
          <SubmitButton>Inscrire et marquer présent·e</SubmitButton>
        </ServerForm>
      </details>
      <p className="check-in__links">
        <a href={`/admin/editions/${editionId}/emargement`}>Feuille d’émargement à imprimer</a>
      </p>
    </div>
  );
}

function PersonRow({
  person,
  q,
}: {
  person: { id: number; firstName: string; lastName: string; organisation: string; checkedInAt: Date | null };
  q: string;
}) {
  const fetcher = useFetcher<{ error: string | null }>();
  const hydrated = useHydrated();
  const refused = fetcher.state === "idle" ? fetcher.data?.error : null;
  // Optimistic: the row shows the new state as soon as the button is pressed.
  const pending = fetcher.formData?.get("intent");
  const present = pending ? pending === "present" : person.checkedInAt !== null;
  const name = `${person.firstName} ${person.lastName}`;
  return (
    <li className={`check-in__person${present ? " check-in__person--present" : ""}`}>
      <div>
        <span className="check-in__name">
          {person.lastName.toUpperCase()} {person.firstName}
        </span>
        <span className="check-in__org">{person.organisation}</span>
        {present ? (
          <span className="check-in__state">
            Présent·e{person.checkedInAt && !pending ? ` depuis ${formatTime(person.checkedInAt)}` : ""}
          </span>
        ) : null}
      </div>
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value={present ? "absent" : "present"} />
        <input type="hidden" name="registrationId" value={person.id} />
        <input type="hidden" name="q" value={q} />
        {hydrated ? <input type="hidden" name="js" value="1" /> : null}
        <button type="submit" className={`button ${present ? "button--secondary" : ""} check-in__button`}>
          {present ? "Annuler la présence" : "Présent·e"}
          <span className="visually-hidden">
            {"\u00a0"}: {name}
          </span>
        </button>
      </fetcher.Form>
      <ErrorNotice message={refused} />
    </li>
  );
}

/**
 * The code printed on the badge and in the confirmation email, typed, or read from its QR code
 * where the browser can (CodeScanner): both submit this same form, which works without scripts.
 */
function CodeForm({ reply }: { reply: CodeReply | undefined }) {
  const formRef = useRef<HTMLFormElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const error = reply?.error;
  const done = reply?.checkedIn;
  return (
    <Form method="post" className="check-in__code" ref={formRef} aria-labelledby="code-accueil-titre">
      <h2 id="code-accueil-titre" className="visually-hidden">
        Pointer avec le code d’accueil
      </h2>
      <input type="hidden" name="intent" value="code" />
      <label htmlFor="code-accueil">Code d’accueil</label>
      <p id="code-accueil-aide" className="field__hint">
        Les 8 caractères sous le QR code du badge ou de l’e-mail de confirmation.
      </p>
      <input
        // A new input after each check-in: the next code is typed into an empty field.
        key={done ? `${done.firstName}-${done.lastName}` : "code"}
        ref={inputRef}
        id="code-accueil"
        name="code"
        defaultValue={error ? reply?.typed : ""}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        inputMode="text"
        maxLength={200}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "code-accueil-aide code-accueil-erreur" : "code-accueil-aide"}
      />
      <button type="submit" className="button">
        Pointer
      </button>
      <CodeScanner form={formRef} input={inputRef} />
      {error ? (
        <p id="code-accueil-erreur" className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      {done ? (
        <p className="notice notice--ok check-in__done" role="status">
          {done.alreadyPresent ? "Déjà pointé·e\u00a0: " : "Présent·e\u00a0: "}
          <strong>
            {done.firstName} {done.lastName.toUpperCase()}
          </strong>{" "}
          ({done.organisation})
        </p>
      ) : null}
    </Form>
  );
}
