import { getFormProps, type FormMetadata } from "@conform-to/react";
import type { ReactNode, Ref } from "react";
import { Form } from "react-router";
import { ErrorSummary, type FieldLabels } from "./error-summary.tsx";
import { FormError } from "./form-fields.tsx";

/**
 * A Conform form posted to its route's action, which checks it (see `useServerForm`): Conform's
 * ids and the link from the form to its errors, the action's intent and any other hidden field,
 * then the errors about the whole form, announced before the fields, and the summary of the
 * field errors when the form names its fields.
 */
export function ServerForm(props: {
  // Conform types a form by its values; this component only reads its ids and errors.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  form: FormMetadata<any, any>;
  intent?: string;
  /** Hidden fields; one left undefined is not sent. */
  fields?: Record<string, string | number | undefined>;
  className?: string;
  encType?: "multipart/form-data";
  formRef?: Ref<HTMLFormElement>;
  /** A heading that names the form, above its errors. */
  heading?: ReactNode;
  /** The fields in order with their labels: given, the field errors are summed up before the fields. */
  fieldLabels?: FieldLabels;
  children: ReactNode;
}) {
  const { form, intent, fields, className = "form", encType, formRef, heading, fieldLabels, children } = props;
  return (
    <Form method="post" encType={encType} className={className} {...getFormProps(form)} ref={formRef}>
      {heading}
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      {Object.entries(fields ?? {}).map(([name, value]) =>
        value === undefined ? null : <input key={name} type="hidden" name={name} value={value} />,
      )}
      <FormError id={form.errorId} errors={form.errors} />
      {fieldLabels ? <ErrorSummary form={form} labels={fieldLabels} /> : null}
      {children}
    </Form>
  );
}
