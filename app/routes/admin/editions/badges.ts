import type { Route } from "./+types/badges";
import { ORGANISERS } from "../../../domain/auth.server";
import { requireUser } from "../../../lib/session.server";

// Placeholder: being built.
export async function loader({ request }: Route.LoaderArgs) {
  await requireUser(request, ORGANISERS);
  return new Response("En construction", { status: 501 });
}
