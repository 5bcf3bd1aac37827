import type { Route } from "./+types/audit";
import { ADMIN_ONLY } from "../../domain/auth.server";
import { requireUser } from "../../lib/session.server";

// Placeholder: being built.
export async function loader({ request }: Route.LoaderArgs) {
  await requireUser(request, ADMIN_ONLY);
  return null;
}

export default function Placeholder() {
  return <h1>En construction</h1>;
}
