import { createUser } from "#app/domain/accounts/users.server.ts";
import type { Db } from "#app/lib/db.server.ts";

const BENCH_ADMIN = { email: "bench@siao95.example", password: "bench-password-95" };

/** The back-office account the benches log in with. */
export async function createBenchAdmin(db: Db): Promise<void> {
  await createUser(db, { ...BENCH_ADMIN, name: "Bench", role: "admin" });
}

/** Logs the bench admin in on the app at `base` and returns the session cookie to send back. */
export async function benchAdminCookie(base: string): Promise<string> {
  const login = await fetch(`${base}/admin/connexion`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(BENCH_ADMIN),
    redirect: "manual",
  });
  return (login.headers.get("set-cookie") ?? "").split(";")[0]!;
}
