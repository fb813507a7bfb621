// The aging of one currency's open balances as bars per bucket. Bar heights are major units as
// numbers (a chart needs numbers); the labels people read are the exact formatted amounts.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { chartValue, formatAmount } from '../../lib/format.ts';
import { buckets, type Bucket } from './data.ts';


const bucketLabels: Record<Bucket, string> = { current: 'Not yet due', '1-30': '1–30 days', '31-60': '31–60', '61-90': '61–90', '91+': '91+ days' };

export function AgingChart({ currency, amounts, locale }: { currency: string; amounts: Record<Bucket, number>; locale: string }) {
  const data = buckets.map((bucket) => ({ bucket: bucketLabels[bucket], value: chartValue(amounts[bucket], currency), label: formatAmount(amounts[bucket], currency, locale) }));
  const compact = new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 });
  return (
    <figure className="chart">
      <figcaption>Aging of {currency} balances</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="bucket" tick={{ fontSize: 12 }} />
          <YAxis tickFormatter={(value: number) => compact.format(value)} tick={{ fontSize: 12 }} width={64} />
          <Tooltip formatter={(_value, _name, item) => [(item.payload as { label: string }).label, currency]} />
          <Bar dataKey="value" fill="#2f6f9f" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <table className="sr-table">
        <caption className="visually-hidden">Aging of {currency} balances</caption>
        <tbody>
          {data.map((row) => (
            <tr key={row.bucket}>
              <th scope="row">{row.bucket}</th>
              <td>{row.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
