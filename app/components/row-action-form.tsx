import type { ReactNode } from "react";
import { Form, Link } from "react-router";

type Variant = "primary" | "secondary" | "danger";
type Fields = Record<string, string | number | undefined>;

const VARIANT_CLASSES: Record<Variant, string> = {
  primary: "button button--small",
  secondary: "button button--small button--secondary",
  danger: "button button--small button--danger",
};

/**
 * A one-button form acting on one row of a table. The row it acts on is said in hidden text, so
 * that the many identical buttons of a table each have a distinct name for screen readers. A field
 * left undefined is not sent at all.
 */
export function RowActionForm(props: {
  intent: string;
  fields: Fields;
  label: ReactNode;
  target: ReactNode;
  variant?: Variant;
}) {
  const { intent, fields, label, target, variant = "primary" } = props;
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) =>
        value === undefined ? null : <input key={name} type="hidden" name={name} value={value} />,
      )}
      <button type="submit" className={VARIANT_CLASSES[variant]}>
        {label}
        <span className="visually-hidden"> {target}</span>
      </button>
    </Form>
  );
}

/**
 * A form of one button acting on the whole page (not on a row), told apart by its intent in the
 * route's action.
 */
export function IntentButton(props: { intent: string; className?: string; children: ReactNode }) {
  const { intent, className = "button", children } = props;
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <button type="submit" className={className}>
        {children}
      </button>
    </Form>
  );
}

/** One button of a row; its fields are added to those the row's buttons share. */
export type RowAction = { intent: string; label: string; variant?: Variant; fields?: Fields };

/**
 * The buttons of one table row, those that do not apply left out (`false`). An action that cannot
 * be undone is asked in two steps that work without JavaScript: a link reloads the page with the
 * row marked, and only then does the row show the button that acts.
 */
export function RowActions(props: {
  /** `row-actions` stacks the buttons in a narrow column, `button-row` lines them up. */
  className: "row-actions" | "button-row";
  fields: Fields;
  target: ReactNode;
  actions: ReadonlyArray<RowAction | false>;
  /** `warning` says what cannot be undone; `cancelHref` leaves the second step without acting. */
  confirmed?:
    { ask: string; href: string; confirming: boolean; warning: string; cancelHref: string; action: RowAction } | false;
}) {
  const { fields, target, confirmed } = props;
  const button = (action: RowAction) => (
    <RowActionForm
      key={`${action.intent}-${action.label}`}
      intent={action.intent}
      fields={{ ...fields, ...action.fields }}
      label={action.label}
      target={target}
      variant={action.variant}
    />
  );
  return (
    <div className={props.className}>
      {props.actions.map((action) => (action ? button(action) : null))}
      {confirmed ? (
        confirmed.confirming ? (
          <div className="row-actions__confirm" role="group" aria-label={confirmed.ask}>
            <p className="row-actions__warning">{confirmed.warning}</p>
            {button({ variant: "danger", ...confirmed.action })}
            <Link className={VARIANT_CLASSES.secondary} to={confirmed.cancelHref}>
              Annuler<span className="visually-hidden"> {target}</span>
            </Link>
          </div>
        ) : (
          <Link className={VARIANT_CLASSES.secondary} to={confirmed.href}>
            {confirmed.ask}
            <span className="visually-hidden"> {target}</span>
          </Link>
        )
      ) : null}
    </div>
  );
}

/**
 * The second step of a deletion asked from a link (`?supprimer=<id>`), shown in place of the row’s
 * buttons: the question, the button that acts, and a link back. Both steps are plain navigations
 * and posts, so it works without JavaScript.
 */
export function ConfirmRowAction(props: {
  /** Unique in the page: names the group for screen readers. */
  id: string;
  question: ReactNode;
  intent: string;
  fields: Fields;
  label: string;
  target: ReactNode;
  cancelHref: string;
}) {
  const { id, question, intent, fields, label, target, cancelHref } = props;
  return (
    <div className="notice notice--warn confirm-row" role="group" aria-labelledby={id}>
      <p id={id}>{question}</p>
      <div className="button-row">
        <RowActionForm intent={intent} fields={fields} label={label} target={target} variant="danger" />
        <Link className={VARIANT_CLASSES.secondary} to={cancelHref}>
          Annuler<span className="visually-hidden"> la suppression {target}</span>
        </Link>
      </div>
    </div>
  );
}
