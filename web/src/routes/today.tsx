// / — Today: what is owed and overdue per currency (never added across currencies), the aging,
// DSO and CEI over 12 months, cash promised in the next 30 days, and the day's work. Every figure
// links to the rows behind it.
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { lazy, Suspense } from 'react';
import { ErrorText } from '../components/ErrorText.tsx';
import { Money } from '../components/Money.tsx';
import { formatDate, minorUnits } from '../lib/format.ts';
import { useFormats } from '../session.ts';
import type { KpiPoint } from './today/KpiChart.tsx';
import { agingTotalsQuery, buckets, kpiMonthsQuery, promisesDueQuery, workCountsQuery } from './today/data.ts';

// The charts (recharts, the largest library of the app) load after the figures are on screen.
const AgingChart = lazy(() => import('./today/AgingChart.tsx').then((module) => ({ default: module.AgingChart })));
const KpiChart = lazy(() => import('./today/KpiChart.tsx').then((module) => ({ default: module.KpiChart })));

export function TodayScreen() {
  const { locale } = useFormats();
  const { data: aging } = useSuspenseQuery(agingTotalsQuery);
  const today = aging.asOf;
  const currencies = Object.keys(aging.totals).sort();
  return (
    <div className="today">
      <h1>
        Today <span className="muted">{formatDate(today, locale)}</span>
      </h1>
      <section aria-labelledby="owed-heading">
        <h2 id="owed-heading">Owed and overdue</h2>
        {currencies.length === 0 && <p className="muted">Nothing is owed. Import invoices to begin.</p>}
        <div className="cards">
          {currencies.map((currency) => {
            const totals = aging.totals[currency]!;
            const overdue = minorUnits(totals.total) - minorUnits(totals.current);
            return (
              <div className="card" key={currency} data-currency={currency}>
                <h3>{currency}</h3>
                <p>
                  <Link to="/customers" className="figure" data-testid={`owed-${currency}`}>
                    <Money amount={totals.total} currency={currency} />
                  </Link>
                  <span className="figure-label">owed</span>
                </p>
                <p>
                  <Link to="/customers" className="figure overdue" data-testid={`overdue-${currency}`}>
                    <Money amount={overdue} currency={currency} />
                  </Link>
                  <span className="figure-label">overdue</span>
                </p>
              </div>
            );
          })}
        </div>
      </section>
      <WorkCounts today={today} />
      <section aria-labelledby="aging-heading">
        <h2 id="aging-heading">Aging</h2>
        <Suspense fallback={<p className="loading">Drawing the charts…</p>}>
          <div className="chart-grid">
            {currencies.map((currency) => (
              <AgingChart key={currency} currency={currency} amounts={pick(aging.totals[currency]!)} locale={locale} />
            ))}
          </div>
        </Suspense>
      </section>
      <Promised today={today} />
      <Kpis today={today} currencies={currencies} />
    </div>
  );
}

function pick(amounts: Record<(typeof buckets)[number], number>) {
  return Object.fromEntries(buckets.map((bucket) => [bucket, amounts[bucket]])) as Record<(typeof buckets)[number], number>;
}

function WorkCounts({ today }: { today: string }) {
  const { data, error, isPending } = useQuery(workCountsQuery(today));
  const shown = (figure: { count: number; more: boolean } | undefined) => (figure ? `${figure.count}${figure.more ? '+' : ''}` : '…');
  return (
    <section aria-labelledby="work-heading">
      <h2 id="work-heading">The day’s work</h2>
      <ErrorText error={error} />
      <ul className="work-counts" aria-busy={isPending}>
        <li>
          <Link to="/worklist" search={{ kind: 'call' }}>
            <strong data-testid="work-calls">{shown(data?.calls)}</strong> calls to make
          </Link>
        </li>
        <li>
          <Link to="/worklist" search={{ kind: 'review' }}>
            <strong data-testid="work-reviews">{shown(data?.reviews)}</strong> reviews waiting
          </Link>
        </li>
        <li>
          <Link to="/actions" search={{ status: 'failed' }}>
            <strong data-testid="work-failed">{shown(data?.failed)}</strong> sends failed
          </Link>
        </li>
        <li>
          <Link to="/actions" search={{ status: 'blocked', date: today }}>
            <strong data-testid="work-blocked">{shown(data?.blocked)}</strong> sends blocked today
          </Link>
        </li>
        <li>
          <Link to="/worklist" search={{ kind: 'promise' }}>
            <strong data-testid="work-broken">{shown(data?.broken)}</strong> promises broken (30 days)
          </Link>
        </li>
      </ul>
    </section>
  );
}

function Promised({ today }: { today: string }) {
  const { locale } = useFormats();
  const { data, error } = useQuery(promisesDueQuery(today));
  const totals = new Map<string, bigint>();
  for (const promise of data?.promises ?? []) totals.set(promise.currency, (totals.get(promise.currency) ?? 0n) + minorUnits(promise.amount));
  return (
    <section aria-labelledby="promised-heading">
      <h2 id="promised-heading">Promised in the next 30 days</h2>
      <ErrorText error={error} />
      {data && totals.size === 0 && <p className="muted">No promises fall due in the next 30 days.</p>}
      <div className="cards">
        {[...totals].map(([currency, amount]) => (
          <div className="card" key={currency}>
            <h3>{currency}</h3>
            <p className="figure">
              <Money amount={amount} currency={currency} />
            </p>
          </div>
        ))}
      </div>
      {data && data.promises.length > 0 && (
        <table>
          <caption className="visually-hidden">Promises due in the next 30 days</caption>
          <thead>
            <tr>
              <th scope="col">Due</th>
              <th scope="col">Customer</th>
              <th scope="col" className="num">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {data.promises.map((promise) => (
              <tr key={promise.id}>
                <td>{formatDate(promise.dueOn, locale)}</td>
                <td>
                  <Link to="/customers/$id" params={{ id: promise.customerId }}>
                    Customer {promise.customerId}
                  </Link>
                </td>
                <td className="num">
                  <Money amount={promise.amount} currency={promise.currency} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Kpis({ today, currencies }: { today: string; currencies: string[] }) {
  const { data, error, isPending } = useQuery(kpiMonthsQuery(today));
  const { locale } = useFormats();
  const monthName = new Intl.DateTimeFormat(locale, { month: 'short', year: '2-digit', timeZone: 'UTC' });
  const pointsFor = (currency: string): KpiPoint[] =>
    (data ?? []).map((report) => {
      const row = report.currencies.find((entry) => entry.currency === currency);
      const [y, m] = report.from.split('-').map(Number) as [number, number];
      return { month: monthName.format(Date.UTC(y, m - 1, 1)), dso: row ? row.dso.days : null, cei: row?.cei.percent ?? null };
    });
  return (
    <section aria-labelledby="kpi-heading">
      <h2 id="kpi-heading">DSO and CEI</h2>
      <ErrorText error={error} />
      {isPending && <p className="loading">Loading the last 12 months…</p>}
      <Suspense fallback={<p className="loading">Drawing the charts…</p>}>
        <div className="chart-grid">{data && currencies.map((currency) => <KpiChart key={currency} currency={currency} points={pointsFor(currency)} />)}</div>
      </Suspense>
    </section>
  );
}
