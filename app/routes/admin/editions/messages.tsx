import type { Route } from "./+types/messages";
import { ORGANISERS } from "../../../domain/auth.server";
import { requireUser } from "../../../lib/session.server";

// Placeholder: being built.
export async function loader({ request }: Route.LoaderArgs) {
  await requireUser(request, ORGANISERS);
  return null;
}

export default function Placeholder() {
  return <h1>En construction</h1>;
}
