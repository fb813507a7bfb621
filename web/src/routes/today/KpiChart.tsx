// DSO (days) and CEI (%) month by month for one currency over the last 12 months. A month (a
// point of the chart, or a month under it) opens the figures that month's DSO and CEI are made
// from, on Today itself (?kpi=<month>&currency=<code>).
import { Link, useNavigate } from '@tanstack/react-router';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface KpiPoint {
  /** '2026-11' */
  month: string;
  /** The month as people read it ('Nov 26'). */
  label: string;
  dso: number | null;
  cei: number | null;
}

export function KpiChart({ currency, points }: { currency: string; points: KpiPoint[] }) {
  const navigate = useNavigate();
  const figuresOf = (month: string) => ({ kpi: month, currency });
  return (
    <figure className="chart" data-testid={`kpi-chart-${currency}`}>
      <figcaption>DSO and CEI, {currency}, last 12 months</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart
          data={points}
          margin={{ top: 8, right: 8, bottom: 0, left: 8 }}
          style={{ cursor: 'pointer' }}
          onClick={(state) => {
            const point = points[Number(state.activeTooltipIndex)];
            if (point) void navigate({ to: '/', search: figuresOf(point.month), hash: 'kpi-figures' });
          }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} />
          <YAxis yAxisId="days" tick={{ fontSize: 12 }} width={40} label={{ value: 'days', angle: -90, position: 'insideLeft', fontSize: 12 }} />
          <YAxis yAxisId="percent" orientation="right" domain={[0, 100]} tick={{ fontSize: 12 }} width={40} unit="%" />
          <Tooltip />
          <Legend />
          <Line yAxisId="days" type="linear" dataKey="dso" name="DSO (days)" stroke="#2f6f9f" strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
          {/* a stroke dark enough for its name and value in the tooltip (axe: 4.5:1 on white) */}
          <Line yAxisId="percent" type="linear" dataKey="cei" name="CEI (%)" stroke="#8f4a0c" strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
      <details className="chart-months">
        <summary>Month by month</summary>
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">DSO and CEI by month, {currency}</caption>
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col" className="num">DSO (days)</th>
                <th scope="col" className="num">CEI (%)</th>
              </tr>
            </thead>
            <tbody>
              {points.map((point) => (
                <tr key={point.month}>
                  <th scope="row">
                    <Link to="/" search={figuresOf(point.month)} hash="kpi-figures" data-testid={`kpi-${currency}-${point.month}`}>
                      {point.label}
                    </Link>
                  </th>
                  <td className="num">{point.dso ?? '—'}</td>
                  <td className="num">{point.cei ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
