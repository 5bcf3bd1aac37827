import type { ReactNode } from "react";

/**
 * A wide table scrolls inside its own box on a phone instead of widening the page. The box is
 * named and reachable with the keyboard, so that people who cannot swipe can still scroll it
 * with the arrow keys (WCAG 2.1.1); that is why a non-interactive element takes the focus here.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must be focusable
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
