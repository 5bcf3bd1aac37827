import fc from "fast-check";

/** One request body as a client may send it, with the headers that describe it. */
export type HostileBody = { label: string; contentType: string | null; body: Uint8Array };

const text = new TextEncoder();

function urlencoded(pairs: Array<[string, string]>): string {
  return pairs.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join("&");
}

/** Field names as an attacker writes them: huge indexes, deep brackets, prototype keys, junk. */
export const hostileName: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    "email",
    "password",
    "firstName",
    "coSpeakers[0].name",
    "scores.s1",
    "themeIds",
    "intent",
    "__intent__",
  ),
  fc.nat({ max: 2 ** 31 - 1 }).map((index) => `x[${index}]`),
  fc.constantFrom(99_999_999, 1_000_000, 100, 99, 4_294_967_295).map((index) => `coSpeakers[${index}].name`),
  fc.integer({ min: 1, max: 4_000 }).map((depth) => `a${"[0]".repeat(depth)}`),
  fc.integer({ min: 1, max: 4_000 }).map((depth) => `a${"[b]".repeat(depth)}`),
  fc.integer({ min: 1, max: 4_000 }).map((depth) => `a${".b".repeat(depth)}`),
  fc.constantFrom(
    "__proto__[polluted]",
    "constructor.prototype.polluted",
    "a[__proto__]",
    "[",
    "]",
    "a[",
    "a]]",
    "[[]]",
    ".",
    "a..b",
    "a[-1]",
    "a[1e9]",
  ),
  fc.integer({ min: 200, max: 20_000 }).map((length) => "n".repeat(length)),
  fc.string({ unit: "binary", maxLength: 20 }),
);

export const hostileValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.constantFrom(
    "",
    "<script>alert(1)</script>",
    'x":mailto:evil@evil.example;X="y',
    "ligne\rX-INJECT:1",
    "a\u0000b",
    "\u202e\u200bcontrôle",
    "' OR 1=1 --",
    "demo@siao95.example",
    "oui",
    '{"type":"insert","payload":{"name":"coSpeakers","index":99999999}}',
    '{"type":"remove","payload":{"name":"x[99999999]","index":0}}',
    '{"type":"reorder","payload":{"name":"coSpeakers","from":0,"to":4294967295}}',
    '{"type":"update","payload":{"name":"a","value":{}}}',
    "{not json",
  ),
  fc.integer({ min: 10, max: 5_000 }).map((depth) => `${"[".repeat(depth)}${"]".repeat(depth)}`),
  fc
    .integer({ min: 10, max: 5_000 })
    .map((depth) => `{"type":"update","payload":{"name":"a","value":${'{"a":'.repeat(depth)}1${"}".repeat(depth)}}}`),
  fc.integer({ min: 1_000, max: 300_000 }).map((length) => "v".repeat(length)),
);

const urlencodedBody: fc.Arbitrary<HostileBody> = fc
  .array(fc.tuple(hostileName, hostileValue), { minLength: 1, maxLength: 12 })
  .map((pairs) => ({
    label: "urlencoded",
    contentType: "application/x-www-form-urlencoded",
    body: text.encode(urlencoded(pairs)),
  }));

const manyFields: fc.Arbitrary<HostileBody> = fc.integer({ min: 400, max: 20_000 }).map((count) => ({
  label: `${count} fields`,
  contentType: "application/x-www-form-urlencoded",
  body: text.encode(Array.from({ length: count }, (_, i) => `f${i % 7}=${i}`).join("&")),
}));

const duplicateKeys: fc.Arbitrary<HostileBody> = fc
  .tuple(fc.constantFrom("email", "intent", "x[0]", "themeIds"), fc.integer({ min: 2, max: 3_000 }))
  .map(([name, count]) => ({
    label: `${name} × ${count}`,
    contentType: "application/x-www-form-urlencoded",
    body: text.encode(Array.from({ length: count }, () => `${encodeURIComponent(name)}=1`).join("&")),
  }));

const invalidUtf8: fc.Arbitrary<HostileBody> = fc
  .tuple(
    fc.uint8Array({ minLength: 1, maxLength: 200 }),
    fc.constantFrom("application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz"),
  )
  .map(([bytes, contentType]) => {
    const prefix = text.encode("email=");
    const body = new Uint8Array(prefix.length + bytes.length + 2);
    body.set(prefix);
    body.set(bytes, prefix.length);
    body.set([0xc3, 0x28], prefix.length + bytes.length);
    return { label: "invalid UTF-8", contentType, body };
  });

function multipart(
  boundary: string,
  parts: Array<{ name: string; value: string; filename?: string; rawDisposition?: string }>,
): string {
  return (
    parts
      .map((part) => {
        const disposition =
          part.rawDisposition ??
          `form-data; name="${part.name}"${part.filename === undefined ? "" : `; filename="${part.filename}"`}`;
        return `--${boundary}\r\nContent-Disposition: ${disposition}\r\n\r\n${part.value}\r\n`;
      })
      .join("") + `--${boundary}--\r\n`
  );
}

const malformedMultipart: fc.Arbitrary<HostileBody> = fc
  .tuple(
    fc.constantFrom(
      "no boundary",
      "wrong boundary",
      "duplicated filename",
      "truncated",
      "no closing",
      "no disposition",
      "deep name",
      "huge index",
      "quoted boundary",
      "empty",
    ),
    fc.array(fc.tuple(hostileName, hostileValue), { minLength: 1, maxLength: 5 }),
  )
  .map(([kind, pairs]) => {
    const boundary = "----cts-fuzz-boundary";
    const parts = pairs.map(([name, value]) => ({ name: name.replace(/["\r\n]/g, ""), value }));
    let contentType = `multipart/form-data; boundary=${boundary}`;
    let body = multipart(boundary, parts);
    switch (kind) {
      case "no boundary":
        contentType = "multipart/form-data";
        break;
      case "wrong boundary":
        contentType = "multipart/form-data; boundary=something-else";
        break;
      case "duplicated filename":
        body = multipart(boundary, [
          {
            name: "file",
            value: "%PDF-1.4",
            rawDisposition: 'form-data; name="file"; filename="a.pdf"; filename="b.pdf"',
          },
        ]);
        break;
      case "truncated":
        body = body.slice(0, Math.max(1, Math.floor(body.length / 2)));
        break;
      case "no closing":
        body = body.replace(`--${boundary}--\r\n`, "");
        break;
      case "no disposition":
        body = `--${boundary}\r\nContent-Type: text/plain\r\n\r\nx\r\n--${boundary}--\r\n`;
        break;
      case "deep name":
        body = multipart(boundary, [{ name: `a${"[0]".repeat(3_000)}`, value: "1" }]);
        break;
      case "huge index":
        body = multipart(boundary, [{ name: "x[99999999]", value: "1" }]);
        break;
      case "quoted boundary":
        contentType = `multipart/form-data; boundary="${boundary}"`;
        break;
      case "empty":
        body = "";
        break;
    }
    return { label: `multipart: ${kind}`, contentType, body: text.encode(body) };
  });

const wrongType: fc.Arbitrary<HostileBody> = fc
  .tuple(
    fc.constantFrom(
      null,
      "application/json",
      "text/plain",
      "application/xml",
      "text/html",
      "multipart/mixed; boundary=x",
      "application/x-www-form-urlencoded;charset=utf-16",
      "",
      "*/*",
    ),
    fc.constantFrom('{"email":"a@b.c"}', "email=a%40b.c", "<x/>", "x[99999999]=1"),
  )
  .map(([contentType, body]) => ({ label: `content type ${contentType}`, contentType, body: text.encode(body) }));

const oversize: fc.Arbitrary<HostileBody> = fc.integer({ min: 300 * 1024, max: 2 * 1024 * 1024 }).map((bytes) => ({
  label: `${bytes} bytes`,
  contentType: "application/x-www-form-urlencoded",
  body: new Uint8Array(bytes).fill(0x61),
}));

/** The 13 bytes that used to stop the process. */
export const KNOWN_KILLERS: HostileBody[] = [
  { label: "x[99999999]=1", contentType: "application/x-www-form-urlencoded", body: text.encode("x[99999999]=1") },
  { label: "x[1000000]=1", contentType: "application/x-www-form-urlencoded", body: text.encode("x[1000000]=1") },
  {
    label: "3000 nested brackets",
    contentType: "application/x-www-form-urlencoded",
    body: text.encode(`a${"[0]".repeat(3_000)}=1`),
  },
  { label: "multipart without boundary", contentType: "multipart/form-data", body: text.encode("--x\r\n\r\n") },
];

export const hostileBody: fc.Arbitrary<HostileBody> = fc.oneof(
  { weight: 5, arbitrary: urlencodedBody },
  { weight: 1, arbitrary: manyFields },
  { weight: 1, arbitrary: duplicateKeys },
  { weight: 2, arbitrary: invalidUtf8 },
  { weight: 3, arbitrary: malformedMultipart },
  { weight: 1, arbitrary: wrongType },
  { weight: 1, arbitrary: oversize },
  { weight: 1, arbitrary: fc.constantFrom(...KNOWN_KILLERS) },
);
