// Starts the web app: `node server.js` serves the production build, `node server.js --dev`
// runs Vite in middleware mode with hot reload.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import compression from "compression";
import express from "express";

process.chdir(path.dirname(fileURLToPath(import.meta.url)));
const dev = process.argv.includes("--dev");

const server = express();
server.disable("x-powered-by");
server.use(compression());

let appModule;
if (dev) {
  const vite = await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } }));
  server.use(vite.middlewares);
  appModule = await vite.ssrLoadModule("./app/server/app.ts");
  server.use(appModule.securityHeaders({ withCsp: false }));
  server.use(async (req, res, next) => {
    try {
      const fresh = await vite.ssrLoadModule("./app/server/app.ts");
      fresh.createApp()(req, res, next);
    } catch (error) {
      vite.ssrFixStacktrace(error);
      next(error);
    }
  });
} else {
  appModule = await import("./build/server/index.js");
  server.use(appModule.securityHeaders({ withCsp: true }));
  server.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y", index: false }));
  // Root files (favicon, robots.txt…) by name only: a static lookup on every page would cost a
  // file-system call per request.
  const rootFiles = new Set(fs.readdirSync("build/client").filter((name) => name.includes(".")));
  const rootStatic = express.static("build/client", { maxAge: "1h", index: false });
  server.use((req, res, next) => (rootFiles.has(req.path.slice(1)) ? rootStatic(req, res, next) : next()));
  server.use(appModule.createApp());
}

const { port } = appModule.prepare();
// Stored public pages skip Express altogether: they are bytes in memory with their headers.
let stopping = false;
const listener = http
  .createServer((req, res) => {
    // While stopping, a kept-alive connection is closed after its current answer: a client that
    // keeps sending would otherwise hold the server open until the forced stop.
    if (stopping) res.setHeader("Connection", "close");
    if (!dev && appModule.serveFromPageCache(req, res)) return;
    server(req, res);
  })
  .listen(port, () => {
    console.log(`CTS platform listening on http://localhost:${port}`);
    appModule.onListening?.(dev ? {} : { mailThread: new URL("./build/mail-thread/index.js", import.meta.url) });
  });

// Graceful stop: no new connections, requests in flight finish, the mail worker finishes the
// message it is sending, then the database is closed (which checkpoints its WAL).
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => {
    stopping = true;
    listener.close(() => {
      Promise.resolve(appModule.shutdown?.()).then(
        () => process.exit(0),
        (error) => {
          console.error(error);
          process.exit(1);
        },
      );
    });
    // Idle keep-alive connections would otherwise hold the server open until they time out.
    listener.closeIdleConnections();
    setTimeout(() => {
      console.error("Arrêt forcé : des requêtes n’ont pas fini à temps.");
      process.exit(1);
    }, 15_000).unref();
  });
}
