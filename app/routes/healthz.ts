import { databaseAnswers } from "#app/lib/db.server.ts";

export function loader() {
  const ok = databaseAnswers();
  return Response.json(
    { status: ok ? "ok" : "error" },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
