import type { CSSProperties, ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { normaliseLineBreaks, singleLine } from "#app/lib/typography.ts";

export type RenderedEmail = { subject: string; html: string; text: string };

// Email clients ignore stylesheets: styles are inline, and kept few.
const styles: Record<string, CSSProperties> = {
  body: { margin: 0, padding: 0, background: "#f4f6f9", fontFamily: "Arial, Helvetica, sans-serif", color: "#1b1f24" },
  card: { maxWidth: 600, margin: "0 auto", background: "#ffffff", padding: "24px 28px", lineHeight: 1.5, fontSize: 16 },
  header: { fontWeight: "bold", color: "#1d4e89", fontSize: 14, letterSpacing: "0.05em", textTransform: "uppercase" },
  footer: { maxWidth: 600, margin: "0 auto", padding: "16px 28px", color: "#4a5360", fontSize: 13, lineHeight: 1.4 },
};

const REGISTRANT_FOOTER =
  "Vous recevez ce message parce que vous vous êtes inscrit·e à une coordination territoriale du SIAO\u00a095. Pour toute question, répondez simplement à ce message.";

/** Wraps a message body in the common HTML frame; `footer` says why the person receives it. */
export function renderEmail(input: {
  subject: string;
  preheader: string;
  body: ReactNode;
  text: string;
  footer?: string;
}): RenderedEmail {
  const footerText = input.footer ?? REGISTRANT_FOOTER;
  const markup = renderToStaticMarkup(
    <html lang="fr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{input.subject}</title>
      </head>
      <body style={styles.body}>
        <div style={{ display: "none", maxHeight: 0, overflow: "hidden" }}>{input.preheader}</div>
        <div style={styles.card}>
          <p style={styles.header}>Coordination territoriale semestrielle · SIAO&nbsp;95</p>
          {input.body}
        </div>
        <div style={styles.footer}>{footerText}</div>
      </body>
    </html>,
  );
  // Stored text may predate the normalisation of forms: no CR reaches the outbox.
  return {
    subject: singleLine(input.subject),
    html: normaliseLineBreaks(`<!DOCTYPE html>${markup}`),
    text: normaliseLineBreaks(`${input.text.trim()}\n\n—\n${footerText}\n`),
  };
}
