import { convert, type FormatCallback, type HtmlToTextOptions } from "html-to-text";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { normaliseLineBreaks, singleLine } from "#app/lib/typography.ts";
import { fr, NBSP } from "./components.tsx";
import { EmailFrame, type Footer } from "./layout.tsx";

export type RenderedEmail = { subject: string; html: string; text: string };

/**
 * An email written once: its subject and inbox preview as text, its body as React. Props are
 * plain data (strings, numbers, booleans, Dates, arrays and objects of them), so that a stored
 * name and props are enough to render it again anywhere.
 */
export type EmailTemplate<Props> = {
  footer: Footer;
  subject: (props: Props) => string;
  preview: (props: Props) => string;
  Body: (props: Props) => ReactNode;
};

export function defineEmail<Props extends object>(template: EmailTemplate<Props>): EmailTemplate<Props> {
  return template;
}

/** The subject alone: cheap enough to write when the email is queued, before anything is rendered. */
export function renderSubject<Props extends object>(template: EmailTemplate<Props>, props: Props): string {
  // A subject is a header: one line, whatever the titles and names it quotes hold.
  return singleLine(fr(template.subject(props)));
}

export function renderEmail<Props extends object>(template: EmailTemplate<Props>, props: Props): RenderedEmail {
  const subject = renderSubject(template, props);
  const { Body } = template;
  const markup = renderToStaticMarkup(
    <EmailFrame subject={subject} preview={fr(template.preview(props))} footer={template.footer}>
      <Body {...props} />
    </EmailFrame>,
  );
  // Stored text may predate the normalisation of forms: no CR reaches the outbox.
  const html = normaliseLineBreaks(`<!DOCTYPE html>${markup}`);
  return { subject, html, text: toPlainText(html) };
}

/** A call to action reads « Label : » and then its address, alone on its line where any client makes it a link. */
const callToAction: FormatCallback = (elem, walk, builder) => {
  builder.openBlock({ leadingLineBreaks: 2 });
  walk(elem.children, builder);
  builder.addInline(`${NBSP}:`, { noWordTransform: true });
  builder.addLineBreak();
  builder.addInline(String(elem.attribs?.href ?? ""), { noWordTransform: true });
  builder.closeBlock({ trailingLineBreaks: 2 });
};

/** The rule above the footer: a dash on its own line, as plain-text signatures have it. */
const rule: FormatCallback = (_elem, _walk, builder) => {
  builder.openBlock({ leadingLineBreaks: 2 });
  builder.addInline("—", { noWordTransform: true });
  builder.closeBlock({ trailingLineBreaks: 1 });
};

const TEXT_OPTIONS: HtmlToTextOptions = {
  // Lines are as long as the sentences: mail clients wrap, and a wrapped URL stops working.
  wordwrap: false,
  formatters: { callToAction, rule },
  selectors: [
    { selector: "[data-skip-in-text=true]", format: "skip" },
    { selector: "img", format: "skip" },
    { selector: "a", options: { hideLinkHrefIfSameAsText: true, linkBrackets: ["(", ")"] } },
    { selector: "a[data-call-to-action=true]", format: "callToAction" },
    { selector: "hr", format: "rule" },
    { selector: "ul", options: { itemPrefix: "- " } },
    // Quoted words read as paragraphs: « > » marks a reply in plain-text mail, which these are not.
    { selector: "blockquote", format: "block", options: { leadingLineBreaks: 2, trailingLineBreaks: 2 } },
    ...(["h1", "h2", "h3", "h4", "h5", "h6"] as const).map((selector) => ({
      selector,
      options: { uppercase: false, leadingLineBreaks: 2, trailingLineBreaks: 2 },
    })),
  ],
};

/** The plain-text part, derived from the HTML: never written by hand, so never out of step with it. */
export function toPlainText(html: string): string {
  return `${normaliseLineBreaks(convert(html, TEXT_OPTIONS)).trim()}\n`;
}
