import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { parseWithZod } from "@conform-to/zod/v4";
import express from "express";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostileBody, KNOWN_KILLERS, type HostileBody } from "#tests/support/hostile-bodies.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cts-form-body-"));
process.env.DATABASE_PATH = path.join(dir, "cts.db");
process.env.UPLOAD_MAX_BYTES = String(1024 * 1024);

const { acceptableFieldName, bufferedBody, checkFormBody, guardFormBodies, FORM_SHAPE } =
  await import("#app/server/form-body.ts");
const { contributionSchema } = await import("#app/forms/contribution.ts");

async function readAll(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe("field names the forms could have written", () => {
  it("takes the app's own names", () => {
    for (const name of [
      "email",
      "coSpeakers[0].name",
      "coSpeakers[5].organisation",
      "scores.s12",
      "themeIds",
      "__intent__",
      "",
      "siteWeb",
    ]) {
      expect(acceptableFieldName(name), name).toBe(true);
    }
  });

  it("refuses huge indexes, deep nesting, prototype keys and stray brackets", () => {
    for (const name of [
      "x[99999999]",
      `x[${FORM_SHAPE.maxIndex + 1}]`,
      "x[-1]",
      "x[abc]",
      `a${"[0]".repeat(FORM_SHAPE.maxDepth + 1)}`,
      `a${".b".repeat(FORM_SHAPE.maxDepth + 1)}`,
      "__proto__",
      "a.__proto__.b",
      "constructor[prototype]",
      "a[",
      "a]",
      "n".repeat(FORM_SHAPE.maxNameLength + 1),
    ]) {
      expect(acceptableFieldName(name), name).toBe(false);
    }
  });
});

describe("whole bodies", () => {
  it("refuses multipart bodies the platform parser cannot read, with a French 400", async () => {
    const duplicated = Buffer.from(
      '--b\r\nContent-Disposition: form-data; name="f"; filename="a"; filename="b"\r\n\r\nx\r\n--b--\r\n',
    );
    expect(await checkFormBody(duplicated, "multipart/form-data; boundary=b")).toMatchObject({ status: 400 });
    expect(await checkFormBody(Buffer.from("--b\r\n"), "multipart/form-data")).toMatchObject({ status: 400 });
    expect(
      await checkFormBody(
        Buffer.from('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n--b--\r\n'),
        "multipart/form-data; boundary=c",
      ),
    ).toMatchObject({
      status: 400,
    });
    const good = Buffer.from(
      '--b\r\nContent-Disposition: form-data; name="coSpeakers[1].name"\r\n\r\nAwa\r\n--b--\r\n',
    );
    expect(await checkFormBody(good, "multipart/form-data; boundary=b")).toBeNull();
  });

  it("counts fields before parsing them", async () => {
    const many = Buffer.from(Array.from({ length: FORM_SHAPE.maxFields + 1 }, (_, i) => `f=${i}`).join("&"));
    expect((await checkFormBody(many, "application/x-www-form-urlencoded"))?.message).toContain("trop de champs");
    const enough = Buffer.from(Array.from({ length: FORM_SHAPE.maxFields - 1 }, (_, i) => `f=${i}`).join("&"));
    expect(await checkFormBody(enough, "application/x-www-form-urlencoded")).toBeNull();
  });
});

describe("the guard in front of a form parser", () => {
  let base = "";
  let server: ReturnType<express.Express["listen"]>;
  beforeAll(async () => {
    const app = express();
    app.use(guardFormBodies);
    // What every action does after the guard: the platform's form parser, then Conform and zod.
    app.post("/form", async (req, res) => {
      // Without the guard, the route would read the socket itself.
      const body = bufferedBody(req) ?? (await readAll(req));
      const request = new Request("http://app.test/form", {
        method: "POST",
        headers: {
          "Content-Type": body.length > 0 ? (req.get("Content-Type") ?? "") : "application/x-www-form-urlencoded",
        },
        body: new Uint8Array(body),
      });
      const submission = parseWithZod(await request.formData(), { schema: contributionSchema });
      res.status(submission.status === "success" ? 200 : 400).end();
    });
    app.get("/healthz", (_req, res) => res.status(200).send("ok"));
    app.use((_error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) =>
      res.status(500).end(),
    );
    server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const send = async (hostile: HostileBody) => {
    const headers: Record<string, string> = {};
    if (hostile.contentType !== null) headers["Content-Type"] = hostile.contentType;
    const response = await fetch(`${base}/form`, {
      method: "POST",
      headers,
      body: hostile.body as Uint8Array<ArrayBuffer>,
    });
    return { status: response.status, text: await response.text() };
  };

  it("answers the bodies that used to crash the process with a French 4xx", async () => {
    for (const killer of KNOWN_KILLERS) {
      const { status, text } = await send(killer);
      expect(status, killer.label).toBeGreaterThanOrEqual(400);
      expect(status, killer.label).toBeLessThan(500);
      expect(text, killer.label).toMatch(/^Envoi refusé/);
    }
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it("never answers a generated body with a 5xx, and keeps answering", async () => {
    let tried = 0;
    await fc.assert(
      fc.asyncProperty(hostileBody, async (hostile) => {
        tried++;
        const { status } = await send(hostile);
        return status >= 200 && status < 500;
      }),
      { numRuns: 300 },
    );
    expect(tried).toBeGreaterThanOrEqual(300);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
