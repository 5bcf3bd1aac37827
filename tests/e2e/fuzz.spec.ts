import { expect, test, type APIRequestContext } from "@playwright/test";
import { countRows } from "./database.ts";

type Payload = Array<[string, string]>;
type Form = { name: string; url: string; valid: Record<string, string> };

const FORMS: Form[] = [
  {
    name: "registration",
    url: "/editions/cts-sante-mentale-2027/inscription",
    valid: {
      firstName: "Awa",
      lastName: "Diallo",
      email: "fuzz.valide@example.org",
      organisation: "CHRS Exemple",
      role: "éducatrice",
      structureType: "hebergement",
      accessNeeds: "",
      meal: "oui",
      notice: "on",
    },
  },
  {
    name: "lost link",
    url: "/editions/cts-sante-mentale-2027/inscription/lien",
    valid: { email: "fuzz.valide@example.org" },
  },
  { name: "login", url: "/admin/connexion", valid: { email: "demo@siao95.example", password: "un mot de passe faux" } },
  {
    name: "contribution",
    url: "/editions/cts-sante-mentale-2027/contribuer",
    valid: {
      name: "Awa Diallo",
      email: "fuzz.contribution@example.org",
      role: "infirmière",
      organisation: "EMPP Exemple",
      title: "Une proposition",
      abstract: "Ce que nous avons appris en allant vers.",
      format: "atelier",
      availability: "",
      notice: "on",
    },
  },
  { name: "certificate check", url: "/attestation", valid: { code: "ZZZZ-ZZZZ-ZZ" } },
  {
    name: "directory correction",
    url: "/dispositifs/__SERVICE__",
    valid: { name: "Awa Diallo", email: "fuzz.correction@example.org", field: "phone", message: "Le numéro a changé." },
  },
];

/** Values that no field accepts, each for its own reason. */
const BAD_VALUES: Array<[string, (field: string) => string | null]> = [
  ["empty", () => ""],
  ["huge", () => "x".repeat(5000)],
  ["control characters", (field) => `a\u0000b\u0007c${field}`],
  ["script tag", () => "<script>alert(1)</script>"],
  ["SQL with markup", () => "'><img src=x onerror=alert(1)> OR 1=1 --"],
  ["only spaces", () => "     "],
  ["zero-width and RTL", () => "\u200b\u202e<b>"],
];

/** Fields whose any value would be accepted, where a "bad" value can still be valid. */
const OPTIONAL = new Set(["role", "accessNeeds", "password", "availability"]);

function encode(payload: Payload): string {
  return payload.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join("&");
}

/** Every bad request for a form: one field broken at a time, then pairs chosen by a fixed seed. */
function badPayloads(form: Form): Array<{ label: string; body: string }> {
  const fields = Object.keys(form.valid);
  const required = fields.filter((field) => !OPTIONAL.has(field));
  const cases: Array<{ label: string; body: string }> = [];
  const base = (): Payload => Object.entries(form.valid);
  for (const field of required) {
    cases.push({ label: `${field} missing`, body: encode(base().filter(([key]) => key !== field)) });
    cases.push({ label: `${field} duplicated`, body: encode([...base(), [field, form.valid[field]!]]) });
    for (const [label, make] of BAD_VALUES) {
      const value = make(field);
      if (value === null) continue;
      // A password may be anything: its "bad" values are tested through the email instead.
      cases.push({
        label: `${field}: ${label}`,
        body: encode(base().map(([key, v]) => [key, key === field ? value : v])),
      });
    }
    // Bytes that are not UTF-8 at all, straight in the body.
    cases.push({
      label: `${field}: invalid UTF-8`,
      body: encode(base().filter(([key]) => key !== field)) + `&${field}=%C3%28%FF%FE`,
    });
  }
  let seed = 95;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 40; i++) {
    const a = required[Math.floor(next() * required.length)]!;
    const b = required[Math.floor(next() * required.length)]!;
    const [la, ma] = BAD_VALUES[Math.floor(next() * BAD_VALUES.length)]!;
    const [lb, mb] = BAD_VALUES[Math.floor(next() * BAD_VALUES.length)]!;
    cases.push({
      label: `${a}: ${la} + ${b}: ${lb}`,
      body: encode(base().map(([key, v]) => [key, key === a ? ma(a)! : key === b ? mb(b)! : v])),
    });
  }
  // Wrong content types and a body far too large.
  cases.push({ label: "JSON body", body: JSON.stringify(form.valid) });
  cases.push({ label: "1 MB body", body: `${encode(base())}&filler=${"y".repeat(1_000_000)}` });
  return cases;
}

function written(): number {
  return (
    countRows("select count(*) as n from registrations") +
    countRows("select count(*) as n from emails") +
    countRows("select count(*) as n from users") +
    countRows("select count(*) as n from contributions") +
    countRows("select count(*) as n from dispositif_corrections")
  );
}

async function post(request: APIRequestContext, url: string, body: string) {
  return request.post(url, {
    data: body,
    headers: { "Content-Type": body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded" },
    maxRedirects: 0,
    failOnStatusCode: false,
  });
}

test("hundreds of bad inputs to every public form and the login: always a 4xx with a message, never a 5xx, nothing written", async ({
  request,
}) => {
  test.setTimeout(180_000);
  const before = written();
  const failures: string[] = [];
  let sent = 0;
  const directory = await (await request.get("/dispositifs")).text();
  const service = [...directory.matchAll(/href="\/dispositifs\/([a-z0-9-]+)"/g)]
    .map((m) => m[1])
    .find((slug) => slug !== "livret");
  expect(service, "a service in the directory").toBeTruthy();
  for (const form of FORMS) {
    const url = form.url.replace("__SERVICE__", service!);
    for (const { label, body } of badPayloads(form)) {
      const response = await post(request, url, body);
      sent++;
      const status = response.status();
      const text = await response.text();
      const explained =
        /class="field__error"|role="alert"|Envoi refusé|Requête refusée|Trop d’envois|Trop de tentatives/.test(text);
      if (status < 400 || status >= 500 || !explained)
        failures.push(`${form.name} / ${label}: ${status}${explained ? "" : " without a message"}`);
      if (/<script>alert\(1\)<\/script>|<img src=x onerror/.test(text))
        failures.push(`${form.name} / ${label}: payload echoed unescaped`);
    }
  }
  expect(failures).toEqual([]);
  expect(sent).toBeGreaterThan(200);
  expect(written()).toBe(before);
});
