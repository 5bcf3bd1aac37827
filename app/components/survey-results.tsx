import type { SurveyResults } from "#app/domain/survey/results.server.ts";
import { OVERALL_CHART_LABELS, SURVEY_SCORES, USEFULNESS_LABELS, type SurveyScore } from "#app/domain/survey/values.ts";
import { HorizontalBarChart } from "./bar-chart.tsx";
import { formatScore } from "./score.tsx";
import { DataTable } from "./data-table.tsx";
import { StatList } from "./stat-list.tsx";

function distributionData(distribution: readonly number[], labels: Record<SurveyScore, string>) {
  return SURVEY_SCORES.map((score) => ({ label: labels[score], value: distribution[score - 1] ?? 0 }));
}

function mean(value: number | null): string {
  return value === null ? "—" : `${formatScore(value)}\u00a0/\u00a05`;
}

function TextList({ id, title, items }: { id: string; title: string; items: string[] }) {
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>
        {title} ({items.length})
      </h3>
      {items.length === 0 ? (
        <p>Aucune réponse.</p>
      ) : (
        <ul className="survey-texts">
          {items.map((item, index) => (
            <li key={index}>{item}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * The survey of an edition as organisers read it. It only receives aggregates and free texts
 * already cut from their authors (see survey-results.server.ts), so it has no name to show.
 */
export function SurveyResultsView({ results }: { results: SurveyResults }) {
  const { invitation } = results;
  return (
    <>
      <section aria-labelledby="participation">
        <h2 id="participation">Participation</h2>
        <StatList
          items={[
            { label: "Réponses", value: results.responses },
            { label: "Personnes invitées", value: invitation.invited },
            {
              label: "Taux de réponse",
              value:
                invitation.invited > 0
                  ? `${Math.round((Math.min(results.responses, invitation.invited) / invitation.invited) * 100)}\u00a0%`
                  : "—",
            },
            { label: "Personnes présentes", value: invitation.present },
          ]}
        />
      </section>

      {results.responses === 0 ? (
        <p>Aucune réponse pour le moment.</p>
      ) : (
        <>
          <section aria-labelledby="satisfaction">
            <h2 id="satisfaction">Satisfaction générale</h2>
            <p>
              Moyenne&nbsp;: <strong>{mean(results.overall.mean)}</strong> sur {results.overall.count}&nbsp;réponse
              {results.overall.count > 1 ? "s" : ""}.
            </p>
            <div className="survey-charts">
              <HorizontalBarChart
                title="Satisfaction générale"
                unit="Réponses"
                data={distributionData(results.overall.distribution, OVERALL_CHART_LABELS)}
              />
            </div>
          </section>

          {results.sessions.length > 0 ? (
            <section aria-labelledby="sequences">
              <h2 id="sequences">Utilité des séquences du programme</h2>
              <DataTable
                label="Note moyenne de chaque séquence"
                caption="Note moyenne de chaque séquence, de 1 (pas utile) à 5 (très utile)"
                visibleCaption
                columns={["Séquence", "Notes", "Moyenne"]}
              >
                {results.sessions.map((session) => (
                  <tr key={session.sessionId}>
                    <th scope="row">{session.title}</th>
                    <td>{session.count}</td>
                    <td>{mean(session.mean)}</td>
                  </tr>
                ))}
              </DataTable>
              <div className="survey-charts">
                {results.sessions
                  .filter((session) => session.count > 0)
                  .map((session) => (
                    <HorizontalBarChart
                      key={session.sessionId}
                      title={`Utilité — ${session.title}`}
                      unit="Réponses"
                      data={distributionData(session.distribution, USEFULNESS_LABELS)}
                    />
                  ))}
              </div>
            </section>
          ) : null}

          <section aria-labelledby="themes-souhaites">
            <h2 id="themes-souhaites">Thèmes souhaités pour les prochaines éditions</h2>
            {results.themes.length === 0 ? (
              <p>Aucun thème proposé.</p>
            ) : (
              <DataTable
                label="Thèmes proposés"
                caption="Thèmes proposés, regroupés sans tenir compte des majuscules, des accents ni des espaces"
                visibleCaption
                columns={["Thème", "Mentions"]}
              >
                {results.themes.map((theme) => (
                  <tr key={theme.key}>
                    <th scope="row">{theme.label}</th>
                    <td>{theme.count}</td>
                  </tr>
                ))}
              </DataTable>
            )}
          </section>

          <section aria-labelledby="textes-libres">
            <h2 id="textes-libres">Réponses libres</h2>
            <p className="field__hint">
              Classées par ordre alphabétique, sans nom ni date&nbsp;: rien ne relie une réponse à la personne qui l’a
              écrite.
            </p>
            <TextList id="a-garder" title="Ce qu’il faut garder" items={results.keep} />
            <TextList id="a-changer" title="Ce qu’il faudrait changer" items={results.change} />
            <TextList id="commentaires" title="Commentaires" items={results.comments} />
          </section>
        </>
      )}
    </>
  );
}
