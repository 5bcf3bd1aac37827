import { DataTable } from "./data-table.tsx";

type Person = { firstName: string; lastName: string; organisation: string; role: string | null };

/** The participants' list of an edition, as the private page and the back-office show it. */
export function NetworkTable({ people, caption }: { people: Person[]; caption: string }) {
  if (people.length === 0) return <p>Personne n’a encore choisi d’apparaître dans la liste.</p>;
  return (
    <DataTable label={caption} caption={caption} visibleCaption columns={["Nom", "Fonction", "Structure"]}>
      {people.map((person, index) => (
        <tr key={`${person.lastName}-${person.firstName}-${index}`}>
          <th scope="row">
            {person.firstName} {person.lastName}
          </th>
          <td>{person.role ?? ""}</td>
          <td>{person.organisation}</td>
        </tr>
      ))}
    </DataTable>
  );
}
