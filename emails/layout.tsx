import { Container } from "@react-email/container";
import { Hr } from "@react-email/hr";
import { Preview } from "@react-email/preview";
import type { CSSProperties, ReactNode } from "react";

// Email clients ignore stylesheets: styles are inline, and kept few.
const styles: Record<string, CSSProperties> = {
  body: { margin: 0, padding: 0, background: "#f4f6f9", fontFamily: "Arial, Helvetica, sans-serif", color: "#1b1f24" },
  card: { maxWidth: 600, background: "#ffffff", padding: "24px 28px", lineHeight: 1.5, fontSize: 16 },
  header: { fontWeight: "bold", color: "#1d4e89", fontSize: 14, letterSpacing: "0.05em", textTransform: "uppercase" },
  rule: { borderTop: "1px solid #d5dbe3", margin: "0" },
  footer: { maxWidth: 600, padding: "16px 28px", color: "#4a5360", fontSize: 13, lineHeight: 1.4 },
};

/** Why the person receives the message, said at its foot. */
export const FOOTERS = {
  registrant:
    "Vous recevez ce message parce que vous vous êtes inscrit·e à une coordination territoriale du SIAO\u00a095. Pour toute question, répondez simplement à ce message.",
  speaker:
    "Vous recevez ce message parce que vous avez proposé une contribution à une coordination territoriale du SIAO\u00a095, ou que la personne qui l’a proposée vous a cité·e comme co-intervenant·e. Pour toute question, répondez simplement à ce message.",
  organiser: "Vous recevez ce message parce que vous organisez les coordinations territoriales du SIAO\u00a095.",
  directory:
    "Vous recevez ce message parce que votre compte de l’Espace organisation gère le répertoire des dispositifs d’aller-vers du SIAO\u00a095.",
  account:
    "Vous recevez ce message parce qu’un compte de l’Espace organisation des coordinations territoriales du SIAO\u00a095 est à votre nom.",
} as const;

export type Footer = keyof typeof FOOTERS;

/** The frame around every message: the inbox preview line, the header, the body, the footer. */
export function EmailFrame(props: { subject: string; preview: string; footer: Footer; children: ReactNode }) {
  return (
    <html lang="fr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.subject}</title>
      </head>
      <body style={styles.body}>
        <Preview>{props.preview}</Preview>
        <Container style={styles.card}>
          <p style={styles.header}>Coordination territoriale semestrielle · SIAO&nbsp;95</p>
          {props.children}
        </Container>
        <Container style={styles.footer}>
          <Hr style={styles.rule} />
          <div style={{ paddingTop: 12 }}>{FOOTERS[props.footer]}</div>
        </Container>
      </body>
    </html>
  );
}
