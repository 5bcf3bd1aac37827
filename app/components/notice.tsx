import type { ReactNode } from "react";

/** The refusal of an action, announced as soon as the page shows it. */
export function ErrorNotice({ message }: { message: ReactNode }) {
  if (!message) return null;
  return (
    <p className="notice notice--error" role="alert">
      {message}
    </p>
  );
}
