import { useLocation, useSearchParams } from "react-router";

/**
 * A page of rows that each open their own form (`?modifier=<id>`) beside forms that add one: the
 * row open, the answer meant for a given form, and a key that remounts the forms on each
 * navigation, since Conform keeps per-form state that must not outlive one.
 */
export function useRowForms<Answer extends { formId?: string | null; result?: unknown }>(
  actionData: Answer | undefined,
) {
  const [params] = useSearchParams();
  const location = useLocation();
  return {
    editing: Number(params.get("modifier")),
    formKey: location.key,
    resultFor: (formId: string): Answer["result"] | undefined =>
      actionData?.formId === formId ? actionData.result : undefined,
  };
}
