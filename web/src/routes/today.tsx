// / — Today: what is owed and overdue per currency (never added across currencies), the aging,
// DSO and CEI over 12 months, cash promised in the next 30 days, and the day's work (the same rows
// as the worklist). Every figure links to the rows behind it.
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { lazy, Suspense } from 'react';
import type { components } from '../api/client.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { Money } from '../components/Money.tsx';
import { formatDate } from '../lib/format.ts';
import { useFormats } from '../session.ts';
import type { KpiPoint } from './today/KpiChart.tsx';
import { buckets, dashboardQuery, promisesDueQuery, type Bucket } from './today/data.ts';

// The charts (recharts, the largest library of the app) load after the figures are on screen.
const AgingChart = lazy(() => import('./today/AgingChart.tsx').then((module) => ({ default: module.AgingChart })));
const KpiChart = lazy(() => import('./today/KpiChart.tsx').then((module) => ({ default: module.KpiChart })));

type Dashboard = components['schemas']['Dashboard'];

export function TodayScreen() {
  const { locale } = useFormats();
  const { data: dashboard } = useSuspenseQuery(dashboardQuery);
  const { today, currencies } = dashboard;
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
                <a href="#promised-heading" className="figure promised" data-testid={`promised-${entry.currency}`}>
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
      <Promised today={today} />
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

/** The promises behind the "promised" figures. */
function Promised({ today }: { today: string }) {
  const { locale } = useFormats();
  const { data, error } = useQuery(promisesDueQuery(today));
  return (
    <section aria-labelledby="promised-heading">
      <h2 id="promised-heading">Promised in the next 30 days</h2>
      <ErrorText error={error} />
      {data && data.promises.length === 0 && <p className="muted">No promises fall due in the next 30 days.</p>}
      {data && data.promises.length > 0 && (
        <div className="table-scroll">
          <table className="data-table">
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
        </div>
      )}
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
      return { month: monthName.format(Date.UTC(y, m - 1, 1)), dso: row ? row.dsoDays : null, cei: row?.ceiPercent ?? null };
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
