import type { ScoreStats } from "#app/domain/contributions/reviews.server.ts";

const decimal = new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** « 3,8 »: a mean score as French readers write it. */
export function formatScore(value: number): string {
  return decimal.format(value);
}

/** Mean and spread of the reviewers' scores, as a definition list. */
export function ScoreSummary({ stats }: { stats: ScoreStats }) {
  return (
    <dl className="stats score-summary">
      <div>
        <dt>Note moyenne</dt>
        <dd>{formatScore(stats.mean)}&nbsp;/&nbsp;5</dd>
      </div>
      <div>
        <dt>Écart entre les notes</dt>
        <dd>
          {stats.spread}
          <small>
            {" "}
            (de {stats.min} à {stats.max})
          </small>
        </dd>
      </div>
      <div>
        <dt>Écart-type</dt>
        <dd>{formatScore(stats.standardDeviation)}</dd>
      </div>
      <div>
        <dt>Avis</dt>
        <dd>{stats.count}</dd>
      </div>
    </dl>
  );
}
