// How the search index joins an entry's fields into the text its snippets are cut from
// (migration 0017 calls these through the SQL functions `search_join` and `search_lines`).

/** Spaces, tabs, line breaks and a « · » typed at a field's end: the separator is written once. */
const EDGES = /^[\s·]+|[\s·]+$/g;

/** The fields that have words, trimmed, joined by `separator`; an empty string when none has. */
export function joinFields(separator: string, fields: readonly unknown[]): string {
  return fields
    .map((field) => (typeof field === "string" ? field.replace(EDGES, "") : ""))
    .filter((field) => field !== "")
    .join(separator);
}

/** A list typed one item per line (objectives, publics, communes), blank lines left out. */
export function joinLines(text: unknown, separator: string): string {
  return typeof text === "string" ? joinFields(separator, text.split(/\r\n|\r|\n/)) : "";
}
