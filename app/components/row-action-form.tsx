import type { ReactNode } from "react";
import { Form } from "react-router";

type Variant = "primary" | "secondary" | "danger";

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
  fields: Record<string, string | number | undefined>;
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
