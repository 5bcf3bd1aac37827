// deploy/nginx/cts.conf in a real nginx, in front of the built app started as cts.service starts
// it: TLS, HTTP/2, the forwarded client address, body limits and nginx's own French pages.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import http2 from "node:http2";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { requireBuild, seedDatabase, startApp, startNginx, type App, type Nginx, type SitePorts } from "./servers.ts";
import {
  freePort,
  multipart,
  parseEnvFile,
  readRepoFile,
  repoRoot,
  request,
  selfSignedCertificate,
  tempDir,
  type Answer,
} from "./support.ts";

const MiB = 1024 * 1024;
const RATE_LIMIT = 3;
const DEMO = { email: "demo@siao95.example", password: "demo-cts-95-2025" };
const APP_TOO_LARGE_FILE = "Envoi refusé\u00a0: le fichier dépasse la taille autorisée (25\u00a0Mo).";
const APP_TOO_LARGE_FORM = "Envoi refusé\u00a0: le formulaire dépasse la taille autorisée.";
const NGINX_TOO_LARGE = "Envoi refusé\u00a0: la requête dépasse la taille autorisée.\n";

let dir: string;
let certificate: ReturnType<typeof selfSignedCertificate>;
let ports: SitePorts;
let app: App;
let nginx: Nginx;
let controlDatabasePath: string;
let edition: { id: number; slug: string };

const origin = (port: number) => `https://localhost:${port}`;
const viaNginx = (options: Omit<Parameters<typeof request>[0], "port" | "ca">) =>
  request({ ...options, port: ports.https, ca: certificate.cert });

/** What to print when an answer is not the expected one. */
function explain(answer: Answer): string {
  return `${answer.status} ${answer.text.slice(0, 400)}\n--- app:\n${app.output().slice(-2000)}`;
}

/** Established IPv4 connections whose remote end is `port` on this machine (Linux). */
function establishedConnectionsTo(port: number): number {
  return fs
    .readFileSync("/proc/net/tcp", "utf8")
    .split("\n")
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[3] === "01" && parseInt(fields[2]?.split(":")[1] ?? "", 16) === port).length;
}

async function login(): Promise<string> {
  const answer = await viaNginx({
    path: "/admin/connexion",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin(ports.https) },
    body: new URLSearchParams(DEMO).toString(),
  });
  expect(answer.status, explain(answer)).toBe(302);
  const cookie = [answer.headers["set-cookie"] ?? []].flat().find((line) => line.startsWith("__Host-cts_session="));
  expect(cookie, String(answer.headers["set-cookie"])).toBeDefined();
  return cookie!;
}

function askLostLink(port: number, from: string, headers: Record<string, string> = {}) {
  return request({
    port,
    ca: certificate.cert,
    path: `/editions/${edition.slug}/inscription/lien`,
    localAddress: from,
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: "email=personne%40example.org",
  });
}

beforeAll(async () => {
  requireBuild();
  dir = tempDir("nginx");
  certificate = selfSignedCertificate(dir);
  ports = { https: await freePort(), http: await freePort(), app: await freePort() };
  fs.mkdirSync(path.join(dir, "data"));
  const databasePath = seedDatabase(path.join(dir, "data"));
  // The app that does not trust the proxy gets its own copy, taken before the other one writes
  // (the seed has closed the database, so the file holds everything).
  fs.mkdirSync(path.join(dir, "control-data"));
  controlDatabasePath = path.join(dir, "control-data/cts.db");
  fs.copyFileSync(databasePath, controlDatabasePath);
  const db = new Database(databasePath, { readonly: true });
  edition = db
    .prepare("select id, slug from editions where status = 'published' order by id limit 1")
    .get() as typeof edition;
  db.close();
  app = await startApp({
    port: ports.app,
    databasePath,
    overrides: { APP_URL: origin(ports.https), PUBLIC_FORM_RATE_LIMIT: String(RATE_LIMIT) },
  });
  nginx = await startNginx(path.join(dir, "nginx"), ports, certificate);
}, 120_000);

afterAll(async () => {
  await nginx?.stop();
  await app?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the site file", () => {
  test("nginx -t accepts it as shipped, without warnings", () => {
    expect(nginx.configTest).toContain("test is successful");
    const warnings = nginx.configTest
      .split("\n")
      .filter((line) => /\[(warn|error|crit|alert|emerg)\]/.test(line))
      // nginx 1.25.1+ prefers "http2 on;", which nginx 1.22 (Debian 12) does not know.
      .filter((line) => !/"listen \.\.\. http2" directive is deprecated/.test(line));
    expect(warnings).toEqual([]);
  });

  test("its upload location takes exactly the paths the app treats as uploads", () => {
    const literal = /const UPLOAD_PATHS = \/(.+)\/i;/.exec(readRepoFile("app/server/form-body.ts"))?.[1];
    // Case-insensitive on both sides (`~*`, `/i`), as route matching is.
    const site = /location ~\* "(.+)" \{/.exec(readRepoFile("deploy/nginx/cts.conf"))?.[1];
    expect(literal).toBeDefined();
    // A JavaScript literal escapes its slashes; nginx's PCRE pattern has no need to.
    expect(site).toBe(literal!.replaceAll("\\/", "/"));
  });

  test("its upstream is the app's port in the example settings", () => {
    const port = parseEnvFile(readRepoFile("deploy/cts.env.example"))["PORT"];
    expect(readRepoFile("deploy/nginx/cts.conf")).toContain(`server 127.0.0.1:${port};`);
  });
});

describe("TLS and static files", () => {
  test("plain HTTP is redirected to HTTPS, except Let's Encrypt's challenges", async () => {
    const redirected = await request({ port: ports.http, path: "/editions?annee=2025" });
    expect(redirected.status).toBe(301);
    expect(redirected.headers.location).toBe("https://localhost/editions?annee=2025");

    const challenges = path.join(dir, "nginx/acme/.well-known/acme-challenge");
    fs.mkdirSync(challenges, { recursive: true });
    fs.writeFileSync(path.join(challenges, "jeton"), "preuve");
    const challenge = await request({ port: ports.http, path: "/.well-known/acme-challenge/jeton" });
    expect(challenge.status).toBe(200);
    expect(challenge.text).toBe("preuve");
  });

  test("HTTPS speaks HTTP/2, carries the app's HSTS and hides nginx's version", async () => {
    const session = http2.connect(`https://127.0.0.1:${ports.https}`, {
      ca: certificate.cert,
      servername: "localhost",
    });
    try {
      const headers = await new Promise<http2.IncomingHttpHeaders>((resolve, reject) => {
        session.on("error", reject);
        const stream = session.request({ ":path": "/", ":authority": `localhost:${ports.https}` });
        stream.on("response", (received) => {
          resolve(received);
          stream.close();
        });
        stream.on("error", reject);
      });
      expect(session.alpnProtocol).toBe("h2");
      expect(headers[":status"]).toBe(200);
      expect(headers["strict-transport-security"]).toMatch(/^max-age=\d+/);
      expect(headers["server"]).toBe("nginx");
    } finally {
      session.close();
    }
  });

  test("hashed assets come from the build, cached for a year as immutable", async () => {
    const page = await viaNginx({ path: "/admin/connexion" });
    const asset = /\/assets\/[\w.-]+\.js/.exec(page.text)?.[0];
    expect(asset, page.text.slice(0, 400)).toBeDefined();
    const answer = await viaNginx({ path: asset!, headers: { "Accept-Encoding": "identity" } });
    expect(answer.status).toBe(200);
    expect(answer.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(answer.headers["content-type"]).toMatch(/javascript/);
    expect(answer.body.equals(fs.readFileSync(path.join(repoRoot, "build/client", asset!)))).toBe(true);

    const missing = await viaNginx({ path: "/assets/absent-00000000.js" });
    expect(missing.status).toBe(404);
    expect(missing.headers["cache-control"]).toBeUndefined();
  });
});

describe("the app behind nginx", () => {
  test("logging in gives a Secure __Host- cookie that works through nginx, with HSTS", async () => {
    const cookie = await login();
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; Path=\//i);
    expect(cookie).not.toMatch(/; Domain=/i);

    const home = await viaNginx({ path: "/admin", headers: { Cookie: cookie.split(";")[0]! } });
    expect(home.status, explain(home)).toBe(200);
    expect(home.headers["strict-transport-security"]).toMatch(/^max-age=\d+/);
  });

  test("the app sees each client's own address: one client at its limit leaves the others alone", async () => {
    const browser = { Origin: origin(ports.https), "Sec-Fetch-Site": "same-origin" };
    for (let i = 0; i < RATE_LIMIT; i++) {
      const accepted = await askLostLink(ports.https, "127.0.0.2", browser);
      expect(accepted.status, explain(accepted)).toBe(303);
    }
    const refused = await askLostLink(ports.https, "127.0.0.2", browser);
    expect(refused.status, explain(refused)).toBe(429);
    expect(refused.text).toContain("Trop d’envois depuis votre connexion");
    // A client cannot pass for another by sending its own X-Forwarded-For.
    const forged = await askLostLink(ports.https, "127.0.0.2", { ...browser, "X-Forwarded-For": "203.0.113.9" });
    expect(forged.status, explain(forged)).toBe(429);

    const other = await askLostLink(ports.https, "127.0.0.3", browser);
    expect(other.status, explain(other)).toBe(303);
  });

  test("without TRUST_PROXY, all clients would share nginx's address, and browsers' forms would fail", async () => {
    const control: SitePorts = { https: await freePort(), http: await freePort(), app: await freePort() };
    const controlApp = await startApp({
      port: control.app,
      databasePath: controlDatabasePath,
      overrides: { APP_URL: origin(control.https), PUBLIC_FORM_RATE_LIMIT: String(RATE_LIMIT), TRUST_PROXY: undefined },
    });
    const controlNginx = await startNginx(path.join(dir, "control-nginx"), control, certificate);
    try {
      // The app believes it is served over http, so React Router refuses an https Origin.
      const fromBrowser = await askLostLink(control.https, "127.0.0.2", { Origin: origin(control.https) });
      expect(fromBrowser.status).toBe(400);

      for (let i = 0; i < RATE_LIMIT; i++) {
        const accepted = await askLostLink(control.https, "127.0.0.2");
        expect(accepted.status, `${accepted.status} ${controlApp.output()}`).toBe(303);
      }
      const other = await askLostLink(control.https, "127.0.0.3");
      expect(other.status).toBe(429);
    } finally {
      await controlNginx.stop();
      await controlApp.stop();
    }
  });

  test("nginx reuses kept-alive connections to the app", async () => {
    for (let i = 0; i < 5; i++) {
      const answer = await viaNginx({ path: `/editions/${edition.slug}` });
      expect(answer.status).toBe(200);
    }
    // Sequential requests through a pool: one connection, still open (idle) after the last.
    expect(establishedConnectionsTo(ports.app)).toBe(1);
  });
});

describe("uploads", () => {
  async function upload(cookie: string, size: number) {
    const content = Buffer.concat([Buffer.from("%PDF-1.4\n"), randomBytes(size)]);
    const form = multipart(
      { intent: "upload-attachment", title: "Diaporama de la table ronde", kind: "slides" },
      { field: "file", name: "diaporama.pdf", type: "application/pdf", content },
    );
    const answer = await viaNginx({
      path: `/admin/editions/${edition.id}/documents`,
      headers: { Cookie: cookie.split(";")[0]!, Origin: origin(ports.https), "Content-Type": form.contentType },
      body: form.body,
    });
    return { answer, content };
  }

  test("a 20 MB document goes through nginx and is stored intact by the app", async () => {
    const { answer, content } = await upload(await login(), 20 * MiB);
    expect(answer.status, explain(answer)).toBe(303);
    const id = /#document-(\d+)$/.exec(String(answer.headers.location))?.[1];
    expect(id, String(answer.headers.location)).toBeDefined();
    const db = new Database(path.join(dir, "data/cts.db"), { readonly: true });
    const stored = db.prepare("select size, sha256 from attachments where id = ?").get(Number(id)) as {
      size: number;
      sha256: string;
    };
    db.close();
    expect(stored.size).toBe(content.length);
    expect(stored.sha256).toBe(createHash("sha256").update(content).digest("hex"));
  });

  test("a 30 MB document reaches the app, which refuses it in its own words", async () => {
    const { answer } = await upload(await login(), 30 * MiB);
    expect(answer.status).toBe(413);
    expect(answer.text).toBe(APP_TOO_LARGE_FILE);
  });

  test("beyond its own limits (32 MB for uploads, 1 MB elsewhere) nginx refuses in French", async () => {
    const start = Buffer.alloc(64 * 1024, "a");
    const hugeUpload = await viaNginx({
      path: `/admin/editions/${edition.id}/documents`,
      headers: { "Content-Type": "multipart/form-data; boundary=x" },
      body: start,
      declaredLength: 40 * MiB,
    });
    expect(hugeUpload.status).toBe(413);
    expect(hugeUpload.text).toBe(NGINX_TOO_LARGE);

    const lostLink = `/editions/${edition.slug}/inscription/lien`;
    const form = { "Content-Type": "application/x-www-form-urlencoded" };
    const bigForm = await viaNginx({ path: lostLink, headers: form, body: Buffer.alloc(600 * 1024, "a") });
    expect(bigForm.status).toBe(413);
    expect(bigForm.text).toBe(APP_TOO_LARGE_FORM);
    const hugeForm = await viaNginx({ path: lostLink, headers: form, body: start, declaredLength: 2 * MiB });
    expect(hugeForm.status).toBe(413);
    expect(hugeForm.text).toBe(NGINX_TOO_LARGE);
  });
});

describe("when the app is down", () => {
  test("nginx answers 503 in French, with Retry-After", async () => {
    await app.stop();
    const answer = await viaNginx({ path: "/" });
    expect(answer.status).toBe(503);
    expect(answer.headers["retry-after"]).toBe("30");
    expect(answer.text).toBe("Le site est momentanément indisponible. Réessayez dans quelques instants.\n");
  });
});
