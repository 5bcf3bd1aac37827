import type { ProgrammeSession } from "#app/domain/editions/editions.server.ts";
import { SESSION_KIND_LABELS, SESSION_PERSON_ROLE_LABELS } from "#app/domain/shared/vocabulary.ts";
import { formatTime } from "#app/lib/time.ts";

export function Programme({ sessions }: { sessions: ProgrammeSession[] }) {
  if (sessions.length === 0) return <p>Le programme sera publié prochainement.</p>;
  return (
    <ol className="programme">
      {sessions.map((session) => (
        <li key={session.id} id={`seance-${session.id}`} className="programme__item">
          <p className="programme__time">
            <time dateTime={session.startsAt.toISOString()}>{formatTime(session.startsAt)}</time>
            {" – "}
            <time dateTime={session.endsAt.toISOString()}>{formatTime(session.endsAt)}</time>
          </p>
          <div>
            <span className="programme__kind">{SESSION_KIND_LABELS[session.kind]}</span>
            <h3 className="programme__title">{session.title}</h3>
            {session.room ? <p>Salle&nbsp;: {session.room}</p> : null}
            {session.description ? <p>{session.description}</p> : null}
            {session.persons.length > 0 ? (
              <ul className="programme__people" aria-label={`Intervenants de «\u00a0${session.title}\u00a0»`}>
                {session.persons.map((person) => (
                  <li key={person.id}>
                    <strong>{person.name}</strong>
                    {personDetails(person)}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}

function personDetails(person: ProgrammeSession["persons"][number]): string {
  const details = [person.role, person.organisation].filter(Boolean).join(", ");
  const moderation =
    person.sessionRole === "moderateur" ? ` (${SESSION_PERSON_ROLE_LABELS.moderateur.toLowerCase()})` : "";
  return `${details ? ` — ${details}` : ""}${moderation}`;
}
