import { useState } from "react";
import { useLocation } from "react-router";
import type { FlashMessage } from "#app/lib/flash.ts";

const CLASS_NAMES: Record<FlashMessage["kind"], string> = {
  success: "notice notice--ok",
  info: "notice",
  error: "notice notice--error",
};

/**
 * The notice of an action that just finished (see app/lib/flash.server.ts). The root's data
 * outlives a client-side navigation that does not run its loader again: the notice belongs to the
 * page it arrived with, and is gone on the next one.
 */
export function Flash({ flash }: { flash: FlashMessage | null | undefined }) {
  const { key } = useLocation();
  const [held, setHeld] = useState(flash ? { flash, key } : null);
  if (flash && held?.flash !== flash) {
    setHeld({ flash, key });
    return null;
  }
  if (!held || held.key !== key) return null;
  return (
    <p className={`${CLASS_NAMES[held.flash.kind]} flash`} role={held.flash.kind === "error" ? "alert" : "status"}>
      {held.flash.message}
    </p>
  );
}
