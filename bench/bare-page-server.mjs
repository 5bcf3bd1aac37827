// The baseline of the page bench: node:http sending bytes it holds in memory, nothing else.
import fs from "node:fs";
import http from "node:http";

const [, , port, ...files] = process.argv;
const pages = new Map(
  files.map((file) => [
    `/${file
      .split("/")
      .at(-1)
      .replace(/\.html$/, "")}`,
    fs.readFileSync(file),
  ]),
);
http
  .createServer((req, res) => {
    const body = pages.get(req.url);
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": body.length });
    res.end(body);
  })
  .listen(Number(port), "127.0.0.1");
