// DSO (days) and CEI (%) month by month for one currency over the last 12 months.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface KpiPoint {
  month: string;
  dso: number | null;
  cei: number | null;
}

export function KpiChart({ currency, points }: { currency: string; points: KpiPoint[] }) {
  return (
    <figure className="chart">
      <figcaption>DSO and CEI, {currency}, last 12 months</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="month" tick={{ fontSize: 12 }} />
          <YAxis yAxisId="days" tick={{ fontSize: 12 }} width={40} label={{ value: 'days', angle: -90, position: 'insideLeft', fontSize: 12 }} />
          <YAxis yAxisId="percent" orientation="right" domain={[0, 100]} tick={{ fontSize: 12 }} width={40} unit="%" />
          <Tooltip />
          <Legend />
          <Line yAxisId="days" type="linear" dataKey="dso" name="DSO (days)" stroke="#2f6f9f" strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
          <Line yAxisId="percent" type="linear" dataKey="cei" name="CEI (%)" stroke="#b5651d" strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
      <table className="sr-table">
        <caption className="visually-hidden">DSO and CEI by month, {currency}</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col">DSO (days)</th>
            <th scope="col">CEI (%)</th>
          </tr>
        </thead>
        <tbody>
          {points.map((point) => (
            <tr key={point.month}>
              <th scope="row">{point.month}</th>
              <td>{point.dso ?? '—'}</td>
              <td>{point.cei ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
