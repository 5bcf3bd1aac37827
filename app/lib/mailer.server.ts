import fs from "node:fs";
import path from "node:path";
import nodemailer, { type SendMailOptions } from "nodemailer";
import { dataFolderOf, type Db } from "./db.server.ts";
import type { Env } from "./env.server.ts";
import { normaliseLineBreaks, singleLine } from "./typography.ts";
import { namesInFolder } from "./files.server.ts";

export type OutgoingEmail = {
  id: number;
  toAddress: string;
  toName: string | null;
  subject: string;
  html: string;
  text: string;
  ics: string | null;
  icsMethod: string | null;
};

export interface MailTransport {
  /** Hands the message over; resolves with the Message-ID once the server (or the mailbox) accepted it. */
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
  close(): void;
}

/** A stable Message-ID per outbox row: a resend after a crash is recognisable as the same message. */
export function messageIdFor(email: { id: number }, appUrl: string): string {
  return `<cts-email-${email.id}@${new URL(appUrl).hostname}>`;
}

/**
 * Every email leaves through here. nodemailer encodes headers, but rows written before forms
 * normalised line breaks may still carry a CR: the name and subject are put on one line, and
 * the bodies get LF line breaks, whatever the row holds.
 */
function toMailOptions(email: OutgoingEmail, from: string, appUrl: string): SendMailOptions {
  const name = email.toName ? singleLine(email.toName) : "";
  return {
    from,
    to: name ? { name, address: email.toAddress } : email.toAddress,
    subject: singleLine(email.subject),
    text: normaliseLineBreaks(email.text),
    html: normaliseLineBreaks(email.html),
    messageId: messageIdFor(email, appUrl),
    headers: { "Auto-Submitted": "auto-generated", "Content-Language": "fr" },
    ...(email.ics && email.icsMethod
      ? { icalEvent: { method: email.icsMethod, filename: "invitation.ics", content: email.ics } }
      : {}),
  };
}

/** Sends through the SMTP server of `SMTP_URL` (pooled connections). */
export function smtpTransport(smtpUrl: string, from: string, appUrl: string): MailTransport {
  const url = new URL(smtpUrl);
  if (!url.searchParams.has("pool")) url.searchParams.set("pool", "true");
  // Every wait is bounded well under the outbox lease (60 s), so a stuck server cannot make a
  // message look abandoned while it is still being sent.
  for (const [key, value] of [
    ["connectionTimeout", "10000"],
    ["greetingTimeout", "10000"],
    ["socketTimeout", "20000"],
  ] as const) {
    if (!url.searchParams.has(key)) url.searchParams.set(key, value);
  }
  const transporter = nodemailer.createTransport(url.toString());
  return {
    async send(email) {
      const info = await transporter.sendMail(toMailOptions(email, from, appUrl));
      return { messageId: info.messageId ?? messageIdFor(email, appUrl) };
    },
    close: () => transporter.close(),
  };
}

/** Without SMTP: each message is written as a .eml file under the data folder, and shown in the back-office. */
export function mailboxTransport(folder: string, from: string, appUrl: string): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    async send(email) {
      const info = await transporter.sendMail(toMailOptions(email, from, appUrl));
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(capturedEmailFile(folder, email.id), info.message as Buffer);
      return { messageId: messageIdFor(email, appUrl) };
    },
    close() {},
  };
}

export function mailboxFolder(env: Pick<Env, "dataDir">): string {
  return path.join(env.dataDir, "mailbox");
}

/** The mailbox folder beside this database: the same as `mailboxFolder(env)` for the app's own. */
export function mailboxOf(db: Db): string | null {
  const dataFolder = dataFolderOf(db);
  return dataFolder ? mailboxFolder({ dataDir: dataFolder }) : null;
}

export function capturedEmailFile(folder: string, emailId: number): string {
  return path.join(folder, `${String(emailId).padStart(6, "0")}.eml`);
}

const CAPTURED_NAME = /^(\d+)\.eml$/;

/** Removes the captured copies of these outbox rows, wherever they are missing already. */
export function forgetCapturedEmails(folder: string, emailIds: Iterable<number>): number {
  let removed = 0;
  for (const id of emailIds) {
    try {
      fs.unlinkSync(capturedEmailFile(folder, id));
      removed++;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  return removed;
}

/** The outbox ids of every captured email in the folder (none when it does not exist). */
export function capturedEmailIds(folder: string): number[] {
  const names = namesInFolder(folder);
  return names.flatMap((name) => {
    const match = CAPTURED_NAME.exec(name);
    return match ? [Number(match[1])] : [];
  });
}

export function transportFromEnv(env: Env): MailTransport {
  return env.smtpUrl
    ? smtpTransport(env.smtpUrl, env.mailFrom, env.appUrl)
    : mailboxTransport(mailboxFolder(env), env.mailFrom, env.appUrl);
}
