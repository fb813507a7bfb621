// / — Today: what is owed and overdue per currency (never added across currencies), the aging,
// DSO and CEI over 12 months, cash promised in the next 30 days, and the day's work (the same rows
// as the worklist). Every figure links to the rows behind it: owed, overdue and each aging bar to
// the customers list filtered to them; promised to the promises due; a month of DSO and CEI to the
// figures it is made from (?kpi=<month>&currency=<code>); the work counts to the worklist.
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { lazy, Suspense } from 'react';
import type { components } from '../api/client.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { Money } from '../components/Money.tsx';
import { formatDate } from '../lib/format.ts';
import { useFormats } from '../session.ts';
import type { KpiPoint } from './today/KpiChart.tsx';
import { KpiFigures } from './today/KpiFigures.tsx';
import { buckets, dashboardQuery, promisesDueQuery, type Bucket } from './today/data.ts';

const route = getRouteApi('/app/');

// The charts (recharts, the largest library of the app) load after the figures are on screen.
const AgingChart = lazy(() => import('./today/AgingChart.tsx').then((module) => ({ default: module.AgingChart })));
const KpiChart = lazy(() => import('./today/KpiChart.tsx').then((module) => ({ default: module.KpiChart })));

type Dashboard = components['schemas']['Dashboard'];

export function TodayScreen() {
  const { locale } = useFormats();
  const { data: dashboard } = useSuspenseQuery(dashboardQuery);
  const { today, currencies } = dashboard;
  const search = route.useSearch();
  const kpiMonth = search.kpi && search.currency ? dashboard.trend.find((month) => month.month === search.kpi) : undefined;
  return (
    <div className="today">
      <h1>
        Today <span className="muted">{formatDate(today, locale)}</span>
      </h1>
      <section aria-labelledby="owed-heading">
        <h2 id="owed-heading">Owed and overdue</h2>
        {currencies.length === 0 && <p className="muted">Nothing is owed. Import invoices to begin.</p>}
        <div className="cards">
          {currencies.map((entry) => (
            <div className="card" key={entry.currency} data-currency={entry.currency}>
              <h3>{entry.currency}</h3>
              <p>
                <Link to="/customers" search={{ currency: entry.currency }} className="figure" data-testid={`owed-${entry.currency}`}>
                  <Money amount={entry.owed} currency={entry.currency} />
                </Link>
                <span className="figure-label">owed</span>
              </p>
              <p>
                <Link to="/customers" search={{ currency: entry.currency, overdue: 'true' }} className="figure overdue" data-testid={`overdue-${entry.currency}`}>
                  <Money amount={entry.overdue} currency={entry.currency} />
                </Link>
                <span className="figure-label">overdue</span>
              </p>
              <p>
                <a href={BigInt(entry.promisedNext30Days) > 0n ? `#promised-${entry.currency}` : '#promised-heading'} className="figure promised" data-testid={`promised-${entry.currency}`}>
                  <Money amount={entry.promisedNext30Days} currency={entry.currency} />
                </a>
                <span className="figure-label">promised, next 30 days</span>
              </p>
            </div>
          ))}
        </div>
      </section>
      <WorkCounts work={dashboard.work} />
      <section aria-labelledby="aging-heading">
        <h2 id="aging-heading">Aging</h2>
        <Suspense fallback={<p className="loading">Drawing the charts…</p>}>
          <div className="chart-grid">
            {currencies.map((entry) => (
              <AgingChart key={entry.currency} currency={entry.currency} amounts={pick(entry.aging)} locale={locale} />
            ))}
          </div>
        </Suspense>
      </section>
      <Kpis trend={dashboard.trend} currencies={currencies.map((entry) => entry.currency)} />
      {kpiMonth && search.currency && <KpiFigures month={kpiMonth} currency={search.currency} today={today} />}
      <Promised today={today} currencies={currencies.map((entry) => entry.currency)} />
    </div>
  );
}

function pick(amounts: Record<Bucket, number>) {
  return Object.fromEntries(buckets.map((bucket) => [bucket, amounts[bucket]])) as Record<Bucket, number>;
}

function WorkCounts({ work }: { work: Dashboard['work'] }) {
  const figures = [
    { kind: 'call', count: work.call, label: 'calls to make', testId: 'work-calls' },
    { kind: 'review', count: work.review, label: 'reviews waiting', testId: 'work-reviews' },
    { kind: 'send', count: work.send_failed + work.send_blocked + work.letter_held, label: 'sends failed, blocked or held', testId: 'work-sends' },
    { kind: 'promise', count: work.promise_due + work.promise_broken, label: 'promises due today or broken', testId: 'work-promises' },
    { kind: 'approval', count: work.settlement_approval + work.plan_approval, label: 'plans and settlements to approve', testId: 'work-approvals' },
  ] as const;
  return (
    <section aria-labelledby="work-heading">
      <h2 id="work-heading">The day’s work</h2>
      <ul className="work-counts">
        {figures.map((figure) => (
          <li key={figure.kind}>
            <Link to="/worklist" search={{ kind: figure.kind }}>
              <strong data-testid={figure.testId}>{figure.count}</strong> {figure.label}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The promises behind the "promised" figures: one table per currency, its total the figure. */
function Promised({ today, currencies }: { today: string; currencies: string[] }) {
  const { locale } = useFormats();
  const { data, error } = useQuery(promisesDueQuery(today));
  return (
    <section aria-labelledby="promised-heading">
      <h2 id="promised-heading">Promised in the next 30 days</h2>
      <ErrorText error={error} />
      {data && data.promises.length === 0 && <p className="muted">No promises fall due in the next 30 days.</p>}
      {data?.more && <p className="muted">The first {data.promises.length} promises, by when they were made.</p>}
      {data &&
        currencies.map((currency) => {
          const promises = data.promises.filter((promise) => promise.currency === currency);
          if (promises.length === 0) return null;
          const total = promises.reduce((sum, promise) => sum + BigInt(promise.amount), 0n);
          return (
            <div className="table-scroll" key={currency} id={`promised-${currency}`}>
              <table className="data-table" data-testid={`promises-${currency}`}>
                <caption>Promised in {currency}</caption>
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
                  {promises.map((promise) => (
                    <tr key={promise.id}>
                      <td>{formatDate(promise.dueOn, locale)}</td>
                      <td>
                        <Link to="/customers/$id" params={{ id: promise.customerId }}>
                          {promise.customerName}
                        </Link>
                      </td>
                      <td className="num">
                        <Money amount={promise.amount} currency={promise.currency} />
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" colSpan={2}>
                      Total
                    </th>
                    <td className="num" data-testid={`promises-total-${currency}`}>
                      <Money amount={total} currency={currency} />
                    </td>
                  </tr>
                </tfoot>
              </table>
            </div>
          );
        })}
    </section>
  );
}

function Kpis({ trend, currencies }: { trend: Dashboard['trend']; currencies: string[] }) {
  const { locale } = useFormats();
  const monthName = new Intl.DateTimeFormat(locale, { month: 'short', year: '2-digit', timeZone: 'UTC' });
  const pointsFor = (currency: string): KpiPoint[] =>
    trend.map((month) => {
      const row = month.currencies.find((entry) => entry.currency === currency);
      const [y, m] = month.month.split('-').map(Number) as [number, number];
      return { month: month.month, label: monthName.format(Date.UTC(y, m - 1, 1)), dso: row ? row.dsoDays : null, cei: row?.ceiPercent ?? null };
    });
  return (
    <section aria-labelledby="kpi-heading">
      <h2 id="kpi-heading">DSO and CEI</h2>
      <Suspense fallback={<p className="loading">Drawing the charts…</p>}>
        <div className="chart-grid">
          {currencies.map((currency) => (
            <KpiChart key={currency} currency={currency} points={pointsFor(currency)} />
          ))}
        </div>
      </Suspense>
    </section>
  );
}
