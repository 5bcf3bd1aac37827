/**
 * Bar charts drawn in SVG on the server. Every bar carries its number as text, the bars are
 * told apart by their labels, not by colour, and the same figures are given as a table for
 * screen readers.
 */

type Datum = { label: string; value: number };

export function HorizontalBarChart({ title, data, unit }: { title: string; data: Datum[]; unit: string }) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const rowHeight = 28;
  const labelWidth = 190;
  const barSpace = 320;
  const height = data.length * rowHeight + 8;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${labelWidth + barSpace + 60} ${height}`} width="100%" aria-hidden="true" focusable="false">
        {data.map((d, i) => {
          const y = i * rowHeight + 4;
          const width = Math.round((d.value / max) * barSpace);
          return (
            <g key={d.label}>
              <text x={labelWidth - 8} y={y + 17} textAnchor="end" fontSize="13" fill="#1b1f24">
                {d.label}
              </text>
              <rect x={labelWidth} y={y + 3} width={Math.max(width, 1)} height={rowHeight - 10} fill="#1d4e89" />
              <text x={labelWidth + width + 6} y={y + 17} fontSize="13" fill="#1b1f24">
                {d.value}
              </text>
            </g>
          );
        })}
      </svg>
      <DataTable title={title} data={data} unit={unit} />
    </figure>
  );
}

export function ColumnChart({ title, data, unit }: { title: string; data: Datum[]; unit: string }) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const chartHeight = 160;
  const column = Math.max(4, Math.min(28, Math.floor(640 / Math.max(1, data.length))));
  const width = data.length * column + 40;
  const labelEvery = Math.max(1, Math.ceil(data.length / 10));
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${chartHeight + 50}`} width="100%" aria-hidden="true" focusable="false">
        <line x1="30" y1={chartHeight + 10} x2={width} y2={chartHeight + 10} stroke="#4a5360" />
        <text x="26" y="18" textAnchor="end" fontSize="11" fill="#1b1f24">
          {max}
        </text>
        {data.map((d, i) => {
          const h = Math.round((d.value / max) * chartHeight);
          const x = 32 + i * column;
          return (
            <g key={d.label}>
              <rect x={x} y={chartHeight + 10 - h} width={column - 2} height={h} fill="#1d4e89" />
              {i % labelEvery === 0 ? (
                <text x={x} y={chartHeight + 28} fontSize="11" fill="#1b1f24">
                  {d.label}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <DataTable title={title} data={data} unit={unit} />
    </figure>
  );
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
