import { STRUCTURE_TYPE_LABELS, type StructureType } from "#app/domain/shared/vocabulary.ts";
import { TextList } from "#app/components/text-list.tsx";

type Group = { type: StructureType; people: number; organisations: string[] };

/** The organisations present at an edition, by structure type: counts and names of structures, no person. */
export function OrganisationsList({ groups, headingLevel = 3 }: { groups: Group[]; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="organisations">
      {groups.map((group) => (
        <section key={group.type} aria-labelledby={`structures-${group.type}`}>
          <Heading id={`structures-${group.type}`}>
            {STRUCTURE_TYPE_LABELS[group.type]}
            <span className="organisations__count">
              {" "}
              — {group.people}&nbsp;participant{group.people > 1 ? "s" : ""}
              {group.organisations.length > 0
                ? `, ${group.organisations.length}\u00a0structure${group.organisations.length > 1 ? "s" : ""}`
                : ""}
            </span>
          </Heading>
          {group.organisations.length > 0 ? (
            <TextList className="organisations__names" items={group.organisations} />
          ) : null}
        </section>
      ))}
    </div>
  );
}
