import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";
import { PASSWORD_MIN_LENGTH } from "#app/forms/users.ts";

// Conform types each field by its value; these components only read ids, names and errors.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any, any, any>;

type InputType =
  "text" | "email" | "password" | "tel" | "url" | "number" | "date" | "time" | "datetime-local" | "search";

/** Errors of a field, with the id its control points to through aria-describedby. */
export function FieldError({ field }: { field: AnyField }) {
  if (!field.errors?.length) return null;
  return (
    <p id={field.errorId} className="field__error">
      {field.errors.join(" ")}
    </p>
  );
}

export function FormError({ id, errors }: { id: string; errors: string[] | undefined }) {
  if (!errors?.length) return null;
  return (
    <div id={id} className="notice notice--error" role="alert">
      {errors.map((error) => (
        <p key={error}>{error}</p>
      ))}
    </div>
  );
}

export function TextField(props: {
  field: AnyField;
  label: ReactNode;
  hint?: ReactNode;
  type?: InputType;
  autoComplete?: string;
  required?: boolean;
  maxLength?: number;
  inputMode?: "numeric" | "text" | "email" | "tel" | "url";
}) {
  const { field, type = "text", autoComplete, required, maxLength, inputMode } = props;
  const { key, ...inputProps } = getInputProps(field, { type, ariaDescribedBy: hintIdOf(props) });
  return (
    <FieldFrame {...props}>
      <input
        key={key}
        {...inputProps}
        autoComplete={autoComplete}
        required={required}
        maxLength={maxLength}
        inputMode={inputMode}
      />
    </FieldFrame>
  );
}

type FrameProps = { field: AnyField; label: ReactNode; hint?: ReactNode; required?: boolean };

function hintIdOf({ field, hint }: FrameProps) {
  return hint ? `${field.id}-hint` : undefined;
}

/** Label, hint, the control itself and its errors: the control points to the hint and the errors. */
function FieldFrame(props: FrameProps & { children: ReactNode }) {
  const { field, label, hint, required, children } = props;
  return (
    <div className="field">
      <label htmlFor={field.id}>
        {label}
        {required ? <RequiredMark /> : null}
      </label>
      <FieldHint id={hintIdOf(props)} hint={hint} />
      {children}
      <FieldError field={field} />
    </div>
  );
}

function FieldHint({ id, hint }: { id: string | undefined; hint: ReactNode }) {
  if (!hint) return null;
  return (
    <p id={id} className="field__hint">
      {hint}
    </p>
  );
}

/** A required file input, its hint saying which files are taken. */
export function FileField(props: { field: AnyField; label: ReactNode; hint: ReactNode; accept: string }) {
  const { key, ...fileProps } = getInputProps(props.field, { type: "file", ariaDescribedBy: hintIdOf(props) });
  return (
    <FieldFrame {...props} required>
      <input key={key} {...fileProps} required accept={props.accept} />
    </FieldFrame>
  );
}

export function TextAreaField(props: {
  field: AnyField;
  label: ReactNode;
  hint?: ReactNode;
  required?: boolean;
  rows?: number;
  maxLength?: number;
}) {
  const { field, required, rows = 4, maxLength } = props;
  const { key, ...textareaProps } = getTextareaProps(field, { ariaDescribedBy: hintIdOf(props) });
  return (
    <FieldFrame {...props}>
      <textarea key={key} {...textareaProps} rows={rows} required={required} maxLength={maxLength} />
    </FieldFrame>
  );
}

export function SelectField(props: {
  field: AnyField;
  label: ReactNode;
  options: ReadonlyArray<{ value: string; label: string }>;
  placeholder?: string;
  hint?: ReactNode;
  required?: boolean;
}) {
  const { field, options, placeholder, required } = props;
  const { key, ...selectProps } = getSelectProps(field, { ariaDescribedBy: hintIdOf(props) });
  return (
    <FieldFrame {...props}>
      <select key={key} {...selectProps} required={required}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function CheckboxField(props: { field: AnyField; label: ReactNode; hint?: ReactNode }) {
  const { field, label, hint } = props;
  const hintId = hintIdOf(props);
  const { key, ...inputProps } = getInputProps(field, { type: "checkbox", ariaDescribedBy: hintId });
  return (
    <div className="field field--checkbox">
      <div>
        <input key={key} {...inputProps} /> <label htmlFor={field.id}>{label}</label>
      </div>
      <FieldHint id={hintId} hint={hint} />
      <FieldError field={field} />
    </div>
  );
}

function RequiredMark() {
  return (
    <>
      {" "}
      <span aria-hidden="true">*</span>
      <span className="visually-hidden"> (obligatoire)</span>
    </>
  );
}

/**
 * The options of a group of radio buttons or checkboxes, each label after its box, checked as the
 * field's value says: one value for radio buttons, a list of values for checkboxes.
 */
function Choices(props: {
  type: "radio" | "checkbox";
  field: AnyField;
  options: GroupProps["options"];
  required?: boolean;
  describedBy?: string;
}) {
  const { type, field, options, required, describedBy } = props;
  const initial = field.initialValue;
  // Posted back by the server, a group with a single box ticked comes as one string, not a list.
  const ticked = Array.isArray(initial) ? initial.map(String) : typeof initial === "string" ? [initial] : [];
  const checked = (value: string) => (type === "radio" ? initial === value : ticked.includes(value));
  return (
    <>
      {options.map((option) => {
        const id = `${field.id}-${option.value}`;
        return (
          <div key={option.value} className="choice">
            <input
              type={type}
              id={id}
              name={field.name}
              value={option.value}
              defaultChecked={checked(option.value)}
              required={required}
              aria-describedby={describedBy}
            />{" "}
            <label htmlFor={id}>{option.label}</label>
          </div>
        );
      })}
    </>
  );
}

/**
 * A group of choices under one name, in a fieldset with a legend. The fieldset carries the
 * field's id and takes the focus from a link of the error summary, which then reads the legend
 * and the error.
 */
type GroupProps = { field: AnyField; legend: ReactNode; options: ReadonlyArray<{ value: string; label: string }> };

/** Radio buttons in a fieldset; the error is announced with the group and linked to each button. */
export function RadioGroupField(props: GroupProps & { required?: boolean }) {
  const { field, legend, options, required } = props;
  const invalid = Boolean(field.errors?.length);
  return (
    <fieldset
      id={field.id}
      tabIndex={-1}
      className="field field--group"
      aria-describedby={invalid ? field.errorId : undefined}
    >
      <legend>
        {legend}
        {required ? <RequiredMark /> : null}
      </legend>
      <Choices
        type="radio"
        field={field}
        options={options}
        required={required}
        describedBy={invalid ? field.errorId : undefined}
      />
      <FieldError field={field} />
    </fieldset>
  );
}

/** A group of checkboxes sharing one name (a list of values). */
export function CheckboxGroupField(props: GroupProps & { hint?: ReactNode }) {
  const { field, legend, options, hint } = props;
  const invalid = Boolean(field.errors?.length);
  const hintId = hint ? `${field.id}-hint` : undefined;
  return (
    <fieldset
      id={field.id}
      tabIndex={-1}
      className="field field--group"
      aria-describedby={[hintId, invalid ? field.errorId : undefined].filter(Boolean).join(" ") || undefined}
    >
      <legend>{legend}</legend>
      <FieldHint id={hintId} hint={hint} />
      <Choices type="checkbox" field={field} options={options} />
      <FieldError field={field} />
    </fieldset>
  );
}

/** The themes an edition or an article is filed under, chosen among all of them. */
export function ThemesField({
  field,
  themes,
}: {
  field: AnyField;
  themes: ReadonlyArray<{ id: number; name: string }>;
}) {
  return (
    <CheckboxGroupField
      field={field}
      legend="Thèmes"
      options={themes.map((theme) => ({ value: String(theme.id), label: theme.name }))}
    />
  );
}

/** The honeypot of public forms: hidden from people, filled by robots (see routes/_shared/public-form.server.ts). */
export function Honeypot() {
  return (
    <div className="honeypot" aria-hidden="true">
      <label htmlFor="siteWeb">Ne pas remplir ce champ</label>
      <input type="text" id="siteWeb" name="siteWeb" tabIndex={-1} autoComplete="off" />
    </div>
  );
}

/** The main button of a form, on its own line. */
export function SubmitButton({ children }: { children: ReactNode }) {
  return (
    <div>
      <button type="submit" className="button">
        {children}
      </button>
    </div>
  );
}

/** The last step of something a private link undoes for good: go ahead, or leave with nothing changed. */
export function SubmitOrKeep({
  children,
  keepHref,
  keepLabel,
}: {
  children: ReactNode;
  keepHref: string;
  keepLabel: string;
}) {
  return (
    <>
      <button type="submit" className="button">
        {children}
      </button>{" "}
      <a href={keepHref}>{keepLabel}</a>
    </>
  );
}

/** A new password and its confirmation, as password managers expect them. */
export function NewPasswordFields(props: {
  password: AnyField;
  confirmation: AnyField;
  label: string;
  confirmationLabel: string;
}) {
  return (
    <>
      <TextField
        field={props.password}
        label={props.label}
        hint={`${PASSWORD_MIN_LENGTH}\u00a0caractères au moins. Une phrase de plusieurs mots est à la fois plus facile à retenir et plus sûre.`}
        type="password"
        autoComplete="new-password"
        required
      />
      <TextField
        field={props.confirmation}
        label={props.confirmationLabel}
        type="password"
        autoComplete="new-password"
        required
      />
    </>
  );
}
