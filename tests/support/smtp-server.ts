import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll } from "vitest";
import { smtpTransport } from "#app/lib/mailer.server.ts";
import { ctx } from "./fixtures.ts";

export type ReceivedMail = { envelopeTo: string[]; mail: ParsedMail; raw: string };

/**
 * A real SMTP server on localhost (on `port`, or any free one) that keeps every message it accepts,
 * parsed by mailparser; setting `state.refuse` makes it answer every recipient with a temporary error.
 */
export function startSmtpServer(port = 0) {
  const received: ReceivedMail[] = [];
  const state = { refuse: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (state.refuse) {
        const error = new Error("Mailbox temporarily unavailable") as Error & { responseCode: number };
        error.responseCode = 451;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", async () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        received.push({
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          mail: await simpleParser(raw),
          raw,
        });
        callback();
      });
    },
  });
  // A client that goes away mid-conversation (a worker closing its pool, a test ending) is not a
  // failure of the test that owns this server; anything else still is.
  server.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "ECONNRESET" && error.code !== "EPIPE") throw error;
  });
  return new Promise<{ port: number; received: ReceivedMail[]; state: typeof state; close: () => Promise<void> }>(
    (resolve) => {
      server.listen(port, "127.0.0.1", () => {
        resolve({
          port: (server.server.address() as AddressInfo).port,
          received,
          state,
          close: () => new Promise((done) => server.close(() => done())),
        });
      });
    },
  );
}

/** The text/calendar part of a received message, or null. */
export function calendarPart(mail: ParsedMail): string | null {
  const calendar = mail.attachments.find((a) => a.contentType.startsWith("text/calendar"));
  return calendar ? calendar.content.toString("utf8") : null;
}

/** A capturing SMTP server for a whole test file, and the app's transport to it; both closed after the file. */
export async function smtpForFile(from = "CTS – SIAO 95 <cts@siao95.example>") {
  const smtp = await startSmtpServer();
  const transport = smtpTransport(`smtp://127.0.0.1:${smtp.port}`, from, ctx.appUrl);
  afterAll(async () => {
    transport.close();
    await smtp.close();
  });
  return { ...smtp, transport };
}
