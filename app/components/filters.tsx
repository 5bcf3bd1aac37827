import type { ReactNode } from "react";

type FilterOption = { key: string; label: string };

/** One criterion of a GET filter form: « all » first, as the empty value, then the choices. */
export function FilterSelect(props: {
  name: string;
  /** The control's id where the page has another field of that name. */
  id?: string;
  label: string;
  all: string;
  value: string;
  options: ReadonlyArray<FilterOption>;
  /** Choices between « all » and the list (« without any »…). */
  before?: ReadonlyArray<FilterOption>;
}) {
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

/** The submit button of a filter form, with what follows it (a link that clears the criteria). */
export function FilterSubmit({ className, children }: { className?: string; children?: ReactNode }) {
  return (
    <div className={className}>
      <button type="submit" className="button">
        Filtrer
      </button>
      {children}
    </div>
  );
}

/** Options of a filter from a closed list and its French labels. */
export function labelled<T extends string>(values: readonly T[], labels: Record<T, string>): FilterOption[] {
  return values.map((value) => ({ key: value, label: labels[value] }));
}
