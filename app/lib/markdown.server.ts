import MarkdownIt from "markdown-it";
import footnote from "markdown-it-footnote";
import type Token from "markdown-it/lib/token.mjs";
import { slugify } from "./slug.ts";
import { frenchTypography } from "./typography.ts";

// Raw HTML is off: whatever is typed is escaped, so the output needs no sanitiser; markdown-it
// also refuses javascript:, vbscript:, file: and data: links (except some images) by default.
function createRenderer(): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: true, breaks: false });
  md.options.quotes = ["«\u00a0", "\u00a0»", "“", "”"];
  // @types/markdown-it-footnote targets an older @types/markdown-it: the plugin itself fits.
  md.use(footnote as unknown as Parameters<MarkdownIt["use"]>[0]);
  // Before inline parsing, so that « [x] » is read as a mark and not as the start of a link.
  md.core.ruler.after("block", "cts_structure", (state) => {
    markCheckLists(state.tokens);
    markAttributedQuotes(state.tokens);
    return true;
  });
  const rules = md.renderer.rules;
  rules.table_open = () => '<div class="table-wrap"><table>\n';
  rules.table_close = () => "</table></div>\n";
  rules.blockquote_open = (tokens, i) =>
    tokens[i]!.meta?.attributed ? '<figure class="quote"><blockquote>\n' : "<blockquote>\n";
  rules.blockquote_close = (tokens, i) => (tokens[i]!.meta?.attributed ? "</figure>\n" : "</blockquote>\n");
  const paragraphOpen =
    rules.paragraph_open ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
  const paragraphClose =
    rules.paragraph_close ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
  rules.paragraph_open = (tokens, i, options, env, self) =>
    tokens[i]!.meta?.caption ? "</blockquote>\n<figcaption>" : paragraphOpen(tokens, i, options, env, self);
  rules.paragraph_close = (tokens, i, options, env, self) =>
    tokens[i]!.meta?.caption ? "</figcaption>\n" : paragraphClose(tokens, i, options, env, self);
  rules.footnote_block_open = () =>
    '<section class="footnotes" aria-labelledby="notes"><h2 id="notes">Notes</h2>\n<ol class="footnotes-list">\n';
  rules.footnote_block_close = () => "</ol>\n</section>\n";
  rules.footnote_anchor = (tokens, i, _options, env, self) => {
    const id = self.rules.footnote_anchor_name!(tokens, i, _options, env, self);
    const ref = tokens[i]!.meta.subId > 0 ? `${id}:${tokens[i]!.meta.subId}` : id;
    return ` <a href="#fnref${ref}" class="footnote-backref" aria-label="Retour au texte de la note ${id}">↩</a>`;
  };
  rules.footnote_ref = (tokens, i, options, env, self) => {
    const id = self.rules.footnote_anchor_name!(tokens, i, options, env, self);
    const caption = self.rules.footnote_caption!(tokens, i, options, env, self);
    const refId = tokens[i]!.meta.subId > 0 ? `${id}:${tokens[i]!.meta.subId}` : id;
    return `<sup class="footnote-ref"><a href="#fn${id}" id="fnref${refId}" aria-label="Note ${id}">${caption}</a></sup>`;
  };
  return md;
}

/** `- [x] text` items become check marks. */
function markCheckLists(tokens: Token[]): void {
  for (let i = 2; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type !== "inline" || tokens[i - 1]!.type !== "paragraph_open" || tokens[i - 2]!.type !== "list_item_open")
      continue;
    if (!/^\[[xX ]\]\s+/.test(token.content)) continue;
    token.content = token.content.replace(/^\[[xX ]\]\s+/, "");
    tokens[i - 2]!.attrJoin("class", "check-item");
    for (let j = i - 3; j >= 0; j--) {
      if (tokens[j]!.type === "bullet_list_open" && tokens[j]!.level === tokens[i - 2]!.level - 1) {
        if (!tokens[j]!.attrGet("class")) tokens[j]!.attrJoin("class", "check-list");
        break;
      }
    }
  }
}

/** A blockquote whose last paragraph starts with « — » is a quotation with its source. */
function markAttributedQuotes(tokens: Token[]): void {
  const stack: number[] = [];
  tokens.forEach((token, i) => {
    if (token.type === "blockquote_open") stack.push(i);
    if (token.type !== "blockquote_close") return;
    const open = stack.pop();
    if (open === undefined) return;
    const inline = tokens[i - 2];
    const paragraphOpen = tokens[i - 3];
    if (inline?.type !== "inline" || paragraphOpen?.type !== "paragraph_open" || !/^[—–-]\s/.test(inline.content))
      return;
    const paragraphs = tokens
      .slice(open, i)
      .filter((t) => t.type === "paragraph_open" && t.level === paragraphOpen.level);
    if (paragraphs.length < 2) return;
    tokens[open]!.meta = { ...(tokens[open]!.meta ?? {}), attributed: true };
    token.meta = { ...(token.meta ?? {}), attributed: true };
    paragraphOpen.meta = { ...(paragraphOpen.meta ?? {}), caption: true };
    tokens[i - 1]!.meta = { ...(tokens[i - 1]!.meta ?? {}), caption: true };
  });
}

const renderer = createRenderer();

const RENDERINGS_KEPT = 64;

/**
 * Rendering is a pure function of the text, and a synthesis is read far more often than it is
 * edited: parsing it again on every uncached view cost more than the rest of the page. The
 * most recently used results are kept, keyed by the text itself, so an edit is never stale.
 * Callers get a shared value and must not mutate it.
 */
function keptByText<T>(render: (source: string) => T): (source: string) => T {
  const kept = new Map<string, T>();
  return (source) => {
    const found = kept.get(source);
    if (found !== undefined) {
      kept.delete(source);
      kept.set(source, found);
      return found;
    }
    const value = render(source);
    kept.set(source, value);
    if (kept.size > RENDERINGS_KEPT) kept.delete(kept.keys().next().value!);
    return value;
  };
}

/** Short texts (messages, notices): Markdown to safe HTML with French spacing. */
export const renderMarkdown = keptByText((source: string): string => renderer.render(frenchTypography(source)));

export type TocEntry = { id: string; text: string; level: 2 | 3 };

function inlineText(token: Token): string {
  return (token.children ?? [])
    .filter((child) => child.type === "text" || child.type === "code_inline")
    .map((child) => child.content)
    .join("");
}

/**
 * A synthesis body: headings get stable ids (for the table of contents and links), footnotes
 * get back-links, quotations keep their source, check lists their marks.
 */
export const renderArticle = keptByText((source: string): { html: string; toc: readonly TocEntry[] } => {
  const env = {};
  const tokens = renderer.parse(frenchTypography(source), env);
  const toc: TocEntry[] = [];
  const used = new Set<string>(["notes"]);
  tokens.forEach((token, i) => {
    if (token.type !== "heading_open" || (token.tag !== "h2" && token.tag !== "h3")) return;
    const text = inlineText(tokens[i + 1]!);
    let id = slugify(text, 60) || "section";
    for (let n = 2; used.has(id); n++) id = `${slugify(text, 60) || "section"}-${n}`;
    used.add(id);
    token.attrSet("id", id);
    toc.push({ id, text, level: token.tag === "h2" ? 2 : 3 });
  });
  return { html: renderer.renderer.render(tokens, renderer.options, env), toc };
});

/**
 * The words of a Markdown text without its syntax, for the search index. Blocks (headings,
 * paragraphs, list items, table cells) are joined by « · » unless the first ends a sentence, so
 * that a search snippet does not run a heading into the paragraph under it.
 */
export function markdownToText(source: string): string {
  const blocks: string[] = [];
  for (const token of renderer.parse(frenchTypography(source), {})) {
    const raw =
      token.type === "inline"
        ? (token.children ?? []).map(inlineWords).join("")
        : token.type === "code_block" || token.type === "fence"
          ? token.content
          : "";
    // Not \s: it would also collapse the non-breaking spaces of French punctuation.
    const text = raw
      .replace(/^\[[xX ]\]\s+/, "")
      .replace(/[ \t\r\n]+/g, " ")
      .trim();
    if (text !== "") blocks.push(text);
  }
  return blocks.reduce(
    (joined, block) => (joined === "" ? block : `${joined}${/[.!?…:;»)]$/.test(joined) ? " " : " · "}${block}`),
    "",
  );
}

/** What an inline token says in words: its text, an image's description, a line break as a space. */
function inlineWords(token: Token): string {
  if (token.type === "text" || token.type === "code_inline" || token.type === "image") return token.content;
  return token.type === "softbreak" || token.type === "hardbreak" ? " " : "";
}
