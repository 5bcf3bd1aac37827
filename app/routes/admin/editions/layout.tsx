import { NavLink, Outlet } from "react-router";
import type { Route } from "./+types/layout";
import { EVERY_ROLE } from "#app/domain/accounts/roles.ts";
import { useTaskFirst } from "#app/components/use-task-first.ts";
import { EDITION_STATUS_LABELS } from "#app/domain/shared/vocabulary.ts";
import { requireEditionAccess } from "#app/routes/_shared/admin-edition.server.ts";
import { formatRange } from "#app/lib/time.ts";

// Reviewers get through this layout to the contributions tab only: every other tab's loader and
// action require ORGANISERS themselves, so they still answer 403 to a reviewer.
export async function loader({ params, context }: Route.LoaderArgs) {
  const { user, edition } = requireEditionAccess(context, params.editionId, EVERY_ROLE);
  return {
    edition: {
      id: edition.id,
      slug: edition.slug,
      title: edition.title,
      status: edition.status,
      startsAt: edition.startsAt,
      endsAt: edition.endsAt,
    },
    reviewerOnly: user.role === "reviewer",
  };
}

const TABS = [
  { to: "", label: "Vue d’ensemble", end: true },
  { to: "modifier", label: "Informations" },
  { to: "programme", label: "Programme" },
  { to: "inscriptions", label: "Inscriptions" },
  { to: "accueil", label: "Accueil du jour J" },
  { to: "messages", label: "Messages" },
  { to: "documents", label: "Documents" },
  { to: "attestations", label: "Attestations" },
  { to: "questionnaire", label: "Questionnaire" },
  { to: "reseau", label: "Réseau" },
  { to: "contributions", label: "Contributions" },
];

export default function EditionLayout({ loaderData }: Route.ComponentProps) {
  const { edition, reviewerOnly } = loaderData;
  const base = `/admin/editions/${edition.id}`;
  const tabs = reviewerOnly ? TABS.filter((tab) => tab.to === "contributions") : TABS;
  const taskFirst = useTaskFirst();
  const nav = (
    <nav aria-label="Rubriques de l’édition" className={`tabs${taskFirst ? " tabs--after" : ""}`}>
      <ul>
        {tabs.map((tab) => (
          <li key={tab.to}>
            <NavLink to={tab.to ? `${base}/${tab.to}` : base} end={tab.end}>
              {tab.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
  return (
    <>
      <p className="eyebrow">
        {EDITION_STATUS_LABELS[edition.status]} · {formatRange(edition.startsAt, edition.endsAt)}
      </p>
      <p className="edition-title">{edition.title}</p>
      {taskFirst ? null : nav}
      <Outlet />
      {taskFirst ? nav : null}
    </>
  );
}
