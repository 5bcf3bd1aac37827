import { describe, expect, it } from "vitest";
import { appDatabase } from "#tests/support/app-db.ts";

// The app reads its configuration once: set it before the modules load.
const { db } = await appDatabase("session", "https://cts.example.org");

const { sessionCookieHeader, safeRedirectTarget, getUser } = await import("#app/lib/session.server.ts");
const { requireRole } = await import("#app/routes/_shared/admin-session.server.ts");
const { adminContext } = await import("#tests/support/admin-context.ts");
const { createOrganiserAndReviewer, ORGANISER_EMAIL, REVIEWER_EMAIL, signedInCookie } =
  await import("#tests/support/staff.ts");
const { ADMIN_ONLY, EVERY_ROLE, ORGANISERS } = await import("#app/domain/accounts/roles.ts");

await createOrganiserAndReviewer(db);

function request(cookie?: string, url = "https://cts.example.org/admin/editions?page=2") {
  return new Request(url, { headers: cookie ? { Cookie: cookie } : {} });
}

/** What a back-office route gets: the layout's middleware reads the session, the route checks the role. */
async function requireUser(request: Request, roles = EVERY_ROLE) {
  return requireRole(await adminContext(request), roles);
}

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw");
}

describe("session cookie over https", () => {
  it("is __Host- prefixed, signed, httpOnly, Secure and SameSite=Lax", async () => {
    const header = await sessionCookieHeader("token-value");
    expect(header).toMatch(/^__Host-cts_session=/);
    expect(header).toContain("HttpOnly");
    expect(header).toContain("Secure");
    expect(header).toContain("SameSite=Lax");
    expect(header).toContain("Path=/");
    expect(header).not.toContain("Domain=");
    // Signed: the value carries more than the bare token.
    expect(decodeURIComponent(header.split(";")[0]!.split("=").slice(1).join("="))).not.toBe("token-value");
  });
});

describe("the back-office's session middleware and role check", () => {
  it("sends a visitor without a session to the login page, remembering where they were going", async () => {
    const response = (await thrown(requireUser(request()))) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(
      `/admin/connexion?redirectTo=${encodeURIComponent("/admin/editions?page=2")}`,
    );
  });

  it("ignores a cookie whose signature was tampered with", async () => {
    const cookie = await signedInCookie(db, ORGANISER_EMAIL);
    const tampered = `${cookie.slice(0, -3)}abc`;
    expect(await getUser(request(tampered))).toBeNull();
  });

  it("lets an organiser in and refuses them an admin-only page with 403", async () => {
    const cookie = await signedInCookie(db, ORGANISER_EMAIL);
    expect((await requireUser(request(cookie), ORGANISERS)).email).toBe("orga@siao95.example");
    const refusal = (await thrown(requireUser(request(cookie), ADMIN_ONLY))) as { init: ResponseInit | null };
    expect(refusal.init?.status).toBe(403);
  });

  it("keeps reviewers out of organiser pages", async () => {
    const cookie = await signedInCookie(db, REVIEWER_EMAIL);
    const refusal = (await thrown(requireUser(request(cookie), ORGANISERS))) as { init: ResponseInit | null };
    expect(refusal.init?.status).toBe(403);
  });
});

describe("redirect after login", () => {
  it("only follows paths inside the back-office", () => {
    expect(safeRedirectTarget("/admin/editions")).toBe("/admin/editions");
    expect(safeRedirectTarget("https://evil.example/admin")).toBe("/admin");
    expect(safeRedirectTarget("//evil.example/admin")).toBe("/admin");
    expect(safeRedirectTarget("/admin\\@evil")).toBe("/admin");
    expect(safeRedirectTarget("/editions")).toBe("/admin");
    expect(safeRedirectTarget(undefined)).toBe("/admin");
  });
});
