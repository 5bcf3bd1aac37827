import type { AriaAttributes, ReactNode } from "react";
import { TableScroll } from "./table-scroll.tsx";

/** A column header: its text, or its content with the sort state screen readers announce. */
export type DataTableColumn =
  string | { key: string; content: ReactNode; sort?: AriaAttributes["aria-sort"]; className?: string };

/**
 * A back-office table in its scrollable named box. The caption is hidden by default because the
 * page heading already says what the table lists; screen readers still read it.
 */
export function DataTable(props: {
  label: string;
  caption: ReactNode;
  visibleCaption?: boolean;
  className?: string;
  columns: DataTableColumn[];
  children: ReactNode;
}) {
  const { label, caption, visibleCaption, className, columns, children } = props;
  return (
    <TableScroll label={label}>
      <table className={className}>
        <caption className={visibleCaption ? undefined : "visually-hidden"}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) =>
              typeof column === "string" ? (
                <th key={column} scope="col">
                  {column}
                </th>
              ) : (
                <th key={column.key} scope="col" aria-sort={column.sort} className={column.className}>
                  {column.content}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableScroll>
  );
}

/** A second, smaller line in a table cell. */
export function CellNote({ children }: { children: ReactNode }) {
  return (
    <>
      <br />
      <small>{children}</small>
    </>
  );
}
