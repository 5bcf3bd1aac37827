import type { ReactNode } from "react";

/** Key figures of a page, each a term and its value. */
export function StatList({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <dl className="stats">
      {items.map((item) => (
        <div key={item.label}>
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
