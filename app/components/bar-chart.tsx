/**
 * Bar charts drawn in HTML and CSS on the server. An SVG scaled to its container grew with the
 * data (one day of registrations drew a bar a thousand pixels tall with huge labels, many
 * structure types shrank the text to nothing): here the plot area has a fixed height, the text is
 * ordinary page text at the page's size, and only the bars' lengths depend on the figures. Every
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
              <span className="chart__bar" style={{ width: `${percent(d.value, max)}%` }} />
              <span className="chart__value">{d.value}</span>
            </span>
          </div>
        ))}
      </div>
      <DataTable title={title} data={data} unit={unit} />
    </figure>
  );
}

export function ColumnChart({ title, data, unit }: { title: string; data: Datum[]; unit: string }) {
  const max = Math.max(1, ...data.map((d) => d.value));
  // A label under every column only while they fit on a phone; beyond, the first and last day.
  const labelled = data.length <= 7;
  return (
    <figure className={`chart chart--columns${labelled ? " chart--labelled" : ""}`}>
      <figcaption>{title}</figcaption>
      <div className="chart__plot" aria-hidden="true">
        <span className="chart__max">{max}</span>
        <div className="chart__columns">
          {data.map((d) => (
            <span className="chart__column" key={d.label} title={`${d.label} : ${d.value}`}>
              <span className="chart__column-area">
                <span className="chart__column-bar" style={{ height: `${percent(d.value, max)}%` }} />
              </span>
              {labelled ? <span className="chart__tick">{d.label}</span> : null}
            </span>
          ))}
        </div>
        {!labelled && data.length > 0 ? (
          <div className="chart__axis">
            <span>{data[0]!.label}</span>
            <span>{data[data.length - 1]!.label}</span>
          </div>
        ) : null}
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
