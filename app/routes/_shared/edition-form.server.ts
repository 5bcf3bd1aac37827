import type { Submission } from "@conform-to/react";
import { data } from "react-router";
import { EditionFormError } from "#app/domain/editions/admin.server.ts";
import { CapacityError } from "#app/domain/registrations/registrations.server.ts";
import { LifecycleError } from "#app/domain/editions/lifecycle.ts";

/** Turns a rule broken deep in the domain into a French message next to the right field. */
export function editionFormErrorResponse(submission: Submission<unknown>, error: unknown) {
  if (error instanceof EditionFormError) {
    const reply = error.field
      ? submission.reply({ fieldErrors: { [error.field]: [error.message] } })
      : submission.reply({ formErrors: [error.message] });
    return data({ result: reply, preview: null }, { status: 409 });
  }
  if (error instanceof LifecycleError) {
    return data({ result: submission.reply({ formErrors: [error.message] }), preview: null }, { status: error.status });
  }
  if (error instanceof CapacityError) {
    return data(
      { result: submission.reply({ fieldErrors: { capacity: [error.message] } }), preview: null },
      { status: 409 },
    );
  }
  throw error;
}
