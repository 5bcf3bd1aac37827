/**
 * Bar charts drawn on the server. One SVG scaled to its container grew with the data (one day of
 * registrations drew a bar a thousand pixels tall with huge labels, many structure types shrank
 * the text to nothing): here the text is ordinary page text at the page's size, and only the
 * bars are SVG, stretched (`preserveAspectRatio="none"`) into boxes whose size CSS fixes; the
 * figures set their lengths through attributes, as the CSP allows no inline style. Every
 * bar carries its number as text, the bars are told apart by their labels, not by colour, and the
 * same figures are given as a table for screen readers.
 */

type Datum = { label: string; value: number };

export function HorizontalBarChart({ title, data, unit }: { title: string; data: Datum[]; unit: string }) {
  const max = Math.max(1, ...data.map((d) => d.value));
  return (
    <figure className="chart chart--rows">
      <figcaption>{title}</figcaption>
      <div className="chart__rows" aria-hidden="true">
        {data.map((d) => (
          <div className="chart__row" key={d.label}>
            <span className="chart__label">{d.label}</span>
            <span className="chart__track">
              <svg className="chart__bar" viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false">
                <rect width={Math.max(0.5, percent(d.value, max))} height="10" />
              </svg>
              <span className="chart__value">{d.value}</span>
            </span>
          </div>
        ))}
      </div>
      <DataTable title={title} data={data} unit={unit} />
    </figure>
  );
}

/** At least this many slots: a few days draw a few narrow columns, not one bar across the chart. */
const MIN_SLOTS = 7;

export function ColumnChart({ title, data, unit }: { title: string; data: Datum[]; unit: string }) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const slots = Math.max(MIN_SLOTS, data.length);
  // A label under every column only while they fit on a phone; beyond, the first and last day.
  const labelled = data.length <= MIN_SLOTS;
  return (
    <figure className="chart chart--columns">
      <figcaption>{title}</figcaption>
      <div className="chart__plot" aria-hidden="true">
        <span className="chart__max">{max}</span>
        <svg className="chart__columns" viewBox={`0 0 ${slots * 10} 100`} preserveAspectRatio="none" focusable="false">
          {data.map((d, i) => {
            const height = percent(d.value, max);
            return <rect key={d.label} x={i * 10 + 1} y={100 - height} width="8" height={height} />;
          })}
        </svg>
        {labelled ? (
          <div className="chart__ticks">
            {Array.from({ length: slots }, (_, i) => (
              <span key={i}>{data[i]?.label ?? ""}</span>
            ))}
          </div>
        ) : (
          <div className="chart__axis">
            <span>{data[0]!.label}</span>
            <span>{data[data.length - 1]!.label}</span>
          </div>
        )}
      </div>
      <DataTable title={title} data={data} unit={unit} />
    </figure>
  );
}

function percent(value: number, max: number): number {
  return Math.round((Math.max(0, value) / max) * 1000) / 10;
}

function DataTable({ title, data, unit }: { title: string; data: Datum[]; unit: string }) {
  return (
    <table className="visually-hidden">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">Catégorie</th>
          <th scope="col">{unit}</th>
        </tr>
      </thead>
      <tbody>
        {data.map((d) => (
          <tr key={d.label}>
            <th scope="row">{d.label}</th>
            <td>{d.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
