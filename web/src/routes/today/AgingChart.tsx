// The aging of one currency's open balances as bars per bucket. Bar heights are major units as
// numbers (a chart needs numbers); the labels people read are the exact formatted amounts. Each
// bar, and each amount under the chart, opens the customers behind it: those with an invoice in
// that bucket and currency.
import { Link, useNavigate } from '@tanstack/react-router';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { chartValue, formatAmount } from '../../lib/format.ts';
import { buckets, type Bucket } from './data.ts';

const bucketLabels: Record<Bucket, string> = { current: 'Not yet due', '1-30': '1–30 days', '31-60': '31–60', '61-90': '61–90', '91+': '91+ days' };

export function AgingChart({ currency, amounts, locale }: { currency: string; amounts: Record<Bucket, number>; locale: string }) {
  const navigate = useNavigate();
  const data = buckets.map((bucket) => ({ bucket, name: bucketLabels[bucket], value: chartValue(amounts[bucket], currency), label: formatAmount(amounts[bucket], currency, locale) }));
  const compact = new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 });
  const customersIn = (bucket: Bucket) => ({ currency, invoiceBucket: bucket });
  return (
    <figure className="chart">
      <figcaption>Aging of {currency} balances</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={{ fontSize: 12 }} />
          <YAxis tickFormatter={(value: number) => compact.format(value)} tick={{ fontSize: 12 }} width={64} />
          <Tooltip formatter={(_value, _name, item) => [(item.payload as { label: string }).label, currency]} />
          <Bar
            dataKey="value"
            fill="#2f6f9f"
            radius={[3, 3, 0, 0]}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(_entry, index) => {
              const row = data[index];
              if (row) void navigate({ to: '/customers', search: customersIn(row.bucket) });
            }}
          />
        </BarChart>
      </ResponsiveContainer>
      <ul className="chart-figures" aria-label={`Aging of ${currency} balances, by bucket`}>
        {data.map((row) => (
          <li key={row.bucket}>
            <span className="muted">{row.name}</span>{' '}
            <Link to="/customers" search={customersIn(row.bucket)} data-testid={`aging-${currency}-${row.bucket}`}>
              {row.label}
            </Link>
          </li>
        ))}
      </ul>
    </figure>
  );
}
