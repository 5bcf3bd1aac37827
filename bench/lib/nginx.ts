import { execSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startNginx, type Nginx } from "#tests/deploy/servers.ts";
import { selfSignedCertificate, tools } from "#tests/deploy/support.ts";
import type { Target } from "./load.ts";

/** Debian's nginx, installed as the deploy tests install it (root with apt-get) when it is missing. */
export function ensureNginx(): string | null {
  if (fs.existsSync(tools.nginx)) return null;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot && fs.existsSync("/usr/bin/apt-get")) {
    console.log("nginx is missing; installing Debian's nginx…");
    try {
      execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx", {
        stdio: "ignore",
      });
    } catch {
      // reported below
    }
    if (fs.existsSync(tools.nginx)) return null;
  }
  return `nginx is missing (${tools.nginx}): sudo apt-get install -y nginx, or NGINX_PATH=…`;
}

/** deploy/nginx/cts.conf, as the deploy tests run it, in front of the app on `appPort`. */
export async function productionProxy(
  dir: string,
  ports: { https: number; http: number; app: number },
): Promise<{ target: Target; nginx: Nginx }> {
  fs.mkdirSync(dir, { recursive: true });
  const certificate = selfSignedCertificate(dir);
  const nginx = await startNginx(path.join(dir, "nginx"), ports, certificate);
  return { target: { port: ports.https, tls: { ca: certificate.cert, servername: "localhost" } }, nginx };
}
