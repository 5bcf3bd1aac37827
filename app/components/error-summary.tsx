import type { FormMetadata, SubmissionResult } from "@conform-to/react";
import { plural } from "#app/lib/flash.ts";
import { pageTitle } from "#app/lib/meta.ts";

/**
 * The fields of a form in the order they appear, each with the label the error summary names it
 * by. The summary lists errors in this order; an error on a name missing here still shows,
 * last and without a link.
 */
export type FieldLabels = ReadonlyArray<readonly [name: string, label: string]>;

const ERROR_PREFIX = "Erreur\u00a0: ";

/**
 * The field errors of a form that came back from the server, listed before its fields, each a
 * link to its field. Without JavaScript the page reloads at the top with the focus nowhere, and
 * an error four screens down would go unnoticed; this box is in the first screen. With
 * JavaScript, Conform already moves the focus to the first invalid field, so the summary takes
 * no focus and raises no alert of its own: that would speak the same error twice.
 */
export function ErrorSummary({
  form,
  labels,
}: {
  // Conform types a form by its values; the summary only reads its id and errors.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  form: FormMetadata<any, any>;
  labels: FieldLabels;
}) {
  const items = summaryItems(form.id, form.allErrors, labels);
  if (items.length === 0) return null;
  return (
    <div className="notice notice--error error-summary">
      <h2 className="error-summary__title">Le formulaire contient {plural(items.length, "erreur", "erreurs")}</h2>
      <ul className="error-summary__list">
        {items.map((item) => {
          // A checkbox's label may be a whole sentence; its full stop has no place before the colon.
          const text = item.label ? `${item.label.replace(/\.$/, "")}\u00a0: ${item.message}` : item.message;
          return (
            <li key={item.name}>{item.target ? <a href={`#${encodeURIComponent(item.target)}`}>{text}</a> : text}</li>
          );
        })}
      </ul>
    </div>
  );
}

type SummaryItem = { name: string; label: string | null; message: string; target: string | null };

/** The errors of the named fields, in the form's order; the form's own errors are shown apart. */
export function summaryItems(
  formId: string,
  errors: Record<string, string[] | undefined>,
  labels: FieldLabels,
): SummaryItem[] {
  const known = new Set(labels.map(([name]) => name));
  const messageOf = (name: string) => errors[name]?.join(" ") ?? "";
  const listed = labels
    .filter(([name]) => errors[name]?.length)
    .map(([name, label]) => ({ name, label, message: messageOf(name), target: `${formId}-${name}` }));
  const others = Object.keys(errors)
    .filter((name) => name !== "" && !known.has(name) && errors[name]?.length)
    .map((name) => ({ name, label: null, message: messageOf(name), target: null }));
  return [...listed, ...others];
}

/** Whether the action's answer to a form holds an error, on the form or on any field. */
export function hasErrors(result: SubmissionResult<string[]> | undefined): boolean {
  return Object.values(result?.error ?? {}).some((messages) => Boolean(messages?.length));
}

/**
 * The `<title>` of a page with such a form (its `meta` uses `formPageMeta`), starting with
 * « Erreur : » when the form came back with errors: it is the first thing a screen reader says
 * of the reloaded page. React puts it in the document's head.
 */
export function FormPageTitle({
  title,
  result,
  failed = false,
}: {
  title: string;
  result: SubmissionResult<string[]> | undefined;
  /** Another form of the page came back refused. */
  failed?: boolean;
}) {
  return <title>{`${failed || hasErrors(result) ? ERROR_PREFIX : ""}${pageTitle(title)}`}</title>;
}
