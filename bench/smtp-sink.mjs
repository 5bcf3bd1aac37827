// A local SMTP server that only counts messages, in its own process so that receiving the
// burst's emails never delays the load generator's clock. Talks to its parent over IPC.
import { SMTPServer } from "smtp-server";

let delivered = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, _session, callback) {
    stream.resume();
    stream.on("end", () => {
      delivered++;
      callback();
    });
  },
});
server.listen(0, "127.0.0.1", () => process.send({ port: server.server.address().port }));
process.on("message", (message) => {
  if (message === "count") process.send({ delivered });
  if (message === "stop") server.close(() => process.exit(0));
});
