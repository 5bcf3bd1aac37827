import MarkdownIt from "markdown-it";
import { frenchTypography } from "./typography";

// Raw HTML is off: whatever is typed is escaped, so the output needs no sanitiser; markdown-it
// also refuses javascript:, vbscript: and data: links (except images) by default.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: true, breaks: false });
markdown.options.quotes = ["«\u00a0", "\u00a0»", "“", "”"];

export function renderMarkdown(source: string): string {
  return markdown.render(frenchTypography(source));
}
