import type { ReactNode } from "react";
import { Form } from "react-router";

type FilterOption = { key: string; label: string };

/** One criterion of a GET filter form, named after its query parameter. */
export type Filter = {
  name: string;
  /** The control's id where the page has another field of that name. */
  id?: string;
  label: string;
  /** The label of the empty value, listed first. */
  all: string;
  options: ReadonlyArray<FilterOption>;
  /** Choices between « all » and the list (« without any »…). */
  before?: ReadonlyArray<FilterOption>;
};

/** One criterion of a GET filter form: « all » first, as the empty value, then the choices. */
export function FilterSelect(props: Filter & { value: string }) {
  const id = props.id ?? props.name;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} name={props.name} defaultValue={props.value}>
        <option value="">{props.all}</option>
        {[...(props.before ?? []), ...props.options].map((option) => (
          <option key={option.key} value={option.key}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * A GET form of criteria: the fields given as children (a search box), one select a filter with
 * the value the page was loaded with, the state to keep in hidden fields (a sort order), then the
 * submit button and what follows it (a link that clears the criteria). A select is remounted when
 * its value in the URL changes, so that it shows the criterion in force after a link or « back ».
 */
export function FilterForm(props: {
  label: string;
  className?: string;
  filters: ReadonlyArray<Filter>;
  values: Readonly<Record<string, string | number | undefined>>;
  keep?: Readonly<Record<string, string | undefined>>;
  submitClassName?: string;
  after?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <Form method="get" className={props.className ?? "form form--inline filters"} aria-label={props.label}>
      {props.children}
      {props.filters.map((filter) => {
        const value = String(props.values[filter.name] ?? "");
        return <FilterSelect key={`${filter.name}-${value}`} {...filter} value={value} />;
      })}
      {Object.entries(props.keep ?? {}).map(([name, value]) =>
        value ? <input key={name} type="hidden" name={name} value={value} /> : null,
      )}
      <div className={props.submitClassName}>
        <button type="submit" className="button">
          Filtrer
        </button>
        {props.after}
      </div>
    </Form>
  );
}

/** Options of a filter from a closed list and its French labels. */
export function labelled<T extends string>(values: readonly T[], labels: Record<T, string>): FilterOption[] {
  return values.map((value) => ({ key: value, label: labels[value] }));
}

/** The status filter of a back-office list. */
export function statusFilter<T extends string>(values: readonly T[], labels: Record<T, string>): Filter {
  return { name: "statut", label: "Statut", all: "Tous", options: labelled(values, labels) };
}
