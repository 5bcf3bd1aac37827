// The baseline of the registration burst: node:http and one better-sqlite3 insert per request,
// with the same pragmas as the app and nothing else (no validation, no capacity rule, no email).
import http from "node:http";
import Database from "better-sqlite3";

const [file, portText] = process.argv.slice(2);
const db = new Database(file);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
db.exec(
  "create table if not exists bare (id integer primary key, email text not null, first_name text, last_name text)",
);
const insert = db.prepare("insert into bare (email, first_name, last_name) values (?, ?, ?)");

http
  .createServer((req, res) => {
    if (req.method !== "POST") {
      res.writeHead(200).end("ok");
      return;
    }
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      const { lastInsertRowid } = insert.run(form.get("email"), form.get("firstName"), form.get("lastName"));
      res.writeHead(302, { Location: `/done/${lastInsertRowid}` }).end();
    });
  })
  .listen(Number(portText), "127.0.0.1");
