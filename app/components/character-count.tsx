import { useEffect, useState, useSyncExternalStore } from "react";
import { typedLength } from "#app/forms/contribution.ts";
import { characterCountMessage } from "#app/lib/character-count.ts";

/**
 * A live count under a textarea, once JavaScript runs (without it, the field's hint states the
 * limit, and the server checks it either way). The visible count changes on every key; screen
 * readers hear it only when typing pauses, so that it does not talk over every letter.
 */
export function CharacterCount({ targetId, max }: { targetId: string; max: number }) {
  const target = () => {
    const element = typeof document === "undefined" ? null : document.getElementById(targetId);
    return element instanceof HTMLTextAreaElement ? element : null;
  };
  const length = useSyncExternalStore(
    (onChange) => {
      const element = target();
      element?.addEventListener("input", onChange);
      return () => element?.removeEventListener("input", onChange);
    },
    () => {
      const element = target();
      return element ? typedLength(element.value) : null;
    },
    () => null,
  );
  const [announced, setAnnounced] = useState("");
  useEffect(() => {
    if (length === null) return;
    const timer = setTimeout(() => setAnnounced(characterCountMessage(length, max)), 1000);
    return () => clearTimeout(timer);
  }, [length, max]);
  if (length === null) return null;
  return (
    <>
      <p className={length > max ? "char-count char-count--over" : "char-count"} aria-hidden="true">
        {characterCountMessage(length, max)}
      </p>
      <p className="visually-hidden" aria-live="polite">
        {announced}
      </p>
    </>
  );
}
